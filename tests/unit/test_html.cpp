#include <catch2/catch.hpp>

#include "extractor/extract.hpp"

using namespace snipcheck;

TEST_CASE("HTML <pre> blocks with classes, entities and HTML-file lines") {
    const std::string html =
        "<html><body>\n"                                   // 1
        "<p>Intro</p>\n"                                   // 2
        "<pre><code class=\"language-rust\">fn main() {\n"  // 3
        "    let b = 1 &lt; 2 &amp;&amp; true;\n"          // 4
        "}\n"                                              // 5
        "</code></pre>\n"                                  // 6
        "<pre class=\"lang-toml\">\n"                      // 7
        "[package]\n"                                      // 8
        "</pre>\n"                                         // 9
        "<pre><code class=\"hljs highlight-bash\">cargo test</code></pre>\n"  // 10
        "<pre>\n"                                          // 11
        "cargo build --release\n"                          // 12
        "</pre>\n"                                         // 13
        "</body></html>\n";
    auto article = make_article("page.html", html);
    REQUIRE(article.ok());
    auto ex = extract_article(*article);
    REQUIRE(ex.snippets.size() == 4);
    CHECK(ex.snippets[0].start_line == 3);
    CHECK(ex.snippets[0].end_line == 5);
    CHECK(ex.snippets[0].language == "rust");
    CHECK(ex.snippets[0].code.find("1 < 2 && true") != std::string::npos);
    CHECK(ex.snippets[0].origin == Origin::Html);
    CHECK(ex.snippets[1].start_line == 8);
    CHECK(ex.snippets[1].language == "toml");
    CHECK(ex.snippets[2].start_line == 10);
    CHECK(ex.snippets[2].language == "shell");
    CHECK(ex.snippets[3].start_line == 12);
    CHECK(ex.snippets[3].language == "shell");  // untagged: detected
}
