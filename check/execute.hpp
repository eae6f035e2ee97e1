#pragma once
// The generic part of a check: every snippet goes to the first checker that handles it, its
// result comes from the cache when there, and the rest are checked on worker threads, in the
// batches their checkers allow. It knows no toolchain: tests drive it with a fake checker.
#include <functional>
#include <string>
#include <vector>

#include "model/run.hpp"
#include "model/snippet.hpp"
#include "toolchains/snippet_checker.hpp"

namespace snipcheck {

struct ExecuteOptions {
    std::string cache_dir;
    bool use_cache = true;
    bool include_ignored = false;  // part of every cache key
    unsigned jobs = 1;
    Shard shard;  // the share of the snippets checked; context still comes from all of them
    std::function<void(std::size_t done, std::size_t total, const std::string& article)> progress;
};

// One checker and its identity in cache keys (the checker's own, plus whatever else the run
// keeps apart, such as an unsandboxed run).
struct CheckerSlot {
    const SnippetChecker* checker = nullptr;
    std::string identity;
};

struct Checked {
    std::vector<Snippet> snippets;  // the shard's, in the order given
    std::vector<CheckResult> results;  // same order
};

// Checks `snippets` (in report order: by article, then line). A snippet no checker handles
// is skipped (not-code, or language-not-checked).
Checked check_snippets(std::vector<Snippet> snippets, const std::vector<CheckerSlot>& checkers,
                       const ExecuteOptions& options);

}  // namespace snipcheck
