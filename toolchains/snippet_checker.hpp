#pragma once
// The interface every toolchain adapter (Rust, TOML, shell) implements: which snippets it
// judges, the verdict with its evidence, and its identity for cache keys.
#include <string>

#include "model/snippet.hpp"

namespace snipcheck {

class SnippetChecker {
public:
    virtual ~SnippetChecker() = default;
    virtual bool handles(const Snippet& s) const = 0;
    // `context`: what the article's earlier snippets supply (Rust items); may be ignored.
    virtual CheckResult check(const Snippet& s, const std::string& context) const = 0;
    virtual std::string identity() const = 0;
};

}  // namespace snipcheck
