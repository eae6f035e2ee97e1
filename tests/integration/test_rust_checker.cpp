#include <catch2/catch.hpp>

#include "extractor/extract.hpp"
#include "toolchains/rust/rust_checker.hpp"

using namespace snipcheck;

namespace {

const RustChecker& checker() {
    static std::unique_ptr<RustChecker> c = [] {
        RustCheckOptions o{default_profile(), SNIPCHECK_TEST_CACHE, false};
        auto made = RustChecker::create(o);
        if (!made) {
            FAIL("cannot create the checker: " << made.error().message);
        }
        return std::move(*made);
    }();
    return *c;
}

Snippet rust(const std::string& code, std::vector<std::string> attributes = {}, int start_line = 10) {
    Snippet s;
    s.id = "t:" + std::to_string(start_line);
    s.article = "t.md";
    s.start_line = start_line;
    s.end_line = start_line + static_cast<int>(std::count(code.begin(), code.end(), '\n'));
    s.language = "rust";
    s.attributes = std::move(attributes);
    s.code = code;
    return s;
}

bool has_finding(const CheckResult& r, Verdict verdict, const std::string& subkind = "") {
    return std::any_of(r.findings.begin(), r.findings.end(), [&](const Finding& f) {
        return f.verdict == verdict && (subkind.empty() || f.subkind == subkind);
    });
}

}  // namespace

TEST_CASE("rung 1: stable and the newest edition", "[rustc]") {
    SECTION("a program that compiles") {
        auto r = checker().check(rust("fn main() {\n    let v = vec![1, 2];\n    println!(\"{v:?}\");\n}"), "");
        CHECK(r.verdict == Verdict::Compiles);
        CHECK(r.editions_passing == std::vector<std::string>{"2024"});
    }
    SECTION("statements are wrapped in fn main, as rustdoc does") {
        auto r = checker().check(rust("let x = 1 + 1;\nassert_eq!(x, 2);"), "");
        CHECK(r.verdict == Verdict::Compiles);
        CHECK(r.wrapped_source.find("fn main() {") != std::string::npos);
    }
    SECTION("items only are checked as a library, with packaged crates") {
        auto r = checker().check(rust("use serde::Serialize;\n#[derive(Serialize)]\npub struct P { pub x: i32 }\n"
                                      "pub fn j(p: &P) -> String { serde_json::to_string(p).unwrap() }"), "");
        CHECK(r.verdict == Verdict::Compiles);
    }
    SECTION("clap's derive reads CARGO_PKG_* at compile time") {
        auto r = checker().check(rust("use clap::Parser;\n#[derive(Parser)]\n#[command(version, about)]\n"
                                      "struct Cli { #[arg(short)] n: u32 }\nfn main() { let _ = Cli::parse(); }"), "");
        CHECK(r.verdict == Verdict::Compiles);
    }
    SECTION("a deprecated method is outdated-api (deprecated)") {
        auto r = checker().check(rust("fn main() { println!(\"{}\", \" a\".trim_left()); }"), "");
        CHECK(r.verdict == Verdict::OutdatedApi);
        CHECK(r.subkind == "deprecated");
    }
}

TEST_CASE("rung 2: older editions", "[rustc]") {
    auto r = checker().check(rust("fn main() {\n    let dyn = 3;\n    println!(\"{}\", dyn);\n}"), "");
    CHECK(r.verdict == Verdict::OutdatedApi);
    CHECK(r.subkind == "edition");
    CHECK(r.editions_passing == std::vector<std::string>{"2015"});
}

TEST_CASE("rung 3: another version of the same crate", "[rustc]") {
    auto r = checker().check(rust("use clap::{App, Arg};\nfn main() {\n    let m = App::new(\"t\").arg(Arg::with_name(\"v\").short(\"v\")).get_matches();\n"
                                  "    let _ = m.is_present(\"v\");\n}"), "");
    CHECK(r.verdict == Verdict::OutdatedApi);
    CHECK(r.subkind == "crate-version");
    CHECK(has_finding(r, Verdict::OutdatedApi, "crate-version"));
}

