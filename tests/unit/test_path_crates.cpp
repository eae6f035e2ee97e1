#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "toolchains/universes/path_crates.hpp"
#include "toolchains/profile.hpp"

using namespace snipcheck;
namespace fs = std::filesystem;

TEST_CASE("cargo's version requirements") {
    SECTION("caret is the default: the leftmost non-zero part stays") {
        CHECK(version_matches("0.12", "0.12.15"));
        CHECK_FALSE(version_matches("0.12", "0.11.27"));
        CHECK_FALSE(version_matches("0.12", "0.13.0"));
        CHECK(version_matches("1", "1.43.1"));
        CHECK_FALSE(version_matches("1", "2.0.0"));
        CHECK(version_matches("^1.2.3", "1.9.0"));
        CHECK_FALSE(version_matches("^1.2.3", "1.2.2"));
        CHECK(version_matches("0.0.3", "0.0.3"));
        CHECK_FALSE(version_matches("0.0.3", "0.0.4"));
    }
    SECTION("tilde, exact, comparisons, wildcards and conjunctions") {
        CHECK(version_matches("~1.2", "1.2.9"));
        CHECK_FALSE(version_matches("~1.2", "1.3.0"));
        CHECK(version_matches("=0.20.0", "0.20.0"));
        CHECK_FALSE(version_matches("=0.20.0", "0.20.1"));
        CHECK(version_matches(">=0.3, <0.5", "0.4.2"));
        CHECK_FALSE(version_matches(">=0.3, <0.5", "0.5.0"));
        CHECK(version_matches("*", "3.2.23"));
        CHECK(version_matches("1.*", "1.7.1"));
        CHECK(version_matches("0.20", "0.20.0-beta.1") == true);
        CHECK_FALSE(version_matches("1", "not-a-version"));
    }
}

TEST_CASE("a path crate is planned against what a registry holds") {
    fs::path dir = fs::temp_directory_path() / fs::path("snipcheck-path-crates-test");
    fs::remove_all(dir);
    fs::create_directories(dir / "helper");
    std::ofstream(dir / "helper" / "Cargo.toml")
        << "[package]\nname = \"helper\"\nversion = \"0.1.0\"\n\n[dependencies]\n"
           "tokio-stream = \"0.1\"\nhttp = { package = \"reqwest\", version = \"0.12\" }\n"
           "local = { path = \"../local\" }\n";
    auto reqs = path_crate_requirements((dir / "helper").string());
    REQUIRE(reqs.size() == 2);  // the path dependency is not a registry requirement
    auto renamed = std::find_if(reqs.begin(), reqs.end(), [](const Requirement& r) { return r.package == "reqwest"; });
    REQUIRE(renamed != reqs.end());
    CHECK(renamed->version == "0.12");

    std::vector<PathCrate> crates{{"helper", (dir / "helper").string()}};
    auto bookworm = plan_path_crates(crates, {{"tokio_stream", {"0.1.11"}}, {"reqwest", {"0.11.27"}}});
    CHECK(bookworm.buildable.empty());
    CHECK(bookworm.unavailable.at("helper") == "needs reqwest 0.12");
    auto trixie = plan_path_crates(crates, {{"tokio_stream", {"0.1.16"}}, {"reqwest", {"0.11.27", "0.12.15"}}});
    CHECK(trixie.buildable.size() == 1);
    CHECK(trixie.unavailable.empty());

    SECTION("the profile reads the path against its own folder and refuses one without a crate") {
        std::ofstream(dir / "snipcheck.toml") << "[crates]\nhelper = { path = \"helper\" }\nserde = \"1\"\n";
        auto p = load_profile((dir / "snipcheck.toml").string());
        REQUIRE(p.ok());
        REQUIRE(p->path_crates.size() == 1);
        CHECK(p->path_crates[0].dir == fs::weakly_canonical(dir / "helper").string());
        REQUIRE(p->crates.size() == 1);  // the path crate is not a registry requirement
        CHECK(p->crates[0].name == "serde");
        CHECK(p->crates[0].dependency == "serde = '1'");
        CHECK(p->crates[0].any_version == "serde = '*'");
        std::ofstream(dir / "bad.toml") << "[crates]\nhelper = { path = \"nowhere\" }\n";
        auto bad = load_profile((dir / "bad.toml").string());
        REQUIRE_FALSE(bad.ok());
        CHECK(bad.error().message.find("bad.toml:2: [crates] helper path") != std::string::npos);
        fs::create_directories(dir / "inner");
        std::ofstream(dir / "inner" / "escape.toml") << "[crates]\nhelper = { path = \"../helper\" }\n";
        auto escape = load_profile((dir / "inner" / "escape.toml").string());
        REQUIRE_FALSE(escape.ok());
        CHECK(escape.error().message.find("is outside the folder of") != std::string::npos);
    }
    SECTION("the digest follows the crate's files, not its target/ folder") {
        std::string before = path_crate_digest((dir / "helper").string());
        fs::create_directories(dir / "helper" / "target");
        std::ofstream(dir / "helper" / "target" / "junk") << "x";
        CHECK(path_crate_digest((dir / "helper").string()) == before);
        std::ofstream(dir / "helper" / "lib.rs") << "pub fn f() {}\n";
        CHECK(path_crate_digest((dir / "helper").string()) != before);
    }
    fs::remove_all(dir);
}
