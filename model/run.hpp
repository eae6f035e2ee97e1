#pragma once
// A run: what `snipcheck check` (or `merge`, or a report read back) holds. It is a list of
// articles, each a list of entries: the snippet, what its checker concluded and whether that
// meets the policy. Every renderer walks this one tree, as cmark's renderers walk a document.
#include <cstdint>
#include <cstddef>
#include <iterator>
#include <string>
#include <type_traits>
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

// The entries of a list of articles as one forward range, article after article (written out
// rather than std::views::join, which clang 14 cannot compile against libstdc++ 12).
template <typename Article, typename E>
class EntryRange {
public:
    using Articles = std::conditional_t<std::is_const_v<Article>, const std::vector<ArticleRun>, std::vector<ArticleRun>>;

    class iterator {
    public:
        using iterator_category = std::forward_iterator_tag;
        using value_type = Entry;
        using difference_type = std::ptrdiff_t;
        using pointer = E*;
        using reference = E&;

        iterator() = default;
        iterator(Articles* articles, std::size_t article) : articles_(articles), article_(article) { settle(); }
        reference operator*() const { return (*articles_)[article_].entries[entry_]; }
        pointer operator->() const { return &**this; }
        iterator& operator++() {
            ++entry_;
            settle();
            return *this;
        }
        iterator operator++(int) {
            iterator before = *this;
            ++*this;
            return before;
        }
        bool operator==(const iterator& o) const { return article_ == o.article_ && entry_ == o.entry_; }
        bool operator!=(const iterator& o) const { return !(*this == o); }

    private:
        // Steps over articles with no entries (left) to the next entry, or to the end.
        void settle() {
            while (article_ < articles_->size() && entry_ >= (*articles_)[article_].entries.size()) {
                ++article_;
                entry_ = 0;
            }
        }
        Articles* articles_ = nullptr;
        std::size_t article_ = 0;
        std::size_t entry_ = 0;
    };

    EntryRange(Articles* articles) : articles_(articles) {}
    iterator begin() const { return {articles_, 0}; }
    iterator end() const { return {articles_, articles_->size()}; }

private:
    Articles* articles_;
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
    EntryRange<const ArticleRun, const Entry> entries() const { return {&articles}; }
    EntryRange<ArticleRun, Entry> entries() { return {&articles}; }
    std::size_t size() const;
    // Appends an entry to the last article when it is the snippet's, else to a new article.
    void add(Entry entry);
};

// True when every snippet meets the policy.
bool all_meet_policy(const CheckRun& run);

}  // namespace snipcheck