TEST_CASE("rung 4: nightly with the gates it asks for", "[rustc]") {
    SECTION("nightly-only, with the minimal gates") {
        auto r = checker().check(rust("fn evens() -> impl Iterator<Item = u32> {\n    gen {\n        let mut n = 0;\n"
                                      "        loop { yield n; n += 2; }\n    }\n}"), "");
        CHECK(r.verdict == Verdict::SpeculativeSyntax);
        CHECK(r.subkind == "nightly-only");
        CHECK(r.feature_gates == std::vector<std::string>{"gen_blocks"});
    }
    SECTION("E0562 maps to a gate too") {
        auto r = checker().check(rust("let f: impl Fn(i32) -> i32 = |x| x * 2;"), "");
        CHECK(r.verdict == Verdict::SpeculativeSyntax);
        CHECK(r.feature_gates == std::vector<std::string>{"impl_trait_in_bindings"});
    }
    SECTION("syntax no toolchain accepts is invented") {
        auto r = checker().check(rust("fn main() {\n    let x = 5 ~> 3;\n}"), "");
        CHECK(r.verdict == Verdict::SpeculativeSyntax);
        CHECK(r.subkind == "invented");
    }
    SECTION("an attribute nothing defines is invented") {
        auto r = checker().check(rust("#[linear]\nstruct Handle { fd: i32 }"), "");
        CHECK(r.verdict == Verdict::SpeculativeSyntax);
        CHECK(r.subkind == "invented");
    }
}

TEST_CASE("missing crates, fragments and errors", "[rustc]") {
    SECTION("a crate the registry lacks") {
        auto r = checker().check(rust("use axum::{routing::get, Router};\nfn app() -> Router { Router::new().route(\"/\", get(|| async { \"hi\" })) }"), "");
        CHECK(r.verdict == Verdict::MissingDependency);
        CHECK(r.missing_crates == std::vector<std::string>{"axum"});
        CHECK(r.undefined.empty());
    }
    SECTION("the knowledge base outranks a missing crate") {
        auto r = checker().check(rust("use axum::{routing::get, Router};\nfn app() -> Router { Router::new().route(\"/users/:id\", get(h)) }\nasync fn h() {}"), "");
        CHECK(r.verdict == Verdict::OutdatedApi);
        CHECK(has_finding(r, Verdict::OutdatedApi, "knowledge-base"));
        CHECK(has_finding(r, Verdict::MissingDependency));
    }
    SECTION("names defined nowhere make a fragment") {
        auto r = checker().check(rust("fn handle(req: Request) -> Response {\n    render(load(&req))\n}"), "");
        CHECK(r.verdict == Verdict::Incomplete);
        CHECK(r.undefined == std::vector<std::string>{"Request", "Response", "load", "render"});
    }
    SECTION("an earlier snippet of the article supplies the context") {
        std::string context = items_of("pub struct Point { pub x: i32 }\nfn main() {}\n");
        auto r = checker().check(rust("let p = Point { x: 1 };\nprintln!(\"{}\", p.x);"), context);
        CHECK(r.verdict == Verdict::Compiles);
        CHECK(r.subkind == "with-context");
    }
    SECTION("a std type used without its `use` line, nothing else wrong: the listing left the import out") {
        auto r = checker().check(rust("fn main() {\n    let m: HashMap<i32, i32> = HashMap::new();\n}"), "");
        CHECK(r.verdict == Verdict::Incomplete);
        CHECK(r.subkind == "missing-import");
    }
    SECTION("a left-out import beside a genuine error is an error") {
        auto r = checker().check(rust("fn main() {\n    let m: HashMap<i32, i32> = HashMap::new();\n    let n: i32 = \"x\";\n}"), "");
        CHECK(r.verdict == Verdict::Error);
    }
    SECTION("a type error, with the article line of the diagnostic") {
        auto r = checker().check(rust("fn main() {\n    let n: i32 = \"x\";\n}", {}, 40), "");
        CHECK(r.verdict == Verdict::Error);
        REQUIRE_FALSE(r.evidence.empty());
        CHECK(r.evidence.front().code == "E0308");
        CHECK(r.evidence.front().line == 41);
    }
    SECTION("a scrape's region: prose at an unsure edge where the parser stops is left out") {
        const std::string listing = "fn double(x: u32) -> u32 {\n    x * 2\n}\n";
        const std::string prose = "Here x: u32 is copied in, and the result is a new u32 too.";
        Snippet tail = rust(listing + prose, {}, 20);
        tail.origin = Origin::Detected;
        auto whole = checker().check(tail, "");
        CHECK(whole.verdict == Verdict::SpeculativeSyntax);  // without the mark, the region stands whole
        tail.unsure_tail = 1;
        auto r = checker().check(tail, "");
        CHECK(r.verdict == Verdict::Compiles);
        REQUIRE_FALSE(r.evidence.empty());
        CHECK(r.evidence.front().line == 23);
        CHECK(r.evidence.front().message.find("lines 23-23 read as prose") != std::string::npos);
        Snippet head = rust(prose + "\n" + listing, {}, 20);
        head.unsure_head = 1;
        CHECK(checker().check(head, "").verdict == Verdict::Compiles);
        // The parser stops on a sure line: the unsure edge is not the cause, and nothing is left out.
        Snippet sure = rust("fn f() -> u32 {\n    let = 1;\n}\nNone", {}, 20);
        sure.unsure_tail = 1;
        CHECK(checker().check(sure, "").verdict == Verdict::SpeculativeSyntax);
    }
    SECTION("blocks marked ignore are skipped") {
        auto r = checker().check(rust("not rust at all", {"ignore"}), "");
        CHECK(r.verdict == Verdict::Skipped);
    }
}

