#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <string>

#include "check/pipeline.hpp"
#include "check/policy.hpp"
#include "extractor/extract.hpp"
#include "extractor/mdbook.hpp"
#include "extractor/walk.hpp"
#include "report/badges.hpp"

using namespace snipcheck;
namespace fs = std::filesystem;

namespace {
fs::path scratch(const std::string& name) {
    auto dir =
        fs::temp_directory_path() / ("snipcheck-mdbook-" + std::to_string(::getpid())) / name;
    fs::remove_all(dir);
    fs::create_directories(dir);
    return dir;
}
void write(const fs::path& p, const std::string& text) {
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << text;
}
const char* kListing =
    "// ANCHOR: all\n"           // 1
    "use std::io;\n"             // 2
    "// ANCHOR: main\n"          // 3
    "fn main() {\n"              // 4
    "    // ANCHOR_END: main\n"  // 5
    "    let x = 1;\n"           // 6
    "}\n"                        // 7
    "// ANCHOR_END: all\n";      // 8
}  // namespace

TEST_CASE("mdBook include targets: whole files, anchors and line ranges") {
    auto t = parse_include_target("a.rs");
    CHECK((t.file == "a.rs" && t.anchor.empty() && t.first == 1 && t.last == 0));
    t = parse_include_target("a.rs:main");
    CHECK((t.file == "a.rs" && t.anchor == "main"));
    t = parse_include_target("a.rs:2");
    CHECK((t.first == 2 && t.last == 2));
    t = parse_include_target("a.rs:2:4");
    CHECK((t.first == 2 && t.last == 4));
    t = parse_include_target("a.rs:2:");
    CHECK((t.first == 2 && t.last == 0));
    t = parse_include_target("a.rs::4");
    CHECK((t.first == 1 && t.last == 4));
}

TEST_CASE("mdBook selects lines as its include and rustdoc_include do") {
    SECTION("an anchor, nested markers dropped") {
        auto s = select_lines(kListing, parse_include_target("f:all"), false);
        REQUIRE(s.lines.size() == 4);
        CHECK(s.lines[0] == std::make_pair(2, std::string("use std::io;")));
        CHECK(s.lines[1].second == "fn main() {");
        CHECK(s.lines[2].second == "    let x = 1;");
    }
    SECTION("a range keeps what it covers") {
        auto s = select_lines(kListing, parse_include_target("f:2:4"), false);
        REQUIRE(s.lines.size() == 3);
        CHECK(s.lines[1].second == "// ANCHOR: main");
    }
    SECTION("rustdoc_include hides what is outside the anchor") {
        auto s = select_lines(kListing, parse_include_target("f:main"), true);
        REQUIRE(s.lines.size() == 4);
        CHECK(s.lines[0].second == "# use std::io;");
        CHECK(s.lines[1].second == "fn main() {");
        CHECK(s.lines[2].second == "#     let x = 1;");
    }
    SECTION("a missing anchor is told") {
        CHECK_FALSE(select_lines(kListing, parse_include_target("f:nope"), false).found);
    }
}

TEST_CASE("an expanded chapter's blocks are put back on the chapter's lines") {
    // Chapter line 2 was `{{#include x.rs:5:6}}` inside a fence opened on line 1.
    const std::vector<LineOrigin> origins{{1, "", 0}, {2, "src/x.rs", 5}, {2, "src/x.rs", 6}, {3, "", 0}, {4, "", 0}};
    Blocks found = parse_chapter_blocks("```rust\nfn a() {}\nfn b() {}\n```\n\n", origins);
    REQUIRE(found.blocks.size() == 1);
    const Block& b = found.blocks[0];
    CHECK(b.start_line == 2);
    CHECK(b.end_line == 2);
    CHECK(b.code == "fn a() {}\nfn b() {}");
    REQUIRE(b.included.size() == 1);
    CHECK(b.included[0].code_line == 1);
    CHECK(b.included[0].lines == 2);
    CHECK(b.included[0].article_line == 2);
    CHECK(b.included[0].file == "src/x.rs");
    CHECK(b.included[0].file_line == 5);

    Blocks open = parse_chapter_blocks("Text\n```rust\nfn a() {}\n", {{1, "", 0}, {7, "", 0}, {8, "", 0}});
    REQUIRE(open.warnings.size() == 1);
    CHECK(open.warnings[0].line == 7);  // the chapter's line of the unclosed fence
}

