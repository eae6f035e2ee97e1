#include <catch2/catch.hpp>

#include <filesystem>

#include "toolchains/rust/rust_checker.hpp"
#include "toolchains/universes/universe.hpp"

using namespace snipcheck;
namespace fs = std::filesystem;

// Fetches a small universe for real (sid's bitflags: a handful of packages) into a cache of
// its own, so that the other tests keep bookworm as the newest universe.
TEST_CASE("a fetched universe proves a crate-version change by compiler", "[universe][network]") {
    std::string cache = std::string(SNIPCHECK_TEST_CACHE) + "-universe";
    auto quiet = [](const std::string&) {};
    auto first = fetch_universe("sid", {"bitflags"}, cache, quiet);
    REQUIRE(first.ok());
    REQUIRE(first->crates.count("bitflags"));
    CHECK(first->crates.at("bitflags").starts_with("2."));

    SECTION("fetching twice downloads nothing the second time") {
        auto again = fetch_universe("sid", {"bitflags"}, cache, quiet);
        REQUIRE(again.ok());
        CHECK(again->downloaded == 0);
        CHECK(again->packages == first->packages);
    }
    SECTION("a failed fetch leaves the universe as it was, and no half universe") {
        auto bad = fetch_universe("sid", {"no-such-crate-snipcheck"}, cache, quiet);
        CHECK_FALSE(bad.ok());
        CHECK(fs::exists(fs::path(cache) / "universes" / "sid" / "registry" / ("bitflags-" + first->crates.at("bitflags"))));
        for (const auto& e : fs::directory_iterator(fs::path(cache) / "universes")) {
            CHECK_FALSE(e.path().filename().string().find(".tmp") != std::string::npos);
        }
    }
    SECTION("a snippet bookworm's bitflags 1.x accepts and sid's 2.x rejects is outdated-api") {
        auto checker = RustChecker::create({default_profile(), cache, false});
        REQUIRE(checker.ok());
        CHECK((*checker)->reference_universe().name == "sid");
        Snippet s;
        s.id = "flags:3";
        s.article = "flags.md";
        s.start_line = 3;
        s.language = "rust";
        s.code =
            "use bitflags::bitflags;\n"
            "bitflags! {\n    struct Perms: u32 {\n        const READ = 0b01;\n        const WRITE = 0b10;\n    }\n}\n"
            "fn main() {\n    println!(\"{:?}\", Perms::READ | Perms::WRITE);\n}";
        auto r = (*checker)->check(s, "");
        CHECK(r.verdict == Verdict::OutdatedApi);
        CHECK(r.subkind == "crate-version");
        REQUIRE_FALSE(r.findings.empty());
        const std::string& why = r.findings.back().message;
        INFO(why);
        CHECK(why.find("accepted with the bookworm crates (bitflags 1.3.2)") != std::string::npos);
        CHECK(why.find("rejected with today's sid (bitflags 2.") != std::string::npos);
    }
}