TEST_CASE("a snippet that never stops compiling is a harness error", "[rustc][timeout]") {
    Profile p = default_profile();
    p.wall_seconds = 5;
    p.cpu_seconds = 5;
    RustCheckOptions o{p, SNIPCHECK_TEST_CACHE, false};
    auto c = RustChecker::create(o);
    REQUIRE(c.ok());
    auto r = (*c)->check(rust("#![allow(long_running_const_eval)]\nconst X: u64 = { let mut i = 0u64; loop { i = i.wrapping_add(1); } };\n"
                              "fn main() { println!(\"{}\", X); }"), "");
    CHECK(r.verdict == Verdict::HarnessError);
    REQUIRE_FALSE(r.evidence.empty());
    // run_failure's words, naming the tool: "rustc (stable) ran out of wall time after 5.0 s".
    CHECK(r.evidence.front().message.find("rustc") != std::string::npos);
    CHECK(r.evidence.front().message.find("wall time") != std::string::npos);
    // The run goes on: the same checker still classifies the next snippet.
    CHECK((*c)->check(rust("fn main() {}"), "").verdict == Verdict::Compiles);
}

TEST_CASE("compile time sees nothing of the host: no secrets in diagnostics", "[rustc][sandbox]") {
    ::setenv("SNIPCHECK_TEST_SECRET", "hunter2", 1);
    SECTION("env! cannot read the caller's environment") {
        auto r = checker().check(rust("const S: &str = env!(\"SNIPCHECK_TEST_SECRET\");\nfn main() { println!(\"{S}\"); }"), "");
        CHECK(r.verdict == Verdict::Error);
        for (const auto& e : r.evidence) {
            CHECK(e.message.find("hunter2") == std::string::npos);
        }
    }
    SECTION("include_str! cannot read files outside the work directory") {
        const char* path = "/root/.snipcheck-test-secret";
        FILE* f = std::fopen(path, "w");
        REQUIRE(f != nullptr);
        std::fputs("hunter2", f);
        std::fclose(f);
        auto r = checker().check(rust(std::string("const S: &str = include_str!(\"") + path + "\");\nfn main() { println!(\"{S}\"); }"), "");
        std::remove(path);
        CHECK(r.verdict == Verdict::Error);
        bool unreadable = std::any_of(r.evidence.begin(), r.evidence.end(), [](const Evidence& e) {
            return e.message.find("couldn't read") != std::string::npos;
        });
        CHECK(unreadable);
    }
    SECTION("what a proc macro may read is the allow-list: HOME is the work directory") {
        // Evaluated at compile time: type-checking fails unless HOME is the work directory.
        std::string code =
            "const fn same(a: &[u8], b: &[u8]) -> bool {\n"
            "    if a.len() != b.len() { return false; }\n"
            "    let mut i = 0;\n"
            "    while i < a.len() { if a[i] != b[i] { return false; } i += 1; }\n"
            "    true\n"
            "}\n"
            "const _: () = assert!(same(env!(\"HOME\").as_bytes(), b\"HOME_VALUE\"));\n"
            "fn main() {}";
        auto at = code.find("HOME_VALUE");
        auto inside = code;
        inside.replace(at, 10, "/snipcheck-work");
        CHECK(checker().check(rust(inside), "").verdict == Verdict::Compiles);
        auto host = code;
        host.replace(at, 10, "/root");
        CHECK(checker().check(rust(host), "").verdict == Verdict::Error);
    }
}