TEST_CASE("a book is read as mdBook reads it") {
    auto root = scratch("book");
    write(root / "book.toml", "[book]\nsrc = \"text\"\n[rust]\nedition = \"2018\"\n");
    write(root / "text" / "SUMMARY.md",
          "# Summary\n\n- [Two](two.md)\n- [One](one.md)\n- [Draft]()\n");
    write(root / "text" / "one.md",
          "# One\n\n```rust\n{{#rustdoc_include ../code/main.rs:main}}\n```\n");
    write(root / "text" / "two.md", "# Two\n\n```toml\n{{#include ../code/Cargo.toml}}\n```\n");
    write(root / "text" / "unlisted.md", "```rust\nfn unlisted() {}\n```\n");
    write(root / "code" / "main.rs", kListing);
    write(root / "code" / "Cargo.toml", "[package]\nname = \"x\"\n");
    write(root / "code" / "output.txt", "$ cargo run\n   Compiling x v0.1.0\n");
    write(root.parent_path() / "secret.rs", "fn secret() {}\n");
    write(root / "text" / "escape.md", "```rust\n{{#include ../../secret.rs}}\n```\n");

    auto book = read_book(root.string());
    REQUIRE(book.ok());
    CHECK(book->edition == "2018");
    REQUIRE(book->chapters.size() == 2);
    CHECK(book->chapters[0].ends_with("text/two.md"));  // SUMMARY.md order, drafts left out

    auto r = extract_paths({root.string()});
    REQUIRE(r.ok());
    REQUIRE(r->snippets.size() == 2);
    const Snippet& toml = r->snippets[0];
    const Snippet& rust = r->snippets[1];
    CHECK(toml.language == "toml");
    CHECK(toml.code == "[package]\nname = \"x\"");
    CHECK(rust.start_line == 4);
    CHECK(rust.end_line == 4);
    CHECK(rust.code == "use std::io;\nfn main() {\n    let x = 1;\n}");  // hidden lines compiled
    CHECK(rust.has_attribute("edition2018"));
    REQUIRE_FALSE(rust.included.empty());
    CHECK(rust.included[0].file.ends_with("code/main.rs"));
    CHECK(rust.included[0].file_line == 2);

    SECTION("a diagnostic in included code names the directive's line and the file's") {
        CheckResult res;
        res.evidence.push_back(
            {"stable", "2018", "", "E0308", "error", "mismatched types", rust.start_line + 2});
        locate_included_lines(rust, res);
        CHECK(res.evidence[0].line == 4);
        CHECK(res.evidence[0].source_file.ends_with("code/main.rs"));
        CHECK(res.evidence[0].source_line == 6);
        auto j = to_json(rust, res);
        CHECK(j["source_file"] == rust.included[0].file);
        CHECK(j["evidence"][0]["source_line"] == 6);
        CHECK(record_problem(j).empty());
        CHECK(snippet_from_json(j).included.size() == rust.included.size());
    }
    SECTION("a chapter line after an include is still the chapter's line") {
        Snippet s;
        s.start_line = 10;  // line 10: a directive that includes 5 lines; line 11: the chapter's own
        s.code = "a\nb\nc\nd\ne\nf";
        s.included.push_back({1, 5, 10, "listing.rs", 1});
        CheckResult res;
        res.evidence.push_back({"stable", "2021", "", "E0308", "error", "mismatched types", s.start_line + 5});
        locate_included_lines(s, res);
        CHECK(res.evidence[0].line == 11);
        CHECK(res.evidence[0].source_file.empty());
    }
    SECTION("an include that leaves the book is not read") {
        auto escape = make_article((root / "text" / "escape.md").string(),
                                   "```rust\n{{#include ../../secret.rs}}\n```\n");
        REQUIRE(escape.ok());
        Expansion e = expand_directives(escape->text, escape->path, root.string());
        CHECK(e.text.find("secret()") == std::string::npos);
        REQUIRE(e.warnings.size() == 1);
        CHECK(e.warnings[0].second.find("outside the book") != std::string::npos);
    }
    SECTION("a chapter named on its own is still read as part of its book") {
        auto one = extract_paths({(root / "text" / "one.md").string()});
        REQUIRE(one.ok());
        REQUIRE(one->snippets.size() == 1);
        CHECK(one->snippets[0].code.find("use std::io;") != std::string::npos);
    }
    fs::remove_all(root.parent_path());
}

