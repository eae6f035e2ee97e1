// check/execute: the generic pipeline, driven by a fake checker (no toolchain): which checker
// gets a snippet, context, the result cache, sharding, batches, ordering and --jobs.
#include <catch2/catch.hpp>

#include <atomic>
#include <filesystem>
#include <mutex>
#include <set>
#include <unistd.h>
#include <stdexcept>

#include "check/execute.hpp"
#include "check/shard.hpp"

using namespace snipcheck;
namespace fs = std::filesystem;

namespace {

// Judges snippets of language "fake": "bad" in the code is an error, "boom" throws. Its
// result's subkind records the context it was given, so tests see what reached it. A
// snippet's lines starting with "item" are its contribution to later snippets.
class FakeChecker : public SnippetChecker {
public:
    mutable std::atomic<int> checks{0};
    mutable std::mutex mutex;
    mutable std::vector<std::size_t> batch_sizes;

    bool handles(const Snippet& s) const override { return s.language == "fake"; }
    std::string identity() const override { return "fake 1.0"; }
    bool batchable(const Snippet& s) const override { return s.code.find("batch") != std::string::npos; }
    std::string contribution(const Snippet& s) const override {
        return s.code.starts_with("item") ? s.code + "\n" : "";
    }
    CheckResult check(const Snippet& s, const std::string& context) const override {
        ++checks;
        if (s.code.find("boom") != std::string::npos) {
            throw std::runtime_error("the fake tool fell over");
        }
        CheckResult r;
        r.verdict = s.code.find("bad") != std::string::npos ? Verdict::Error : Verdict::Compiles;
        r.subkind = "context=" + context;
        return r;
    }
    std::vector<CheckResult> check_batch(const std::vector<Item>& items) const override {
        {
            std::lock_guard<std::mutex> lock(mutex);
            batch_sizes.push_back(items.size());
        }
        return SnippetChecker::check_batch(items);
    }
};

Snippet snippet(const std::string& article, int line, const std::string& language, const std::string& code) {
    Snippet s;
    s.article = article;
    s.id = article + ":" + std::to_string(line);
    s.start_line = line;
    s.end_line = line;
    s.language = language;
    s.code = code;
    return s;
}

// Two articles: items that later snippets see, a failure, a throw, prose, batchable ones.
std::vector<Snippet> articles() {
    std::vector<Snippet> out = {
        snippet("a.md", 1, "fake", "item one"),  snippet("a.md", 5, "fake", "uses one"),
        snippet("a.md", 9, "fake", "item two"),  snippet("a.md", 12, "fake", "bad code"),
        snippet("a.md", 15, "text", "prose"),    snippet("a.md", 20, "fake", "boom"),
        snippet("b.md", 1, "fake", "fresh start"), snippet("b.md", 4, "cobol", "DISPLAY 'HI'."),
    };
    for (int i = 0; i < 30; ++i) {
        out.push_back(snippet("c.md", 10 + i, "fake", "batch " + std::to_string(i)));
    }
    return out;
}

struct TempDir {
    fs::path path = fs::temp_directory_path() / ("snipcheck-execute-" + std::to_string(::getpid()));
    TempDir() { fs::remove_all(path); }
    ~TempDir() { fs::remove_all(path); }
};

ExecuteOptions options(const TempDir& dir, unsigned jobs, bool use_cache) {
    ExecuteOptions o;
    o.cache_dir = dir.path.string();
    o.use_cache = use_cache;
    o.jobs = jobs;
    return o;
}

}  // namespace

