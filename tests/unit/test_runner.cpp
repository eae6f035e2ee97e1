// runner/: one process run told apart as exit, signal, timeout or output cap; the sandbox
// seen from inside.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <unistd.h>

#include "runner/process.hpp"
#include "runner/sandbox.hpp"
#include "toolchains/shell/shell_checker.hpp"

using namespace snipcheck;
using namespace std::chrono_literals;

namespace {
ProcessResult sh(const std::string& script, ProcessLimits limits = {}) {
    return run_process({"/bin/sh", "-c", script}, {{"PATH", "/usr/bin:/bin"}}, "/", limits);
}
}  // namespace

TEST_CASE("run_process keeps the streams apart and tells an exit from a failed run") {
    auto r = sh("echo out; echo err >&2; exit 3");
    CHECK(r.out == "out\n");
    CHECK(r.err == "err\n");
    CHECK(r.exit_code == 3);
    CHECK_FALSE(r.ok());
    CHECK(run_failure(r, "tool").empty());  // an exit of its own is the tool's answer

    SECTION("a signal") {
        auto k = sh("kill -9 $$");
        CHECK(k.signaled);
        CHECK(k.signal == 9);
        CHECK(run_failure(k, "shellcheck").find("shellcheck") != std::string::npos);
    }
    SECTION("a timeout kills the child") {
        ProcessLimits l;
        l.wall_time = 300ms;
        auto t = sh("sleep 5", l);
        CHECK(t.timed_out);
        CHECK(t.elapsed < 4000ms);
        CHECK_FALSE(run_failure(t, "bash -n").empty());
    }
    SECTION("output over the cap is dropped and said to be") {
        ProcessLimits l;
        l.max_output_bytes = 1000;
        auto big = sh("head -c 100000 /dev/zero | tr '\\0' x", l);
        CHECK(big.output_truncated);
        CHECK(big.out.size() <= 1000);
        CHECK_THAT(run_failure(big, "shellcheck"), Catch::Contains("shellcheck") && Catch::Contains("cut short"));
    }
    SECTION("a program that does not exist is a spawn error, never an exit code") {
        auto none = run_process({"/no/such/program"}, {}, "/", {});
        CHECK_FALSE(none.spawn_error.empty());
        CHECK_FALSE(run_failure(none, "x").empty());
    }
    SECTION("the environment is exactly the one given") {
        auto e = run_process({"/usr/bin/env"}, {{"ONLY", "this"}}, "/", {});
        CHECK(e.out == "ONLY=this\n");
    }
}

TEST_CASE("format_command quotes what a shell would split") {
    CHECK(format_command({"rustc", "--edition", "2021", "a b.rs"}) == "rustc --edition 2021 'a b.rs'");
}

TEST_CASE("the sandbox: a private work directory, nothing else writable") {
    if (!sandbox_unavailable_reason().empty()) {
        WARN("no sandbox here: " << sandbox_unavailable_reason());
        return;
    }
    auto cache = std::filesystem::temp_directory_path() / "snipcheck-runner-test";
    std::filesystem::create_directories(cache);
    std::string work = make_work_dir(scratch_dir(cache.string()), "t");
    REQUIRE_FALSE(work.empty());
    SandboxSpec spec;
    spec.work_dir = work;
    spec.env = {{"PATH", "/usr/bin:/bin"}};
    std::string outside = "/etc/snipcheck-runner-test-" + std::to_string(::getpid());
    auto r = run_sandboxed(spec, {"/bin/sh", "-c", "echo hi > here.txt; touch " + outside + " 2>/dev/null; true"});
    CHECK(r.exit_code == 0);
    CHECK(std::filesystem::exists(std::filesystem::path(work) / "here.txt"));  // the work directory is the host's
    CHECK_FALSE(std::filesystem::exists(outside));  // nothing else reaches the host
    auto net = run_sandboxed(spec, {"/bin/sh", "-c", "cat /sys/class/net/*/operstate 2>/dev/null | grep -c up || true"});
    CHECK(net.out.find('0') != std::string::npos);  // no network interface is up inside
    std::filesystem::remove_all(cache);
}

