#pragma once
// The interface every toolchain adapter (Rust, TOML, shell) implements: which snippets it
// judges, the verdict with its evidence, its identity for cache keys, and how it checks a
// batch. The pipeline (check/execute.hpp) knows adapters only through it.
#include <exception>
#include <string>
#include <vector>

#include "model/snippet.hpp"

namespace snipcheck {

// A snippet whose check went wrong inside snipcheck: a harness-error saying what failed.
inline CheckResult harness_error(const std::string& what) {
    CheckResult r;
    r.verdict = Verdict::HarnessError;
    r.evidence.push_back({"snipcheck", "", "", "", "error", what, 0});
    return r;
}

// Runs one check: an exception becomes the snippet's harness-error, never a crash of the run
// (checks run on worker threads).
template <typename Check>
CheckResult guarded(Check&& check) {
    try {
        return check();
    } catch (const std::exception& e) {
        return harness_error(std::string("internal error: ") + e.what());
    }
}

class SnippetChecker {
public:
    // One snippet of a batch and the context the article's earlier snippets give it.
    struct Item {
        const Snippet* snippet = nullptr;
        std::string context;
    };

    virtual ~SnippetChecker() = default;
    virtual bool handles(const Snippet& s) const = 0;
    // `context`: what the article's earlier snippets supply (see contribution); may be ignored.
    virtual CheckResult check(const Snippet& s, const std::string& context) const = 0;
    virtual std::string identity() const = 0;

    // What a snippet adds to the context of the article's later snippets that this checker
    // handles (Rust: its items). Nothing by default.
    virtual std::string contribution(const Snippet&) const { return ""; }
    // Whether a snippet may share one tool run with others of its kind.
    virtual bool batchable(const Snippet&) const { return false; }
    // Checks one snippet, or several batchable ones together: one result per item, in order,
    // and never throws (a failure is that snippet's harness-error). By default each alone.
    virtual std::vector<CheckResult> check_batch(const std::vector<Item>& items) const {
        std::vector<CheckResult> out;
        for (const auto& item : items) {
            out.push_back(guarded([&] { return check(*item.snippet, item.context); }));
        }
        return out;
    }
};

}  // namespace snipcheck