TEST_CASE("the pipeline gives each snippet to its checker with the article's context") {
    TempDir dir;
    FakeChecker fake;
    auto checked = check_snippets(articles(), {{&fake, fake.identity()}}, options(dir, 1, false));
    REQUIRE(checked.results.size() == articles().size());
    const auto& r = checked.results;
    CHECK(r[0].verdict == Verdict::Compiles);
    CHECK(r[0].subkind == "context=");
    CHECK(r[1].subkind == "context=item one\n");
    CHECK(r[3].subkind == "context=item one\nitem two\n");
    CHECK(r[3].verdict == Verdict::Error);
    CHECK(r[4].verdict == Verdict::Skipped);
    CHECK(r[4].subkind == "not-code");
    CHECK(r[5].verdict == Verdict::HarnessError);  // a throw fails its snippet, not the run
    REQUIRE_FALSE(r[5].evidence.empty());
    CHECK(r[5].evidence[0].message.find("the fake tool fell over") != std::string::npos);
    CHECK(r[6].subkind == "context=");  // another article starts afresh
    CHECK(r[7].verdict == Verdict::Skipped);
    CHECK(r[7].subkind == "language-not-checked");
    for (std::size_t i = 0; i < r.size(); ++i) {
        CHECK(checked.snippets[i].id == articles()[i].id);  // results stay in the order given
    }
}

TEST_CASE("batchable snippets reach their checker in batches, the others one by one") {
    TempDir dir;
    FakeChecker fake;
    check_snippets(articles(), {{&fake, fake.identity()}}, options(dir, 1, false));
    std::size_t batched = 0;
    std::size_t singles = 0;
    for (auto n : fake.batch_sizes) {
        (n > 1 ? batched : singles) += n;
    }
    CHECK(batched == 30);
    CHECK(singles == 6);
}

TEST_CASE("results do not depend on --jobs") {
    TempDir dir;
    FakeChecker one;
    FakeChecker four;
    auto a = check_snippets(articles(), {{&one, one.identity()}}, options(dir, 1, false));
    auto b = check_snippets(articles(), {{&four, four.identity()}}, options(dir, 4, false));
    REQUIRE(a.results.size() == b.results.size());
    for (std::size_t i = 0; i < a.results.size(); ++i) {
        CHECK(a.snippets[i].id == b.snippets[i].id);
        CHECK(a.results[i].verdict == b.results[i].verdict);
        CHECK(a.results[i].subkind == b.results[i].subkind);
    }
}

TEST_CASE("a second run comes from the cache, except harness errors and another identity") {
    TempDir dir;
    FakeChecker first;
    check_snippets(articles(), {{&first, first.identity()}}, options(dir, 2, true));
    CHECK(first.checks == 36);
    FakeChecker second;
    auto again = check_snippets(articles(), {{&second, second.identity()}}, options(dir, 2, true));
    CHECK(second.checks == 1);  // only the snippet that threw: harness errors are not kept
    CHECK(again.results[3].cached);
    CHECK(again.results[3].verdict == Verdict::Error);
    CHECK(again.results[1].subkind == "context=item one\n");
    CHECK_FALSE(again.results[5].cached);
    FakeChecker other;
    check_snippets(articles(), {{&other, "fake 2.0"}}, options(dir, 2, true));
    CHECK(other.checks == 36);  // a new toolchain identity reuses nothing
}

TEST_CASE("shards are disjoint, cover the run, and keep the whole article's context") {
    TempDir dir;
    std::set<std::string> seen;
    std::size_t total = 0;
    for (int k = 1; k <= 3; ++k) {
        FakeChecker fake;
        ExecuteOptions o = options(dir, 2, false);
        o.shard = {k, 3};
        auto part = check_snippets(articles(), {{&fake, fake.identity()}}, o);
        for (std::size_t i = 0; i < part.snippets.size(); ++i) {
            CHECK(in_shard(part.snippets[i], o.shard));
            CHECK(seen.insert(part.snippets[i].id).second);
            if (part.snippets[i].id == "a.md:12") {
                CHECK(part.results[i].subkind == "context=item one\nitem two\n");
            }
        }
        total += part.snippets.size();
    }
    CHECK(total == articles().size());
}

TEST_CASE("the first checker that handles a snippet checks it") {
    TempDir dir;
    FakeChecker first;
    FakeChecker second;
    auto checked = check_snippets(articles(), {{&first, "first"}, {&second, "second"}}, options(dir, 1, false));
    CHECK(first.checks == 36);
    CHECK(second.checks == 0);
    CHECK(checked.results[0].verdict == Verdict::Compiles);
}
