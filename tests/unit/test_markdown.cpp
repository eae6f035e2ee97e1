#include <catch2/catch.hpp>

#include <chrono>
#include <string>

#include "extractor/extract.hpp"
#include "extractor/markdown.hpp"

using namespace snipcheck;

namespace {
Extraction extract_md(const std::string& text, const std::string& name = "a.md") {
    auto article = make_article(name, text);
    REQUIRE(article.ok());
    return extract_article(*article);
}
}  // namespace

TEST_CASE("Markdown code blocks with exact content lines") {
    auto ex = extract_md(
        "# Title\n"             // 1
        "\n"                    // 2
        "```rust,ignore\n"      // 3
        "fn f() {}\n"           // 4
        "fn g() {}\n"           // 5
        "```\n"                 // 6
        "\n"                    // 7
        "~~~~toml\n"            // 8
        "[package]\n"           // 9
        "~~~~\n"                // 10
        "\n"                    // 11
        "    let x = 1;\n"      // 12
        "\n"                    // 13
        "- item\n"              // 14
        "\n"                    // 15
        "  ```sh\n"             // 16
        "  cargo build\n"       // 17
        "  ```\n"               // 18
        "\n"                    // 19
        "> ```\n"               // 20
        "> fn main() {}\n"      // 21
        "> ```\n");             // 22
    REQUIRE(ex.snippets.size() == 5);
    const auto& s = ex.snippets;
    CHECK(s[0].id == "a.md:4");  // the article path as shown, then the line
    CHECK(s[0].start_line == 4);
    CHECK(s[0].end_line == 5);
    CHECK(s[0].language == "rust");
    CHECK(s[0].attributes == std::vector<std::string>{"ignore"});
    CHECK(s[0].origin == Origin::Fenced);
    CHECK(s[1].start_line == 9);
    CHECK(s[1].language == "toml");
    CHECK(s[2].start_line == 12);
    CHECK(s[2].origin == Origin::Indented);
    CHECK(s[2].language == "rust");
    CHECK(s[3].start_line == 17);
    CHECK(s[3].code == "cargo build");
    CHECK(s[3].language == "shell");
    CHECK(s[4].start_line == 21);
    CHECK(s[4].language == "rust");  // untagged: detected
    CHECK(s[4].sha256.size() == 64);
}

TEST_CASE("rustdoc hidden lines are compiled, console keeps commands") {
    auto ex = extract_md(
        "```rust\n"
        "# fn main() {\n"
        "let x = 1;\n"
        "## not hidden\n"
        "# }\n"
        "```\n"
        "```console\n"
        "$ cargo new demo\n"
        "     Created binary (application) `demo` package\n"
        "$ cd demo\n"
        "```\n");
    REQUIRE(ex.snippets.size() == 2);
    CHECK(ex.snippets[0].code == "fn main() {\nlet x = 1;\n# not hidden\n}");
    CHECK(ex.snippets[1].code == "cargo new demo\n\ncd demo");
    CHECK(ex.snippets[1].start_line == 8);
    CHECK(ex.snippets[1].end_line == 10);
}

TEST_CASE("front matter is ignored and lines keep their numbers") {
    auto ex = extract_md("---\ntitle: \"x\"\n---\n\n```rust\nfn main() {}\n```\n", "post.txt");
    REQUIRE(ex.snippets.size() == 1);
    CHECK(ex.snippets[0].start_line == 6);
    CHECK(ex.snippets[0].origin == Origin::Fenced);
}

TEST_CASE("an unterminated fence runs to the end, with a warning") {
    auto ex = extract_md("text\n\n```rust\nfn main() {}\n");
    REQUIRE(ex.snippets.size() == 1);
    CHECK(ex.snippets[0].start_line == 4);
    REQUIRE(ex.warnings.size() == 1);
    CHECK(ex.warnings[0].find("never closed") != std::string::npos);
}

TEST_CASE("an author's expectation comment is attached to the next block") {
    auto blocks = parse_markdown_blocks("<!-- snipcheck: expect nightly -->\n```rust\nfn main() {}\n```\n");
    REQUIRE(blocks.blocks.size() == 1);
    CHECK(blocks.blocks[0].expectation == "nightly");
}

TEST_CASE("extraction is linear in the number of blocks") {
    // Each block's closing fence used to be found by scanning from the top of the article:
    // 100,000 tiny blocks took minutes. Now 60,000 take well under a second.
    std::string text;
    const int n = 60000;
    for (int i = 0; i < n; ++i) {
        text += "Text.\n\n```rust\nfn f" + std::to_string(i) + "() {}\n```\n\n";
    }
    auto t0 = std::chrono::steady_clock::now();
    auto ex = extract_md(text);
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    REQUIRE(ex.snippets.size() == static_cast<std::size_t>(n));
    CHECK(ex.snippets.back().start_line == 6 * (n - 1) + 4);
    CHECK(ex.snippets.back().code == "fn f" + std::to_string(n - 1) + "() {}");
    CHECK(seconds < 15.0);
}

TEST_CASE("Markdown blocks say whether they were fenced or indented") {
    auto found = parse_markdown_blocks("Text\n\n```toml\n[package]\n```\n\n    let x = 1;\n");
    REQUIRE(found.blocks.size() == 2);
    CHECK(found.blocks[0].origin == Origin::Fenced);
    CHECK(found.blocks[0].info == "toml");
    CHECK(found.blocks[0].language.empty());  // decided from the info string, later
    CHECK(found.blocks[1].origin == Origin::Indented);
    CHECK(found.blocks[1].start_line == 7);
    CHECK(found.blocks[1].code == "let x = 1;");
}
