#include <catch2/catch.hpp>

#include <sys/resource.h>

#include <chrono>
#include <string>

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
    // A recursive walk overflowed the stack here (a segfault), and gumbo's parse errors, each
    // with a copy of the whole stack of open elements, took gigabytes for 100 KB.
    for (const std::string tag : {"div", "span", "b", "table"}) {
        INFO(tag);
        std::string html = "<html><body>\n";
        for (int i = 0; i < 40000; ++i) {
            html += "<" + tag + ">";
        }
        html += "\n<pre><code class=\"language-rust\">fn main() {}\n</code></pre>\n";
        auto t0 = std::chrono::steady_clock::now();
        auto article = make_article("deep.html", html);
        REQUIRE(article.ok());
        auto ex = extract_article(*article);
        CHECK(seconds_since(t0) < 20.0);
        CHECK(peak_rss_mib() < 1024);
        if (tag != "table") {  // <pre> directly in <table> is foster-parented: still found
            REQUIRE(ex.snippets.size() == 1);
            CHECK(ex.snippets[0].code == "fn main() {}");
            CHECK(ex.snippets[0].start_line == 3);
        }
    }
    SECTION("a <pre> whose text sits deep inside it") {
        std::string html = "<pre>";
        for (int i = 0; i < 40000; ++i) {
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
