#pragma once
// Running one external program: the only file that spawns processes (Boost.Process).
// stdin is /dev/null, stdout and stderr are kept apart, output is capped, a wall-time limit
// kills the child, and an exit code is told apart from a signal.
#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace snipcheck {

struct ProcessLimits {
    std::chrono::milliseconds wall_time{60000};
    std::size_t max_output_bytes = 4u * 1024u * 1024u;  // per stream; the rest is dropped
    std::optional<unsigned long> cpu_seconds;           // RLIMIT_CPU
    std::optional<unsigned long> address_space_bytes;   // RLIMIT_AS
    std::optional<unsigned long> file_size_bytes;       // RLIMIT_FSIZE
    // RLIMIT_NPROC: binds when snipcheck runs as a normal user; the kernel exempts root, for
    // whom the wall-time limit and the sandbox's pid namespace bound a fork bomb instead.
    std::optional<unsigned long> processes;
};

struct ProcessResult {
    int exit_code = -1;  // valid when !signaled && !timed_out
    bool signaled = false;
    int signal = 0;
    bool timed_out = false;
    bool output_truncated = false;
    std::string out;
    std::string err;
    std::string spawn_error;  // set when the program could not be started at all
    std::chrono::milliseconds elapsed{0};

    bool ok() const { return spawn_error.empty() && !timed_out && !signaled && exit_code == 0; }
};

// Runs argv[0] (a path, or a name looked up on PATH) with exactly `env` as its environment.
ProcessResult run_process(const std::vector<std::string>& argv,
                          const std::map<std::string, std::string>& env,
                          const std::string& working_dir, const ProcessLimits& limits);

// The named variables of snipcheck's own environment (for host tools such as rustup and
// apt, never for snippet content: that runs in the sandbox with an allow-list).
std::map<std::string, std::string> inherited_env(std::initializer_list<const char*> names = {"PATH", "HOME", "RUSTUP_HOME",
                                                                                              "CARGO_HOME"});

// The one rule for a tool run that failed as a run, whatever it said: it could not start,
// ran out of wall time, was killed by a signal, or said more than the output cap kept (what
// it said is not all there, and a verdict read from part of it is no verdict). Such a run is
// a harness-error, never a verdict about the snippet. "" when the tool ran to an exit of its
// own (any exit code) and all of its output is there.
std::string run_failure(const ProcessResult& r, const std::string& tool);

// The first line of a tool's output (its stderr's first complaint, a probe's one-line answer).
std::string first_line(const std::string& text);

// A command line for people: arguments quoted where needed.
std::string format_command(const std::vector<std::string>& argv);

}  // namespace snipcheck
