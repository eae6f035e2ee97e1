// runner/: one process run told apart as exit, signal, timeout or output cap; the sandbox
// seen from inside.
#include <catch2/catch.hpp>

#include <filesystem>
#include <unistd.h>

#include "runner/process.hpp"
#include "runner/sandbox.hpp"

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
