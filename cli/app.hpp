#pragma once
// The command line: the only layer that touches argv, the environment and the terminal.
namespace snipcheck {

// Runs `snipcheck ARGS...`; returns the process exit code (0 ok, 1 policy failed, 2 error).
int run_cli(int argc, char** argv);

}  // namespace snipcheck
