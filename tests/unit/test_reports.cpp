#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "check/pipeline.hpp"
#include "report/badges.hpp"
#include "report/explain.hpp"
#include "report/extraction.hpp"
#include "report/universes.hpp"
#include "report/github.hpp"
#include "report/html.hpp"
#include "report/json_report.hpp"
#include "report/junit.hpp"
#include "report/sarif.hpp"
#include "report/summary.hpp"
#include "report/terminal.hpp"
#include "toolchains/rust/diagnostics.hpp"
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
    auto add = [&](std::string article, int line, std::string language, CheckResult r) {
        Snippet s;
        s.article = article;
        s.id = article.substr(5, 1) + ":" + std::to_string(line);
        s.start_line = line;
        s.end_line = line + 2;
        s.language = language;
        s.sha256 = std::string(64, 'a');
        s.code = "fn main() {}";
        run.add({s, r, {}});
    };
    CheckResult ok;
    ok.verdict = Verdict::Compiles;
    ok.duration_ms = 40;
    add("blog/a.md", 3, "rust", ok);
    CheckResult nightly;
    nightly.verdict = Verdict::SpeculativeSyntax;
    nightly.subkind = "nightly-only";
    nightly.feature_gates = {"gen_blocks"};
    nightly.findings = {{Verdict::SpeculativeSyntax, "nightly-only", "nightly accepts it with #![feature(gen_blocks)]"}};
    nightly.evidence = {{"stable", "2024", "rustc main.rs", "E0658", "error", "gen blocks are experimental", 11,
                         "error[E0658]: gen blocks are experimental\n  --> main.rs:11:5\n   |\n11 |     gen {};\n"
                         "   |     ^^^\n   |\n   = note: see issue #117078\n   = help: add `#![feature(gen_blocks)]`\n"}};
    nightly.duration_ms = 90;
    add("blog/a.md", 10, "rust", nightly);
    CheckResult missing;
    missing.verdict = Verdict::MissingDependency;
    missing.subkind = "command";
    missing.missing_crates = {"cargo-nextest"};
    missing.findings = {{Verdict::MissingDependency, "command", "not installed: cargo-nextest, a|b"}};
    missing.evidence = {{"cargo", "", "cargo --list", "", "error", "no such command: `nextest`, 100% sure", 21}};
    add("blog/b.md", 20, "shell", missing);
    CheckResult skipped;
    skipped.verdict = Verdict::Skipped;
    skipped.subkind = "ignore";
    add("blog/b.md", 30, "rust", skipped);
    apply_policy(run, {}, nullptr);
    return run;
}

// The i-th entry of the run, in report order.
Entry& nth(CheckRun& run, std::size_t i) {
    for (Entry& e : run.entries()) {
        if (i-- == 0) {
            return e;
        }
    }
    throw std::out_of_range("no such entry");
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
    SECTION("terminal, verbose") { check_golden("terminal-verbose.txt", terminal_summary(run, {false, true, false})); }
    SECTION("terminal, quiet") { check_golden("terminal-quiet.txt", terminal_summary(run, {false, false, true})); }
    SECTION("SARIF with a root") {
        auto j = sarif_report(run, {"/repo", "/repo"});
        j["runs"][0]["tool"]["driver"].erase("version");
        check_golden("sarif-root.json", j.dump(2) + "\n");
    }
    SECTION("HTML") { check_golden("report.html", html_report(run)); }
    SECTION("badges") {
        auto badges = run_badges(run);
        REQUIRE(badges.count("snippets"));
        CHECK(badges["snippets"].message == "1/3");
        CHECK(badges["snippets"].label == "snippets meeting policy");
        check_golden("badge.svg", badge_svg(badges["snippets"]));
        check_golden("badge.json", badge_endpoint_json(badges["snippets"]));
    }
}

