#pragma once
// The result cache (ccache style): a key of tagged, versioned fields; entries sharded by key
// and written atomically (temp file + rename); a key change never reuses an entry.
#include <optional>
#include <string>

#include "model/snippet.hpp"

namespace snipcheck {

class ResultCache {
public:
    explicit ResultCache(std::string dir) : dir_(std::move(dir)) {}

    // The key of one check: format version first, then every input that can change a verdict
    // or its evidence (the snippet's first article line: diagnostics are article lines).
    // `context_sha256` is the SHA-256 of the article context the snippet is checked with.
    static std::string key(const std::string& checker_identity, const Snippet& s, const std::string& context_sha256,
                           bool include_ignored);
    std::optional<CheckResult> load(const std::string& key) const;
    void store(const std::string& key, const CheckResult& r) const;

private:
    std::string path_of(const std::string& key) const;
    std::string dir_;
};

}  // namespace snipcheck
