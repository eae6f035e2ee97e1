#include <catch2/catch.hpp>

#include "model/regex.hpp"
#include "toolchains/rust/release_notes.hpp"
#include "toolchains/rust/rust_repair.hpp"
#include "toolchains/rust/rust_source.hpp"

using namespace snipcheck;

TEST_CASE("repairs give a cut listing what it needs to parse") {
    SECTION("a placeholder body becomes nothing, a placeholder expression todo!()") {
        auto r = repair_fragment("fn f() { ... }\nlet x = ...;\nfoo(a, ...);\n");
        CHECK(r.text == "fn f() {  }\nlet x = todo!();\nfoo(a, todo!());\n");
        REQUIRE(r.what.size() == 1);
        CHECK(r.what[0].find("3 placeholders") != std::string::npos);
    }
    SECTION("the ellipsis character is a placeholder too; `0...9` range patterns are not") {
        CHECK(repair_fragment("match x { \xE2\x80\xA6 }").text == "match x {  }");
        CHECK(repair_fragment("match n { 0...9 => 1, _ => 2 }").what.empty());
    }
    SECTION("`..` standing alone only on the second try") {
        CHECK(repair_fragment("let v: Vec<..> = f(..);").what.empty());
        CHECK(repair_fragment("let v: Vec<..> = f(..);", true).text == "let v: Vec<> = f(todo!());");
        CHECK(repair_fragment("let s = &v[1..3];", true).what.empty());
    }
    SECTION("placeholders inside comments and strings stay") {
        CHECK(repair_fragment("// ...\nlet s = \"...\";\n").what.empty());
    }
    SECTION("a leading .method() line gets a receiver") {
        auto r = repair_fragment("    .expect(\"x\");\n");
        CHECK(r.text == "    todo!().expect(\"x\");\n");
    }
    SECTION("unmatched closers dropped, open delimiters closed") {
        CHECK(repair_fragment("let a = 1;\n}\n}\n").text == "let a = 1;\n\n\n");
        CHECK(repair_fragment("fn main() {\n    let v = vec![1,\n").text == "fn main() {\n    let v = vec![1,\n]}\n");
    }
    SECTION("typographic quotes and dashes become ASCII, and say how many") {
        auto r = ascii_typography("println!(\xE2\x80\x9Chi\xE2\x80\x9D); // \xE2\x80\x94");
        CHECK(r.text == "println!(\"hi\"); // -");
        REQUIRE(r.what.size() == 1);
        CHECK(r.what[0].find("3 typographic") != std::string::npos);
        CHECK(ascii_typography("plain").what.empty());
    }
}

TEST_CASE("pre-1.0 names come from the release notes' 0.x and 1.0 pre-release sections") {
    auto notes = ReleaseNotes::from_text(
        "Version 1.2.0 (2015-08-07)\n* `Later` arrived\n"
        "Version 1.0.0-alpha (2015-01-09)\n  * `int` and `uint` are now `isize`, see `std::comm`\n"
        "Version 0.12.0 (2014-10-09)\n  * `fmt::Show` is derivable\n");
    CHECK(notes.before_1_0("int")->version == "1.0.0-alpha");
    CHECK(notes.before_1_0("comm")->line == 4);
    CHECK(notes.before_1_0("Show")->version == "0.12.0");
    CHECK_FALSE(notes.before_1_0("Later"));
    CHECK_FALSE(notes.before_1_0("std"));
}

TEST_CASE("declared feature gates and path roots") {
    CHECK(declared_features("#![feature(never_type, try_blocks)]\n#![feature(gen_blocks)]\nfn main() {}") ==
          std::vector<std::string>{"never_type", "try_blocks", "gen_blocks"});
    auto roots = path_roots("fn f() { let n = size_of::<u8>(); mini_redis::connect(); }", nullptr);
    CHECK(roots.count("mini_redis") == 1);
    CHECK(roots.count("size_of") == 0);  // `::<` starts generic arguments, not a path
}

TEST_CASE("RE2-backed regexes: groups, positions, every match, and long input without recursion") {
    Regex r(R"(([a-z]+)=([0-9]+))");
    RegexMatch m;
    REQUIRE(r.search("x a=1 b=22", m));
    CHECK(m[1] == "a");
    CHECK(m.position == 2);
    auto all = r.find_all("a=1 b=22 c=3");
    REQUIRE(all.size() == 3);
    CHECK(all[1][2] == "22");
    std::string huge(2'000'000, 'a');
    CHECK_FALSE(Regex(R"(\buse\s+[a-z_]+([^;]*);)").search("use x" + huge));
    CHECK(Regex::quote("a.b") == "a\\.b");
}
