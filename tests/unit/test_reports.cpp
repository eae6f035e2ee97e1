#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "check/pipeline.hpp"
#include "report/badges.hpp"
#include "report/github.hpp"
#include "report/json_report.hpp"
#include "report/junit.hpp"
#include "report/sarif.hpp"
#include "report/summary.hpp"
#include "report/terminal.hpp"
#include "toolchains/profile.hpp"

using namespace snipcheck;

namespace {

// A small run built by hand: what every format is rendered from.
CheckRun sample_run() {
    CheckRun run;
    run.toolchains = {{"stable", "1.95.0", "rustc 1.95.0"}, {"nightly", "1.97.0-nightly", "rustc 1.97.0-nightly"}};
    run.registry = "/usr/share/cargo/registry";
    run.registry_crates = 3;
    run.duration_ms = 1234;
    run.articles = {"blog/a.md", "blog/b.md"};
    auto add = [&](std::string article, int line, std::string language, CheckResult r) {
        Snippet s;
        s.article = article;
        s.id = article.substr(5, 1) + ":" + std::to_string(line);
        s.start_line = line;
        s.end_line = line + 2;
        s.language = language;
        s.sha256 = std::string(64, 'a');
        s.code = "fn main() {}";
        run.snippets.push_back(s);
        run.results.push_back(r);
    };
    CheckResult ok;
    ok.verdict = Verdict::Compiles;
    ok.duration_ms = 40;
    add("blog/a.md", 3, "rust", ok);
    CheckResult nightly;
    nightly.verdict = Verdict::SpeculativeSyntax;
    nightly.subkind = "nightly-only";
    nightly.feature_gates = {"gen_blocks"};
    nightly.findings = {{"speculative-syntax", "nightly-only", "nightly accepts it with #![feature(gen_blocks)]"}};
    nightly.evidence = {{"stable", "2024", "rustc main.rs", "E0658", "error", "gen blocks are experimental", 11}};
    nightly.duration_ms = 90;
    add("blog/a.md", 10, "rust", nightly);
    CheckResult missing;
    missing.verdict = Verdict::MissingDependency;
    missing.subkind = "command";
    missing.missing_crates = {"cargo-nextest"};
    missing.findings = {{"missing-dependency", "command", "not installed: cargo-nextest, a|b"}};
    missing.evidence = {{"cargo", "", "cargo --list", "", "error", "no such command: `nextest`, 100% sure", 21}};
    add("blog/b.md", 20, "shell", missing);
    CheckResult skipped;
    skipped.verdict = Verdict::Skipped;
    skipped.subkind = "ignore";
    add("blog/b.md", 30, "rust", skipped);
    apply_policy(run, {}, nullptr);
    return run;
}

std::string golden_path(const std::string& name) { return std::string(SNIPCHECK_GOLDEN_DIR) + "/" + name; }

// Compares `actual` with the golden file; SNIPCHECK_UPDATE_GOLDEN=1 rewrites it instead.
void check_golden(const std::string& name, const std::string& actual) {
    if (const char* u = std::getenv("SNIPCHECK_UPDATE_GOLDEN"); u && std::string(u) == "1") {
        std::ofstream(golden_path(name)) << actual;
    }
    std::ifstream in(golden_path(name));
    REQUIRE(in.good());
    std::ostringstream b;
    b << in.rdbuf();
    CHECK(actual == b.str());
}

}  // namespace

TEST_CASE("every report format matches its golden file") {
    CheckRun run = sample_run();
    SECTION("JSON") {
        auto j = json_report(run);
        j.erase("tool_version");
        check_golden("report.json", j.dump(2) + "\n");
    }
    SECTION("JUnit") { check_golden("junit.xml", junit_report(run)); }
    SECTION("SARIF") {
        auto j = sarif_report(run);
        j["runs"][0]["tool"]["driver"].erase("version");
        check_golden("sarif.json", j.dump(2) + "\n");
    }
    SECTION("GitHub annotations") { check_golden("github.txt", github_annotations(run)); }
    SECTION("Markdown summary") { check_golden("summary.md", markdown_summary(run)); }
    SECTION("terminal") { check_golden("terminal.txt", terminal_summary(run, false)); }
    SECTION("badges") {
        auto badges = run_badges(run);
        REQUIRE(badges.count("snippets"));
        CHECK(badges["snippets"].message == "1/3 compile");
        check_golden("badge.svg", badge_svg(badges["snippets"]));
        check_golden("badge.json", badge_endpoint_json(badges["snippets"]));
    }
}

