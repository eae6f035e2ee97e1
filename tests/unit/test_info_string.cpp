#include <catch2/catch.hpp>

#include "extractor/info_string.hpp"

using namespace snipcheck;

TEST_CASE("info strings give a language and rustdoc attributes") {
    SECTION("plain language tags are normalised") {
        CHECK(parse_info_string("rust").language == "rust");
        CHECK(parse_info_string("rs").language == "rust");
        CHECK(parse_info_string("bash").language == "shell");
        CHECK(parse_info_string("console").language == "shell");
        CHECK(parse_info_string("console").dialect == "console");
        CHECK(parse_info_string("zsh").language == "shell");
        CHECK(parse_info_string("TOML").language == "toml");
        CHECK(parse_info_string("md").language == "markdown");
    }
    SECTION("comma- and space-separated attributes") {
        auto a = parse_info_string("rust,ignore");
        CHECK(a.language == "rust");
        CHECK(a.attributes == std::vector<std::string>{"ignore"});
        auto b = parse_info_string("rust no_run edition2018");
        CHECK(b.attributes == std::vector<std::string>{"no_run", "edition2018"});
        auto c = parse_info_string("compile_fail,E0308");
        CHECK(c.language == "rust");
        CHECK(c.attributes == std::vector<std::string>{"compile_fail", "E0308"});
    }
    SECTION("attributes alone mean Rust, as in rustdoc") {
        CHECK(parse_info_string("should_panic").language == "rust");
        CHECK(parse_info_string("ignore-wasm32").attributes == std::vector<std::string>{"ignore-wasm32"});
    }
    SECTION("rust,text is not tested") {
        auto t = parse_info_string("rust,text");
        CHECK(t.language == "rust");
        CHECK(t.attributes == std::vector<std::string>{"text"});
    }
    SECTION("pandoc braces and unknown languages") {
        CHECK(parse_info_string("{.rust}").language == "rust");
        CHECK(parse_info_string("python").language == "python");
        CHECK(parse_info_string("").language.empty());
    }
}

TEST_CASE("mdBook's does_not_compile and panics marks promise what compile_fail and should_panic do") {
    auto d = parse_info_string("rust,ignore,does_not_compile");
    CHECK(d.language == "rust");
    CHECK(d.attributes == std::vector<std::string>{"ignore", "compile_fail"});
    auto p = parse_info_string("rust,panics");
    CHECK(p.attributes == std::vector<std::string>{"should_panic"});
}
