#pragma once
// The sandbox of SPEC section 5, built in one place: a bubblewrap argv prefix. No network,
// a read-only system, a private writable work directory, an allow-listed environment, and
// only the toolchains, the crates and the system libraries visible: no home, no secrets.
#include <map>
#include <string>
#include <vector>

#include "runner/process.hpp"

namespace snipcheck {

// Where the private work directory appears inside the sandbox. Not /work: the host's own
// paths (a checkout under /work, say) must stay visible where they are.
inline constexpr const char* kSandboxWorkDir = "/snipcheck-work";

struct SandboxSpec {
    std::string work_dir;                   // host directory mounted read-write at kSandboxWorkDir
    std::vector<std::string> readonly;      // host paths mounted read-only at the same path
    std::map<std::string, std::string> env;  // the whole environment inside (PATH included)
    ProcessLimits limits;
};

// This process's own scratch directory under `<cache_dir>/tmp`, made on first use and held
// by a lock (flock) for the life of the process, removed at a normal exit. Scratch
// directories whose lock nobody holds belong to runs that died (kill -9, a power cut) and
// are removed by the first call of the next run. "" when it cannot be made.
std::string scratch_dir(const std::string& cache_dir);

// Creates a fresh private work directory `<parent>/<prefix>-XXXXXX`; "" when it cannot.
std::string make_work_dir(const std::string& parent, const std::string& prefix);

// The bwrap invocation that runs `argv` inside the sandbox.
std::vector<std::string> sandbox_argv(const SandboxSpec& spec, const std::vector<std::string>& argv);

// Runs `argv` in the sandbox; the working directory inside is kSandboxWorkDir.
ProcessResult run_sandboxed(const SandboxSpec& spec, const std::vector<std::string>& argv);

// The preflight: "" when bubblewrap can create its namespaces on this machine; otherwise one
// line that says why (bwrap missing, user namespaces off, AppArmor's restriction on
// unprivileged user namespaces, a container that forbids them) and what to do about it.
std::string sandbox_unavailable_reason();

// Turns the sandbox off for the rest of the process (--no-sandbox-i-trust-these-articles):
// run_sandboxed then runs the tool directly in the work directory, with the same clean
// environment and limits, kSandboxWorkDir rewritten to the work directory in argv and
// environment and back in the output. No network, file-system or process isolation is left.
void disable_sandbox();

// False once disable_sandbox() was called.
bool sandbox_enabled();

// The bwrap program run_sandboxed uses: the first `bwrap` on the PATH snipcheck was started
// with, else /usr/bin/bwrap.
std::string bwrap_program();

}  // namespace snipcheck