TEST_CASE("the policy: defaults, author expectations, globs and baselines") {
    CheckRun run = sample_run();
    CHECK(run.outcomes[0].meets);
    CHECK_FALSE(run.outcomes[1].meets);
    CHECK_FALSE(run.outcomes[2].meets);
    CHECK(run.outcomes[3].meets);
    SECTION("an author's expectation") {
        run.snippets[1].expectation = "nightly";
        apply_policy(run, {}, nullptr);
        CHECK(run.outcomes[1].meets);
    }
    SECTION("a glob in snipcheck.toml") {
        apply_policy(run, {{"blog/b.*", {"missing-dependency"}}}, nullptr);
        CHECK(run.outcomes[2].meets);
        CHECK_FALSE(run.outcomes[1].meets);
    }
    SECTION("a baseline forgives what already failed, not what got worse") {
        Baseline b;
        b.met_by_id["a:10"] = false;  // failed before too
        b.met_by_id["b:20"] = true;   // met before: now worse
        apply_policy(run, {}, &b);
        CHECK(run.outcomes[1].meets);
        CHECK_FALSE(run.outcomes[2].meets);
    }
    SECTION("compile_fail blocks meet it by failing") {
        run.snippets[1].attributes = {"compile_fail"};
        apply_policy(run, {}, nullptr);
        CHECK(run.outcomes[1].meets);
    }
}

TEST_CASE("merging shard runs gives the unsharded run back") {
    CheckRun run = sample_run();
    CheckRun a;
    CheckRun b;
    for (CheckRun* part : {&a, &b}) {
        part->toolchains = run.toolchains;
        part->registry = run.registry;
        part->registry_crates = run.registry_crates;
    }
    for (std::size_t i = 0; i < run.snippets.size(); ++i) {
        CheckRun& part = i % 2 ? a : b;
        part.snippets.push_back(run.snippets[i]);
        part.results.push_back(run.results[i]);
        part.outcomes.push_back(run.outcomes[i]);
    }
    CheckRun merged = merge_runs({a, b});
    auto strip = [](nlohmann::json j) {
        j["summary"].erase("duration_ms");
        return j;
    };
    CHECK(strip(json_report(merged)) == strip(json_report(run)));
}

TEST_CASE("snipcheck.toml lays its keys over the embedded profile") {
    auto p = parse_profile(
        "[universes]\nreference = \"bookworm\"\nevidence = []\n\n[limits]\nwall_seconds = 5\n\n"
        "[[policy]]\nglob = \"drafts/*\"\nexpect = [\"speculative-syntax\", \"incomplete\"]\n\n"
        "[[policy]]\nglob = \"legacy/*\"\nexpect = \"outdated-api\"\n",
        "snipcheck.toml", default_profile());
    REQUIRE(p.ok());
    CHECK(p->reference_universe == "bookworm");
    CHECK(p->evidence_universes.empty());
    CHECK(p->wall_seconds == 5);
    CHECK(p->editions.front() == "2024");  // kept from the default
    CHECK(p->crates_toml.find("tokio") != std::string::npos);
    REQUIRE(p->policies.size() == 2);
    CHECK(p->policies[0].expect == std::vector<std::string>{"speculative-syntax", "incomplete"});
    CHECK(p->policies[1].expect == std::vector<std::string>{"outdated-api"});
    SECTION("a broken file is an error with its line") {
        auto bad = parse_profile("[limits]\nwall_seconds = = 3\n", "snipcheck.toml", default_profile());
        REQUIRE_FALSE(bad.ok());
        CHECK(bad.error().message.starts_with("snipcheck.toml:2:"));
    }
}
