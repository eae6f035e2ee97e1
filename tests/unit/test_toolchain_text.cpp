// The pure text functions of toolchains/: rustc's JSON diagnostics, rustdoc-style wrapping
// with its line map, and shell splitting.
#include <catch2/catch.hpp>

#include "toolchains/rust/diagnostics.hpp"
#include "toolchains/rust/rust_source.hpp"
#include "toolchains/shell/shell_checker.hpp"

using namespace snipcheck;

TEST_CASE("rustc's JSON diagnostics") {
    std::string err =
        R"({"$message_type":"diagnostic","message":"cannot find value `x` in this scope","code":{"code":"E0425"},)"
        R"("level":"error","spans":[{"file_name":"main.rs","line_start":4,"is_primary":true}],)"
        R"("children":[{"message":"add #![feature(gen_blocks)] to the crate attributes to enable","level":"help","spans":[],"children":[]}],)"
        R"("rendered":"error[E0425]: cannot find value `x`\n --> main.rs:4:5\n"})"
        "\nnot json at all\n"
        R"({"$message_type":"diagnostic","message":"aborting due to 1 previous error","code":null,"level":"error","spans":[],"children":[],"rendered":""})";
    auto d = parse_rustc_diagnostics(err);
    REQUIRE(d.size() >= 1);
    CHECK(d[0].code == "E0425");
    CHECK(d[0].line == 4);
    CHECK(d[0].level == "error");
    CHECK(requested_feature_gates(d) == std::vector<std::string>{"gen_blocks"});
    CHECK(backticked_name(d[0].message) == "x");
    CHECK(looked_up_in("cannot find function `run` in crate `tokio`") == "tokio");
    CHECK(looked_up_in("cannot find value `x` in this scope").empty());
}

TEST_CASE("rendered diagnostics speak in article lines") {
    std::string rendered = "error[E0425]: cannot find value `x`\n --> main.rs:4:5\n  |\n4 |     x\n  |     ^\n";
    auto out = rendered_for_article(rendered, [](int l) { return l + 10; }, 10000);
    CHECK(out.find(":14:5") != std::string::npos);
    CHECK(out.find("14 |") != std::string::npos);
}

TEST_CASE("wrapping as rustdoc does, with every line mapped back") {
    Snippet s;
    s.start_line = 20;
    s.end_line = 22;
    s.language = "rust";
    s.code = "#![allow(dead_code)]\nlet x = 1;\nprintln!(\"{x}\");";
    auto w = wrap_rust(s, "");
    CHECK(w.wrapped_in_main);
    CHECK(w.text.find("fn main()") != std::string::npos);
    CHECK(w.text.find("#![allow(dead_code)]") < w.text.find("fn main()"));  // crate attributes hoisted
    int lets = 0;
    for (std::size_t i = 0; i < w.article_line.size(); ++i) {
        if (w.article_line[i] == 21) {
            ++lets;
        }
    }
    CHECK(lets == 1);
    CHECK(w.map_line(1) == 0);  // an added line maps to none

    Snippet items = s;
    items.code = "struct X<T>(T);\nimpl<T> X<T>\nwhere\n    T: Clone,\n{\n    fn get(&self) -> T { self.0.clone() }\n}";
    auto lib = wrap_rust(items, "");
    CHECK(lib.crate_type == "lib");  // items only, a where clause over lines included
    CHECK_FALSE(lib.wrapped_in_main);

    Snippet with_main = s;
    with_main.code = "fn main() {\n    let x = 1;\n}";
    CHECK_FALSE(wrap_rust(with_main, "").wrapped_in_main);
}

TEST_CASE("rust source reading") {
    CHECK(declared_features("#![feature(gen_blocks, yield_expr)]\nfn main() {}") ==
          std::vector<std::string>{"gen_blocks", "yield_expr"});
    CHECK(strip_comments_and_strings("let s = \"a // b\"; // c").find("//") == std::string::npos);
    auto roots = path_roots("use serde::Serialize;\nfn main() { tokio::spawn(async {}); std::mem::drop(1); }");
    CHECK(roots.count("serde"));
    CHECK(roots.count("tokio"));
    CHECK_FALSE(roots.count("std"));
    CHECK_FALSE(find_placeholders("fn f() { ... }").empty());
    CHECK(find_placeholders("fn f() { 1 }").empty());
}

TEST_CASE("shell scripts split into commands") {
    auto cmds = shell_commands("# a comment\ncargo new app && cd app\nsudo apt-get install -y x | tee log; FOO=1 env BAR=2 make\n"
                               "cat <<EOF\nnot a command\nEOF\n");
    std::vector<std::string> first;
    for (const auto& c : cmds) {
        first.push_back(c.words.empty() ? "" : c.words[0]);
    }
    CHECK(first == std::vector<std::string>{"cargo", "cd", "apt-get", "tee", "make", "cat"});
    CHECK(cmds[0].line == 2);
    CHECK(cmds[2].line == 3);
}
