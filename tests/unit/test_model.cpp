// model/: the verdict table, atomic writes, the snippet's own rules.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "model/file_io.hpp"
#include "model/run.hpp"
#include "model/snippet.hpp"
#include "model/verdict.hpp"

using namespace snipcheck;
namespace fs = std::filesystem;

TEST_CASE("the verdict table names every verdict once and round-trips") {
    for (const auto& v : all_verdicts()) {
        auto back = verdict_from_string(to_string(v.verdict));
        REQUIRE(back);
        CHECK(*back == v.verdict);
    }
    CHECK_FALSE(verdict_from_string("compile"));  // a typo is no verdict
    CHECK(info(Verdict::SpeculativeSyntax).priority > info(Verdict::OutdatedApi).priority);
    CHECK(info(Verdict::OutdatedApi).priority > info(Verdict::MissingDependency).priority);
    CHECK(info(Verdict::Incomplete).priority > info(Verdict::Error).priority);
}

TEST_CASE("decide_by_priority takes the strongest finding") {
    CheckResult r;
    r.findings.push_back({Verdict::Error, "", "a"});
    r.findings.push_back({Verdict::Incomplete, "undefined", "b"});
    decide_by_priority(r);
    CHECK(r.verdict == Verdict::Incomplete);
    CHECK(r.subkind == "undefined");
    CheckResult none;
    decide_by_priority(none);
    CHECK(none.verdict == Verdict::Compiles);
}

TEST_CASE("a finding's verdict is written as its id and read back as the same verdict") {
    CheckResult r;
    r.verdict = Verdict::OutdatedApi;
    r.findings.push_back({Verdict::OutdatedApi, "edition", "accepted by edition 2018"});
    r.findings.push_back({Verdict::MissingDependency, "crate", "not in the registry: foo"});
    Snippet s;
    s.id = "a.md:1";
    nlohmann::json j = to_json(s, r);
    CHECK(j["findings"][0]["verdict"] == "outdated-api");
    CHECK(j["findings"][1]["verdict"] == "missing-dependency");
    REQUIRE(record_problem(j).empty());
    CheckResult back = result_from_json(j);
    REQUIRE(back.findings.size() == 2);
    CHECK(back.findings[0].verdict == Verdict::OutdatedApi);
    CHECK(back.findings[1].verdict == Verdict::MissingDependency);
    j["findings"][1]["verdict"] = "missing-dep";
    CHECK_FALSE(record_problem(j).empty());  // refused, not read as `error`
}

TEST_CASE("files are written whole or not at all") {
    fs::path dir = fs::temp_directory_path() / "snipcheck-model-test";
    fs::remove_all(dir);
    fs::create_directories(dir);
    std::string a = (dir / "a.json").string();
    REQUIRE(write_file_atomically(a, "one"));
    CHECK(read_file(a) == "one");
    REQUIRE(write_file_atomically(a, "two"));
    CHECK(read_file(a) == "two");
    SECTION("a set of files where one cannot be written leaves none of them") {
        std::string b = (dir / "b.json").string();
        std::string bad = (dir / "no-such-dir" / "c.json").string();
        std::string why = write_files_atomically({{b, "b"}, {bad, "c"}});
        CHECK_FALSE(why.empty());
        CHECK_FALSE(fs::exists(b));
        CHECK(read_file(a) == "two");
    }
    for (const auto& e : fs::directory_iterator(dir)) {
        CHECK(e.path().filename().string().find(".tmp") == std::string::npos);  // no leftovers
    }
    fs::remove_all(dir);
}

TEST_CASE("a snippet's attributes") {
    Snippet s;
    s.attributes = {"ignore", "edition2021"};
    CHECK(s.has_attribute("ignore"));
    CHECK_FALSE(s.has_attribute("ign"));
}

TEST_CASE("a run's entries are every article's, in order, over articles with none") {
    CheckRun run;
    CHECK(run.entries().begin() == run.entries().end());
    auto entry = [](const std::string& article, int line) {
        Entry e;
        e.snippet.article = article;
        e.snippet.start_line = line;
        return e;
    };
    run.add(entry("a.md", 1));
    run.add(entry("a.md", 5));
    run.articles.push_back({"empty.md", {}});  // a report may list an article with no snippets
    run.add(entry("b.md", 2));
    REQUIRE(run.articles.size() == 3);
    CHECK(run.articles[2].path == "b.md");
    std::vector<std::string> seen;
    for (const Entry& e : std::as_const(run).entries()) {
        seen.push_back(e.snippet.article + ":" + std::to_string(e.snippet.start_line));
    }
    CHECK(seen == std::vector<std::string>{"a.md:1", "a.md:5", "b.md:2"});
    CHECK(run.size() == 3);
    for (Entry& e : run.entries()) {
        e.outcome.meets = e.snippet.article != "b.md";
    }
    CHECK_FALSE(all_meet_policy(run));
}
