// check/: the result cache's keys and entries, and sharding.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <set>

#include "check/result_cache.hpp"
#include "check/shard.hpp"

using namespace snipcheck;
namespace fs = std::filesystem;

namespace {
Snippet snippet(std::string code, int line = 3) {
    Snippet s;
    s.id = "a.md:" + std::to_string(line);
    s.article = "a.md";
    s.start_line = line;
    s.end_line = line + 1;
    s.language = "rust";
    s.code = std::move(code);
    return s;
}
}  // namespace

TEST_CASE("a cache key changes with everything that can change a verdict") {
    Snippet s = snippet("fn main() {}");
    std::string base = ResultCache::key("rustc 1.95", s, "ctx", false);
    CHECK(base == ResultCache::key("rustc 1.95", snippet("fn main() {}"), "ctx", false));
    CHECK(base != ResultCache::key("rustc 1.96", s, "ctx", false));
    CHECK(base != ResultCache::key("rustc 1.95", snippet("fn main() { }"), "ctx", false));
    CHECK(base != ResultCache::key("rustc 1.95", s, "other context", false));
    CHECK(base != ResultCache::key("rustc 1.95", s, "ctx", true));
    CHECK(base != ResultCache::key("rustc 1.95", snippet("fn main() {}", 9), "ctx", false));  // evidence lines
    Snippet ignored = s;
    ignored.attributes = {"ignore"};
    CHECK(base != ResultCache::key("rustc 1.95", ignored, "ctx", false));
}

TEST_CASE("the result cache stores, loads, and treats a damaged entry as a miss") {
    fs::path dir = fs::temp_directory_path() / "snipcheck-cache-test";
    fs::remove_all(dir);
    ResultCache cache(dir.string());
    std::string key = ResultCache::key("id", snippet("fn main() {}"), "", false);
    CHECK_FALSE(cache.load(key));
    CheckResult r;
    r.verdict = Verdict::Incomplete;
    r.subkind = "undefined";
    r.undefined = {"Foo"};
    r.findings.push_back({Verdict::Incomplete, "undefined", "defined nowhere: Foo"});
    cache.store(key, r);
    auto back = cache.load(key);
    REQUIRE(back);
    CHECK(back->verdict == Verdict::Incomplete);
    CHECK(back->undefined == std::vector<std::string>{"Foo"});
    for (const auto& e : fs::recursive_directory_iterator(dir)) {
        if (e.is_regular_file()) {
            std::ofstream(e.path()) << "{ not json";
        }
    }
    CHECK_FALSE(cache.load(key));
    fs::remove_all(dir);
}

TEST_CASE("shards are disjoint, cover everything and do not depend on order") {
    CHECK_FALSE(parse_shard("0/3"));
    CHECK_FALSE(parse_shard("4/3"));
    CHECK_FALSE(parse_shard("a/b"));
    CHECK_FALSE(parse_shard("1/0"));
    REQUIRE(parse_shard("2/3"));
    CHECK(parse_shard("2/3")->index == 2);
    std::vector<Snippet> all;
    for (int i = 1; i <= 300; ++i) {
        all.push_back(snippet("x", i));
    }
    std::multiset<std::string> seen;
    std::vector<int> sizes;
    for (int k = 1; k <= 3; ++k) {
        int n = 0;
        for (const auto& s : all) {
            if (in_shard(s, Shard{k, 3})) {
                seen.insert(s.id);
                ++n;
            }
        }
        sizes.push_back(n);
    }
    CHECK(seen.size() == all.size());
    CHECK(std::set<std::string>(seen.begin(), seen.end()).size() == all.size());
    for (int n : sizes) {
        CHECK(n > 50);  // a hash, not a range: every shard gets a share
    }
}
