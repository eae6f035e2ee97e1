// Verified fixes (issue 16) without a compiler: edits applied to snippet code, mapped back
// to article lines (Markdown, indented, HTML-escaped, hidden lines, mdBook includes), the
// diff read back, and the fix in every report format.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "check/fix.hpp"
#include "report/github.hpp"
#include "report/html.hpp"
#include "report/json_report.hpp"
#include "report/sarif.hpp"
#include "report/summary.hpp"
#include "report/terminal.hpp"
#include "toolchains/rust/knowledge_base.hpp"
#include "toolchains/rust/rust_fix.hpp"

using namespace snipcheck;

namespace {

std::string temp_article(const std::string& name, const std::string& text) {
    auto dir = std::filesystem::temp_directory_path() / "snipcheck-test-fix";
    std::filesystem::create_directories(dir);
    std::string path = (dir / name).string();
    std::ofstream(path) << text;
    return path;
}

Snippet snippet_at(const std::string& article, int start, const std::string& code) {
    Snippet s;
    s.article = article;
    s.id = article + ":" + std::to_string(start);
    s.start_line = start;
    s.end_line = start + 1;
    s.language = "rust";
    s.code = code;
    return s;
}

Fix verified(const std::string& code) {
    Fix f;
    f.verified = true;
    f.rounds = 1;
    f.edits = 1;
    f.outcome = "compiles";
    f.sources = {"rustc:E0782"};
    f.code = code;
    return f;
}

// The changes of fixing the snippet at `start` of an article with `text` from `code` to `fixed`.
Expected<std::vector<LineChange>> changes_of(const std::string& name, const std::string& text, int start,
                                             const std::string& code, const std::string& fixed, FileTexts& files) {
    return locate_fix(snippet_at(temp_article(name, text), start, code), verified(fixed), files);
}

}  // namespace

TEST_CASE("edits apply right to left, overlapping ones once") {
    int applied = 0;
    std::vector<std::string> sources;
    std::string code = "let x = try!(f());\nmatch x { 0...9 => 1 }\n";
    std::string out = apply_edits(code,
                                  {{1, 8, 13, "", "a"}, {1, 16, 17, "?", "a"}, {2, 11, 14, "..=", "b"},
                                   {2, 11, 14, "..=", "b"}, {2, 12, 13, "X", "c"}},
                                  applied, sources);
    CHECK(out == "let x = f()?;\nmatch x { 0..=9 => 1 }\n");
    CHECK(applied == 3);
    CHECK(sources == std::vector<std::string>{"b", "a"});
}

TEST_CASE("knowledge-base rules that state a rewrite give edits") {
    auto edits = knowledge_base_edits("fn main() {\n    let n = 5u + 3i;\n}");
    int applied = 0;
    std::vector<std::string> sources;
    CHECK(apply_edits("fn main() {\n    let n = 5u + 3i;\n}", edits, applied, sources) ==
          "fn main() {\n    let n = 5usize + 3isize;\n}");
    CHECK(sources == std::vector<std::string>{"kb:std-1.0-integer-suffixes"});
}