namespace {

// The real tools, run on a script in a fresh directory as the shell adapter runs them.
ProcessResult shell_tool(const std::vector<std::string>& argv, const std::string& script, ProcessLimits limits = {}) {
    auto dir = std::filesystem::temp_directory_path() / ("snipcheck-shell-run-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    std::ofstream(dir / "snippet.sh") << script << "\n";
    auto r = run_process(argv, {{"PATH", "/usr/bin:/bin"}}, dir.string(), limits);
    std::filesystem::remove_all(dir);
    return r;
}

Snippet shell_snippet(const std::string& code) {
    Snippet s;
    s.id = "t.md:3";
    s.article = "t.md";
    s.start_line = 3;
    s.language = "shell";
    s.code = code;
    return s;
}

CheckResult read_with(void (*read)(const ProcessResult&, const Snippet&, CheckResult&), const ProcessResult& p,
                      const Snippet& s) {
    CheckResult r;
    r.commands.push_back("tool");
    read(p, s, r);
    decide_by_priority(r);
    return r;
}

}  // namespace

TEST_CASE("a shell tool run that failed as a run is a harness-error naming the tool, never a verdict") {
    Snippet s = shell_snippet("cd /tmp\nls $dir\necho \"done\"");
    SECTION("bash -n answers: a syntax error at its article line, or nothing") {
        auto bad = read_with(read_bash_syntax, shell_tool({"/bin/bash", "-n", "snippet.sh"}, "if true; then\necho x"), s);
        CHECK(bad.verdict == Verdict::Error);
        CHECK(bad.subkind == "syntax");
        auto fine = read_with(read_bash_syntax, shell_tool({"/bin/bash", "-n", "snippet.sh"}, s.code), s);
        CHECK(fine.verdict == Verdict::Compiles);
    }
    SECTION("bash -n out of wall time is no syntax error") {
        ProcessLimits l;
        l.wall_time = 100ms;
        // bash itself, kept busy past the limit (bash -n alone finishes first).
        auto p = shell_tool({"/bin/bash", "-c", "sleep 5; exit 2"}, s.code, l);
        REQUIRE(p.timed_out);
        auto r = read_with(read_bash_syntax, p, s);
        CHECK(r.verdict == Verdict::HarnessError);
        REQUIRE(r.findings.size() == 1);
        CHECK(r.findings[0].verdict == Verdict::HarnessError);
        CHECK_THAT(r.findings[0].message, Catch::Contains("bash -n") && Catch::Contains("wall time"));
    }
    SECTION("ShellCheck answers in JSON: its comments are evidence") {
        auto p = shell_tool({"/usr/bin/shellcheck", "-f", "json1", "-s", "bash", "snippet.sh"}, s.code);
        auto r = read_with(read_shellcheck, p, s);
        CHECK(r.verdict == Verdict::Compiles);
        CHECK(std::any_of(r.evidence.begin(), r.evidence.end(), [](const Evidence& e) { return e.code == "SC2086"; }));
    }
    SECTION("ShellCheck whose JSON was cut short is a harness-error, not fewer findings") {
        ProcessLimits l;
        l.max_output_bytes = 64;
        auto p = shell_tool({"/usr/bin/shellcheck", "-f", "json1", "-s", "bash", "snippet.sh"}, s.code, l);
        REQUIRE(p.output_truncated);
        auto r = read_with(read_shellcheck, p, s);
        CHECK(r.verdict == Verdict::HarnessError);
        REQUIRE_FALSE(r.findings.empty());
        CHECK_THAT(r.findings[0].message, Catch::Contains("shellcheck"));
    }
    SECTION("ShellCheck killed by a signal or out of time is a harness-error, not no findings") {
        ProcessLimits l;
        l.wall_time = 100ms;
        auto timed = shell_tool({"/bin/sh", "-c", "sleep 5"}, s.code, l);
        CHECK(read_with(read_shellcheck, timed, s).verdict == Verdict::HarnessError);
        auto killed = shell_tool({"/bin/sh", "-c", "kill -SEGV $$"}, s.code);
        auto r = read_with(read_shellcheck, killed, s);
        CHECK(r.verdict == Verdict::HarnessError);
        CHECK_THAT(r.findings.at(0).message, Catch::Contains("shellcheck") && Catch::Contains("signal 11"));
    }
}
