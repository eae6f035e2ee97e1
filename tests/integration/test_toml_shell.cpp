#include <catch2/catch.hpp>

#include "toolchains/shell/shell_checker.hpp"
#include "toolchains/cargo/toml_checker.hpp"

using namespace snipcheck;

namespace {

Toolchain stable() {
    static Toolchain tc = [] {
        auto t = find_toolchain("stable");
        if (!t) {
            FAIL(t.error().message);
        }
        return *t;
    }();
    return tc;
}

Snippet snippet(const std::string& language, const std::string& code, int start_line = 20) {
    Snippet s;
    s.id = "t:" + std::to_string(start_line);
    s.article = "t.md";
    s.start_line = start_line;
    s.language = language;
    s.code = code;
    return s;
}

}  // namespace

TEST_CASE("TOML snippets are judged by toml++ and cargo", "[cargo]") {
    TomlChecker toml(stable(), default_profile(), SNIPCHECK_TEST_CACHE);
    SECTION("a syntax error, at its article line") {
        auto r = toml.check(snippet("toml", "[package]\nname = \"x\"\nversion = = 1\n"), "");
        CHECK(r.verdict == Verdict::Error);
        REQUIRE_FALSE(r.evidence.empty());
        CHECK(r.evidence.front().line == 22);
    }
    SECTION("a dependencies fragment that the registry satisfies") {
        auto r = toml.check(snippet("toml", "[dependencies]\nserde = { version = \"1\", features = [\"derive\"] }\n"), "");
        CHECK(r.verdict == Verdict::Compiles);
    }
    SECTION("a misspelt key cargo ignores is an error") {
        auto r = toml.check(snippet("toml", "[dependencies]\nserde = { version = \"1\", featurs = [\"derive\"] }\n"), "");
        CHECK(r.verdict == Verdict::Error);
        CHECK(r.subkind == "unused-key");
    }
    SECTION("an edition this cargo does not know is speculative") {
        auto r = toml.check(snippet("toml", "[package]\nname = \"x\"\nversion = \"0.1.0\"\nedition = \"2027\"\n"), "");
        CHECK(r.verdict == Verdict::SpeculativeSyntax);
    }
    SECTION("a version the registry lacks is a missing dependency, named with its version") {
        auto r = toml.check(snippet("toml", "[workspace]\nmembers = [\"crates/a\"]\nresolver = \"3\"\n\n[workspace.dependencies]\n"
                                            "tokio = \"1.40\"\naxum = \"0.8\"\nserde = \"1\"\n"), "");
        CHECK(r.verdict == Verdict::MissingDependency);
        auto missing = r.missing_crates;
        std::sort(missing.begin(), missing.end());
        CHECK(missing == std::vector<std::string>{"axum", "tokio ^1.40"});
        bool resolver_note = std::any_of(r.evidence.begin(), r.evidence.end(), [](const Evidence& e) {
            return e.message.find("needs cargo 1.84") != std::string::npos;
        });
        CHECK(resolver_note);
    }
    SECTION("TOML that is not a manifest is syntax-checked only") {
        auto r = toml.check(snippet("toml", "max_width = 100\nedition = \"2021\"\n"), "");
        CHECK(r.verdict == Verdict::Compiles);
        CHECK(r.subkind == "syntax");
    }
}

TEST_CASE("shell snippets are judged by bash -n, ShellCheck and the commands they name", "[shell]") {
    ShellChecker shell(stable(), default_profile(), SNIPCHECK_TEST_CACHE);
    SECTION("commands that exist") {
        auto r = shell.check(snippet("shell", "cargo build --release\ncargo test -- --nocapture\nls -la\n"), "");
        CHECK(r.verdict == Verdict::Compiles);
    }
    SECTION("a third-party cargo subcommand is a missing dependency") {
        auto r = shell.check(snippet("shell", "cargo nextest run\n"), "");
        CHECK(r.verdict == Verdict::MissingDependency);
        CHECK(r.missing_crates == std::vector<std::string>{"cargo-nextest (for `cargo nextest`)"});
    }
    SECTION("a misspelt flag is an error") {
        auto r = shell.check(snippet("shell", "cargo build --relase\n"), "");
        CHECK(r.verdict == Verdict::Error);
        CHECK(r.subkind == "unknown-flag");
    }
    SECTION("a syntax error, at its article line") {
        auto r = shell.check(snippet("shell", "echo start\nif true; then\necho x\n"), "");
        CHECK(r.verdict == Verdict::Error);
        CHECK(r.subkind == "syntax");
    }
    SECTION("ShellCheck findings with their codes and lines") {
        auto r = shell.check(snippet("shell", "cd my_app\nls\n", 30), "");
        CHECK(r.verdict == Verdict::Compiles);
        bool sc2164 = std::any_of(r.evidence.begin(), r.evidence.end(), [](const Evidence& e) {
            return e.code == "SC2164" && e.line == 30;
        });
        CHECK(sc2164);
    }
    SECTION("an unknown command") {
        auto r = shell.check(snippet("shell", "definitely-not-a-tool --serve\n"), "");
        CHECK(r.verdict == Verdict::MissingDependency);
    }
}

TEST_CASE("shell command splitting skips comments, heredocs and prefixes") {
    auto cmds = shell_commands("# comment\nFOO=1 sudo cargo run && echo ok | tee x\ncat <<EOF\nnot a command\nEOF\nls \\\n  -la\n");
    REQUIRE(cmds.size() == 5);
    CHECK(cmds[0].words[0] == "cargo");
    CHECK(cmds[0].line == 2);
    CHECK(cmds[1].words[0] == "echo");
    CHECK(cmds[2].words[0] == "tee");
    CHECK(cmds[3].words[0] == "cat");
    CHECK(cmds[4].words == std::vector<std::string>{"ls", "-la"});
}