TEST_CASE("a fix maps to the article's own lines") {
    SECTION("Markdown, a hidden line keeps its marker") {
        FileTexts files;
        auto changes = changes_of("a.md", "# T\n\n```rust\n# fn f(b: &Debug) {}\nf(&1);\n```\n", 4,
                                  "fn f(b: &Debug) {}\nf(&1);", "fn f(b: &dyn Debug) {}\nf(&1);", files);
        REQUIRE(changes);
        REQUIRE(changes->size() == 1);
        CHECK((*changes)[0].line == 4);
        CHECK((*changes)[0].after == "# fn f(b: &dyn Debug) {}");
        std::string diff = unified_diff(*changes, files);
        CHECK(diff.find("-# fn f(b: &Debug) {}\n+# fn f(b: &dyn Debug) {}\n") != std::string::npos);
        CHECK(diff.find("fn main") == std::string::npos);
        auto back = diff_changes(diff);
        REQUIRE(back.size() == 1);
        CHECK(back[0].line == 4);
        CHECK(back[0].after == "# fn f(b: &dyn Debug) {}");
    }
    SECTION("HTML, escaped") {
        FileTexts files;
        auto changes = changes_of("a.html", "<pre><code>fn f(b: Box&lt;Debug&gt;) {}\n</code></pre>\n", 1,
                                  "fn f(b: Box<Debug>) {}", "fn f(b: Box<dyn Debug>) {}", files);
        REQUIRE(changes);
        CHECK((*changes)[0].after == "<pre><code>fn f(b: Box&lt;dyn Debug&gt;) {}");
    }
    SECTION("a line not found as the snippet has it is refused") {
        FileTexts files;
        CHECK_FALSE(changes_of("b.md", "```rust\nfn f() {}\n```\n", 2, "fn g() {}", "fn h() {}", files));
    }
    SECTION("mdBook: included lines go to the included file, later lines to the chapter") {
        std::string listing = temp_article("listing.rs", "fn f(b: &Debug) {}\n");
        std::string chapter = temp_article("ch.md", "```rust\n{{#include listing.rs}}\nlet x = 0...9;\n```\n");
        Snippet s = snippet_at(chapter, 2, "fn f(b: &Debug) {}\nlet x = 0...9;");
        s.included.push_back({1, 1, 2, listing, 1});
        FileTexts files;
        auto changes = locate_fix(s, verified("fn f(b: &dyn Debug) {}\nlet x = 0..=9;"), files);
        REQUIRE(changes);
        REQUIRE(changes->size() == 2);
        CHECK((*changes)[0].file == listing);
        CHECK((*changes)[0].line == 1);
        CHECK((*changes)[1].file == chapter);
        CHECK((*changes)[1].line == 3);
    }
}

TEST_CASE("a verified fix shows in every report") {
    CheckRun run;
    Snippet s = snippet_at("blog/a.md", 15, "fn show(b: Box<Debug>) {}");
    s.sha256 = std::string(64, 'a');
    CheckResult r;
    r.verdict = Verdict::OutdatedApi;
    r.subkind = "edition";
    r.findings = {{Verdict::OutdatedApi, "edition", "accepted by edition 2018, rejected by 2024"}};
    r.fix = verified("fn show(b: Box<dyn Debug>) {}");
    r.fix->diff = "--- a/blog/a.md\n+++ b/blog/a.md\n@@ -14,3 +14,3 @@\n ```rust\n-fn show(b: Box<Debug>) {}\n"
                  "+fn show(b: Box<dyn Debug>) {}\n ```\n";
    run.add({s, r, {}});
    apply_policy(run, {}, nullptr);
    const std::string note = "fix verified: 1 edit (rustc:E0782), compiles after 1 round";
    CHECK(terminal_summary(run, false).find(note) != std::string::npos);
    CHECK(terminal_summary(run, {false, true, false}).find("+fn show(b: Box<dyn Debug>) {}") != std::string::npos);
    CHECK(github_annotations(run).find(note) != std::string::npos);
    CHECK(markdown_summary(run).find("1 snippet has a verified fix") != std::string::npos);
    CHECK(html_report(run).find("class=\"fix verified\"") != std::string::npos);
    auto j = json_report(run);
    CHECK(j["snippets"][0]["fix"]["verified"] == true);
    CHECK(j["snippets"][0]["fix"]["rounds"] == 1);
    auto sarif = sarif_report(run);
    auto& fix = sarif["runs"][0]["results"][0]["fixes"][0];
    CHECK(fix["artifactChanges"][0]["artifactLocation"]["uri"] == "blog/a.md");
    CHECK(fix["artifactChanges"][0]["replacements"][0]["deletedRegion"]["startLine"] == 15);
    CHECK(fix["artifactChanges"][0]["replacements"][0]["insertedContent"]["text"] == "fn show(b: Box<dyn Debug>) {}");
}
