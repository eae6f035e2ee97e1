#pragma once
// A run: what `snipcheck check` (or `merge`, or a report read back) holds. It is a list of
// articles, each a list of entries: the snippet, what its checker concluded and whether that
// meets the policy. Every renderer walks this one tree, as cmark's renderers walk a document.
#include <cstdint>
#include <ranges>
#include <string>
#include <vector>

#include "model/snippet.hpp"

namespace snipcheck {

// Whether a snippet's result meets the policy, and what the policy allowed.
struct PolicyOutcome {
    bool meets = true;
    std::string expected;  // what was allowed, for reports: "compiles", "speculative-syntax", ...
};

// --shard K/N: which share of a run's snippets this run checked.
struct Shard {
    int index = 1;  // K, 1-based
    int count = 1;  // N
};

// A toolchain a run used, as reports name it.
struct ToolchainInfo {
    std::string name;
    std::string rustc;
    std::string identity;
};

struct Entry {
    Snippet snippet;
    CheckResult result;
    PolicyOutcome outcome;
};

struct ArticleRun {
    std::string path;
    std::vector<Entry> entries;  // in line order
};

struct CheckRun {
    std::vector<ArticleRun> articles;  // in path order
    std::vector<std::string> warnings;
    std::vector<ToolchainInfo> toolchains;
    std::string registry;
    std::size_t registry_crates = 0;
    std::int64_t duration_ms = 0;
    // Which run this is and which share of it: shard reports of one run carry the same id
    // and merge refuses missing, repeated or foreign shards.
    std::string run_id;
    Shard shard;
    bool sandboxed = true;  // false under --no-sandbox-i-trust-these-articles

    // Every entry of every article, in report order.
    auto entries() const {
        return articles | std::views::transform([](const ArticleRun& a) -> const std::vector<Entry>& { return a.entries; }) |
               std::views::join;
    }
    auto entries() {
        return articles | std::views::transform([](ArticleRun& a) -> std::vector<Entry>& { return a.entries; }) |
               std::views::join;
    }
    std::size_t size() const;
    // Appends an entry to the last article when it is the snippet's, else to a new article.
    void add(Entry entry);
};

// True when every snippet meets the policy.
bool all_meet_policy(const CheckRun& run);

}  // namespace snipcheck