TEST_CASE("two index.md in different folders keep different ids, badges and baseline entries") {
    auto root = scratch("blog");
    write(root / "posts" / "a" / "index.md", "```rust\nfn main() {}\n```\n");
    write(root / "posts" / "b" / "index.md", "```rust\nfn main() {}\n```\n");
    auto r = extract_paths({root.string()});
    REQUIRE(r.ok());
    REQUIRE(r->snippets.size() == 2);
    CHECK(r->snippets[0].id.ends_with("posts/a/index.md:2"));
    CHECK(r->snippets[1].id.ends_with("posts/b/index.md:2"));
    CHECK(r->snippets[0].id != r->snippets[1].id);

    CheckRun run;
    CheckResult ok;
    ok.verdict = Verdict::Compiles;
    CheckResult bad;
    bad.verdict = Verdict::Error;
    run.add({r->snippets[0], ok, {}});
    run.add({r->snippets[1], bad, {}});
    apply_policy(run, {}, nullptr);
    auto badges = run_badges(run);
    CHECK(badges.size() == 3);  // the run's and one per article
    Baseline baseline = baseline_from(run);
    CHECK(baseline.met_by_id.size() == 2);
    CHECK(baseline.met_by_id.at(r->snippets[0].id));
    CHECK_FALSE(baseline.met_by_id.at(r->snippets[1].id));
    fs::remove_all(root.parent_path());
}

TEST_CASE("static-site code blocks: Hugo and Jekyll highlight, front matter, MDX meta") {
    auto a = make_article(
        "post.md",
        "+++\ntitle = \"x\"\n+++\n\n{{< highlight rust \"linenos=table\" >}}\nfn main() {}\n{{< "
        "/highlight >}}\n\n"
        "{% highlight toml %}\n[package]\n{% endhighlight %}\n\n"
        "```rust title=\"main.rs\" {2}\nfn f() {}\n```\n\n"
        "```markdown\n{{< highlight rust >}}\nshown, not code\n{{< /highlight >}}\n```\n");
    REQUIRE(a.ok());
    auto ex = extract_article(*a);
    REQUIRE(ex.snippets.size() == 4);
    CHECK((ex.snippets[0].language == "rust" && ex.snippets[0].start_line == 6 &&
           ex.snippets[0].code == "fn main() {}"));
    CHECK((ex.snippets[1].language == "toml" && ex.snippets[1].start_line == 10));
    CHECK((ex.snippets[2].language == "rust" && ex.snippets[2].attributes.empty()));
    CHECK(ex.snippets[3].language == "markdown");
}

TEST_CASE("directory walks: excludes and compiler logs") {
    CHECK(is_excluded("nostarch/ch01.md", {"nostarch"}));
    CHECK(is_excluded("listings/a/output.txt", {"**/output.txt"}));
    CHECK(is_excluded("output.txt", {"**/output.txt"}));
    CHECK_FALSE(is_excluded("src/ch01.md", {"nostarch", "*.txt"}));
    CHECK(looks_like_tool_output("$ cargo run\n   Compiling guessing_game v0.1.0\n"));
    CHECK(looks_like_tool_output("error[E0382]: borrow of moved value: `s`\n"));
    CHECK_FALSE(looks_like_tool_output(
        "Iterators You Already Know\nMost loops in Rust can be written as chains.\n"));

    auto root = scratch("walk");
    write(root / "post.md", "```rust\nfn main() {}\n```\n");
    write(root / "drafts" / "next.md", "```rust\nfn main() {}\n```\n");
    write(root / "logs" / "build.txt", "   Compiling x v0.1.0\nerror[E0308]: mismatched types\n");
    auto r = extract_paths({root.string()}, WalkOptions{{"drafts"}, {}});
    REQUIRE(r.ok());
    REQUIRE(r->snippets.size() == 1);
    CHECK(r->snippets[0].article.ends_with("post.md"));
    auto named = extract_paths({(root / "logs" / "build.txt").string()});
    REQUIRE(named.ok());  // a file named explicitly is always read
    fs::remove_all(root.parent_path());
}