TEST_CASE("the policy: defaults, author expectations, globs and baselines") {
    CheckRun run = sample_run();
    CHECK(nth(run, 0).outcome.meets);
    CHECK_FALSE(nth(run, 1).outcome.meets);
    CHECK_FALSE(nth(run, 2).outcome.meets);
    CHECK(nth(run, 3).outcome.meets);
    SECTION("an author's expectation") {
        nth(run, 1).snippet.expectation = "nightly";
        apply_policy(run, {}, nullptr);
        CHECK(nth(run, 1).outcome.meets);
    }
    SECTION("a glob in snipcheck.toml") {
        apply_policy(run, {{"blog/b.*", {"missing-dependency"}}}, nullptr);
        CHECK(nth(run, 2).outcome.meets);
        CHECK_FALSE(nth(run, 1).outcome.meets);
    }
    SECTION("a baseline forgives what already failed, not what got worse") {
        Baseline b;
        b.met_by_id["a:10"] = false;  // failed before too
        b.met_by_id["b:20"] = true;   // met before: now worse
        apply_policy(run, {}, &b);
        CHECK(nth(run, 1).outcome.meets);
        CHECK_FALSE(nth(run, 2).outcome.meets);
    }
    SECTION("compile_fail blocks meet it by failing") {
        nth(run, 1).snippet.attributes = {"compile_fail"};
        apply_policy(run, {}, nullptr);
        CHECK(nth(run, 1).outcome.meets);
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
    std::size_t i = 0;
    for (const Entry& e : run.entries()) {
        (i++ % 2 ? a : b).add(e);
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
    CHECK(std::any_of(p->crates.begin(), p->crates.end(), [](const auto& c) { return c.name == "tokio"; }));
    REQUIRE(p->policies.size() == 2);
    CHECK(p->policies[0].expect == std::vector<std::string>{"speculative-syntax", "incomplete"});
    CHECK(p->policies[1].expect == std::vector<std::string>{"outdated-api"});
    SECTION("a broken file is an error with its line") {
        auto bad = parse_profile("[limits]\nwall_seconds = = 3\n", "snipcheck.toml", default_profile());
        REQUIRE_FALSE(bad.ok());
        CHECK(bad.error().message.starts_with("snipcheck.toml:2:"));
    }
}

TEST_CASE("badges count what meets the policy") {
    CheckRun run = sample_run();
    nth(run, 1).snippet.attributes = {"compile_fail"};  // a compile_fail block that fails: a pass
    apply_policy(run, {}, nullptr);
    auto badges = run_badges(run);
    CHECK(badges["snippets"].message == "2/3");
    CHECK(badges["article-blog.a"].message == "2/2");
    CHECK(badges["article-blog.a"].color_name == "brightgreen");
}

TEST_CASE("the Markdown summary: failures first, the rest folded, under the size limit") {
    CheckRun run = sample_run();
    std::string md = markdown_summary(run);
    auto failing = md.find("### Failing the policy");
    auto meeting = md.find("### Meeting the policy");
    REQUIRE(failing != std::string::npos);
    REQUIRE(meeting != std::string::npos);
    CHECK(failing < meeting);
    CHECK(md.find("<details><summary>blog/a.md (1 snippet)</summary>") > meeting);
    SECTION("a huge run is cut with a note") {
        CheckRun big = run;
        for (int k = 0; k < 3000; ++k) {
            Snippet s = nth(run, 2).snippet;
            s.article = "blog/long-article-" + std::to_string(k) + ".md";
            big.add({s, nth(run, 2).result, nth(run, 2).outcome});
        }
        std::string cut = markdown_summary(big, 64 * 1024);
        CHECK(cut.size() <= 64 * 1024);
        CHECK(cut.find("**Truncated:**") != std::string::npos);
        CHECK(markdown_summary(big).size() < kStepSummaryLimit);
    }
}

TEST_CASE("rustc's rendered diagnostics are mapped to article lines") {
    std::string rendered =
        "error[E0425]: cannot find value `x` in this scope\n"
        " --> main.rs:3:5\n"
        "  |\n"
        "2 | fn main() {\n"
        "3 |     x;\n"
        "  |     ^ not found in this scope\n"
        "  |\n"
        "  = help: consider importing `x`\n"
        "help: a local\n"
        "3 -     x;\n"
        "3 +     y;\n";
    auto map = [](int l) { return l == 2 ? 0 : l + 98; };  // line 2 is the wrapper's
    std::string out = rendered_for_article(rendered, map, 8192);
    CHECK(out ==
          "error[E0425]: cannot find value `x` in this scope\n"
          "   --> main.rs:101:5\n"
          "    |\n"
          "    | fn main() {\n"
          "101 |     x;\n"
          "    |     ^ not found in this scope\n"
          "    |\n"
          "    = help: consider importing `x`\n"
          "help: a local\n"
          "101 -     x;\n"
          "101 +     y;\n");
    SECTION("parsed from rustc's JSON") {
        auto d = parse_rustc_diagnostics(R"({"$message_type":"diagnostic","message":"m","level":"error","spans":[],"children":[],"rendered":"error: m\n"})");
        REQUIRE(d.size() == 1);
        CHECK(d[0].rendered == "error: m\n");
    }
    SECTION("capped at a character boundary") {
        std::string longer;
        for (int k = 0; k < 2000; ++k) {
            longer += "note: \xC3\xA9\xC3\xA9\xC3\xA9\n";
        }
        std::string capped = rendered_for_article(longer, map, 1000);
        CHECK(capped.size() < 1100);
        CHECK(capped.find("[... cut at") != std::string::npos);
    }
    SECTION("kept in the JSON report and read back") {
        Evidence e{"stable", "2024", "rustc", "E0425", "error", "m", 3, "error: m\n"};
        auto j = to_json(e);
        CHECK(j["rendered"] == "error: m\n");
        CheckResult r;
        r.verdict = Verdict::Error;
        r.evidence = {e};
        Snippet s;
        CHECK(result_from_json(to_json(s, r)).evidence.at(0).rendered == "error: m\n");
        CHECK(record_problem(to_json(s, r)).empty());
    }
}

TEST_CASE("the HTML report escapes what articles and tools say") {
    CheckRun run = sample_run();
    run.articles[0].path = "blog/\"><img src=x onerror=alert(1)>.md";
    for (std::size_t i = 0; i < 2; ++i) {
        nth(run, i).snippet.article = run.articles[0].path;
    }
    nth(run, 1).snippet.code = "</script><script>alert(1)</script>\n<img src=x onerror=alert(2)>\n\"quoted\" & 'single'";
    nth(run, 1).snippet.info = "rust\" onmouseover=\"alert(3)";
    nth(run, 1).result.evidence[0].message = "<b>bold</b> & </pre>";
    nth(run, 1).result.evidence[0].rendered = "\x1b[1m\x1b[31merror\x1b[0m: <script>alert(4)</script>\n";
    std::string html = html_report(run);
    CHECK(html.find("<img") == std::string::npos);
    CHECK(html.find("onerror=alert") != std::string::npos);  // as text: escaped brackets
    CHECK(html.find("&lt;img src=x onerror=alert(2)&gt;") != std::string::npos);
    CHECK(html.find("<script>alert") == std::string::npos);
    CHECK(html.find("</script><script>") == std::string::npos);
    CHECK(html.find("onmouseover=\"") == std::string::npos);
    CHECK(html.find("<b>bold") == std::string::npos);
    std::size_t scripts = 0;
    for (std::size_t at = html.find("<script"); at != std::string::npos; at = html.find("<script", at + 1)) {
        ++scripts;
    }
    CHECK(scripts == 1);
    CHECK(html.find("<span class=\"a1\"><span class=\"a31\">error</span></span>: &lt;script&gt;") != std::string::npos);
    CHECK(html.find("http://") == std::string::npos);
    CHECK(html.find("https://") == std::string::npos);
}

TEST_CASE("ANSI escapes become markup, other sequences are dropped") {
    CHECK(ansi_to_html("plain <x>") == "plain &lt;x&gt;");
    CHECK(ansi_to_html("\x1b[1;94mhelp\x1b[0m") == "<span class=\"a1\"><span class=\"a34\">help</span></span>");
    CHECK(ansi_to_html("a\x1b[2Kb\x1b]0;t") == "ab0;t");
    CHECK(ansi_to_html("\x1b[31mopen") == "<span class=\"a31\">open</span>");
}

TEST_CASE("explain finds a snippet by id or by any line of its block, and shows its evidence") {
    CheckRun run = sample_run();
    REQUIRE(find_snippet(run, "a:10"));
    CHECK(find_snippet(run, "a:10")->snippet.start_line == 10);
    const Entry* by_line = find_snippet(run, "blog/a.md:11");
    REQUIRE(by_line);
    CHECK(by_line->snippet.id == "a:10");
    CHECK(find_snippet(run, "a.md:12")->snippet.id == "a:10");  // a path ending in the article's
    CHECK(find_snippet(run, "blog/a.md:99") == nullptr);
    CHECK(find_snippet(run, "blog/a.md:x") == nullptr);
    std::string text = explain_text(*by_line);
    CHECK(text.starts_with("a:10 (blog/a.md:10-12, rust, fenced)\nverdict: speculative-syntax (nightly-only)\n"));
    CHECK(text.find("[stable 2024] blog/a.md:11: error [E0658] gen blocks are experimental") != std::string::npos);
    CHECK(text.find("= help: add `#![feature(gen_blocks)]`") != std::string::npos);
}

TEST_CASE("extract and universe list render what they are given") {
    CheckRun run = sample_run();
    std::vector<Snippet> snippets;
    for (const Entry& e : run.entries()) {
        snippets.push_back(e.snippet);
    }
    CHECK(extraction_text(snippets).starts_with("blog/a.md:3-5: rust (fenced)\nblog/a.md:10-12: rust (fenced)\n"));
    auto j = extraction_json(snippets);
    CHECK(j["schema"] == "snipcheck/1");
    CHECK(j["snippets"].size() == 4);
    for (std::size_t n : {std::size_t{0}, std::size_t{1}, snippets.size()}) {  // streamed, the same bytes
        std::vector<Snippet> some(snippets.begin(), snippets.begin() + static_cast<std::ptrdiff_t>(n));
        std::ostringstream streamed;
        write_extraction_json(streamed, some);
        CHECK(streamed.str() == extraction_json(some).dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n");
    }
    std::vector<UniverseListing> universes = {
        {"bookworm", true, true, "/usr/share/cargo/registry", 260, {{"clap", {"4.0.32", "2.34.0"}}}},
        {"trixie", false, false, "/cache/universes/trixie", 475, {}},
    };
    CHECK(universes_text(universes) ==
          "bookworm [reference] (260 crates, system) /usr/share/cargo/registry\n  clap 4.0.32, 2.34.0\n"
          "trixie (475 crates) /cache/universes/trixie\n");
}
