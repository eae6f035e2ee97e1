#include <catch2/catch.hpp>

#include <sys/resource.h>

#include <chrono>
#include <string>

#include "extractor/extract.hpp"
#include "extractor/html.hpp"

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

namespace {
long peak_rss_mib() {
    struct rusage usage {};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss / 1024;
}
double seconds_since(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}
}  // namespace

TEST_CASE("HTML nested tens of thousands of elements deep") {
    // A recursive walk overflowed the stack at 40,000 (a segfault); gumbo's parse errors, each
    // with a copy of the whole stack of open elements, took gigabytes for 100 KB; and gumbo
    // frees its tree recursively, which overflowed a few hundred thousand elements deep.
    auto nested = [](const std::string& open, int depth, const std::string& inner) {
        std::string html = "<html><body>\n";
        for (int i = 0; i < depth; ++i) {
            html += open;
        }
        return html + "\n" + inner + "\n";
    };
    const std::string pre = "<pre><code class=\"language-rust\">fn main() {}\n</code></pre>";
    SECTION("deep but under the limit: parsed, walked without recursion") {
        for (const std::string open : {"<div>", "<span>", "<b>", "<table><tr><td>"}) {
            INFO(open);
            auto t0 = std::chrono::steady_clock::now();
            auto article = make_article("deep.html", nested(open, kMaxHtmlDepth - 10, pre));
            REQUIRE(article.ok());
            auto ex = extract_article(*article);
            CHECK(seconds_since(t0) < 20.0);
            CHECK(peak_rss_mib() < 1024);
            CHECK(ex.warnings.empty());
            REQUIRE(ex.snippets.size() == 1);
            CHECK(ex.snippets[0].code == "fn main() {}");
            CHECK(ex.snippets[0].start_line == 3);
        }
    }
    SECTION("past the limit: a warning, no crash, quickly") {
        for (const std::string open : {"<div>", "<b>", "<table><tr><td>", "<svg><g>"}) {
            INFO(open);
            auto t0 = std::chrono::steady_clock::now();
            auto article = make_article("deep.html", nested(open, 300000, pre));
            REQUIRE(article.ok());
            auto ex = extract_article(*article);
            CHECK(seconds_since(t0) < 10.0);
            CHECK(ex.snippets.empty());
            REQUIRE(ex.warnings.size() == 1);
            CHECK(ex.warnings[0] == "deep.html:1: HTML nested more than 5000 elements deep; its code blocks are not read");
        }
    }
    SECTION("a <pre> whose text sits deep inside it") {
        std::string html = "<pre>";
        for (int i = 0; i < kMaxHtmlDepth - 10; ++i) {
            html += "<span>";
        }
        html += "cargo build --release</pre>\n";
        auto article = make_article("deep-pre.html", html);
        REQUIRE(article.ok());
        auto ex = extract_article(*article);
        REQUIRE(ex.snippets.size() == 1);
        CHECK(ex.snippets[0].code == "cargo build --release");
    }
}

TEST_CASE("the nesting bound of a page") {
    auto repeat = [](const std::string& s, int n) {
        std::string out;
        for (int i = 0; i < n; ++i) {
            out += s;
        }
        return out;
    };
    CHECK(html_nesting_bound("<div><p>a<div>b</div></div>", 100) == 2);
    CHECK(html_nesting_bound(repeat("<li>x", 20000), 100) == 0);  // siblings, not nesting
    CHECK(html_nesting_bound(repeat("<p>x<br><img src=a>", 20000), 100) == 0);
    CHECK(html_nesting_bound(repeat("<div>x</div>", 20000), 100) == 1);
    CHECK(html_nesting_bound(repeat("<div></span>", 200), 100) > 100);  // stray end tags close nothing
    CHECK(html_nesting_bound("<div><b><i></div>", 100) == 3);
    CHECK(html_nesting_bound("<script>" + repeat("<div>", 500) + "</script>", 100) == 0);
    CHECK(html_nesting_bound("<!--" + repeat("<div>", 500) + "-->", 100) == 0);
    CHECK(html_nesting_bound("<a title='<div>' href=\"x>\">", 100) == 1);
    CHECK(html_nesting_bound("<svg>" + repeat("<path d='M0'/>", 500) + "</svg>", 100) == 1);
    CHECK(html_nesting_bound(repeat("<div/>", 500), 100) > 100);  // not self-closing in HTML
}

TEST_CASE("HTML entities that gumbo decodes to ill-formed UTF-8 become U+FFFD") {
    // Found by fuzz_extract: gumbo turns a numeric reference past U+10FFFF that overflows its
    // arithmetic into bytes that are not UTF-8, and the JSON report threw on them.
    auto article = make_article("page.html",
                                "<pre class=\"language-&#x1100099999999;\">let a = \"&#x1100099999999;\";\n"
                                "&#xD800; &#0; &#x110000;</pre>\n");
    REQUIRE(article.ok());
    auto ex = extract_article(*article);
    REQUIRE(ex.snippets.size() == 1);
    CHECK(first_invalid_utf8_line(ex.snippets[0].code) == 0);
    CHECK(first_invalid_utf8_line(ex.snippets[0].info) == 0);
    CHECK(ex.snippets[0].code.find("\xEF\xBF\xBD") != std::string::npos);
    CHECK(ex.snippets[0].end_line == 2);
    CHECK_NOTHROW(to_json(ex.snippets[0]).dump());
}
