#pragma once
// A Rust toolchain (rustup's stable or nightly): where it lives, who it is (`rustc -vV`, part
// of every cache key), and the sandbox its runs on snippet content get.
#include <map>
#include <string>
#include <vector>

#include "model/error.hpp"
#include "runner/sandbox.hpp"

namespace snipcheck {

struct Toolchain {
    std::string name;     // "stable", "nightly"
    std::string sysroot;  // the directory mounted read-only in the sandbox
    std::string rustc;
    std::string cargo;
    std::string identity;  // `rustc -vV`
    std::string release;   // "1.95.0"
    bool nightly = false;
};

// Finds a rustup toolchain by name (`rustc +NAME --print sysroot`); an error names what is missing.
Expected<Toolchain> find_toolchain(const std::string& name);

// The sandbox every toolchain run on snippet content uses: the toolchain, the registry and
// the crate sets readable, `work_dir` writable, and an allow-listed environment.
SandboxSpec rust_sandbox(const Toolchain& tc, const std::string& work_dir,
                         const std::vector<std::string>& readable, const ProcessLimits& limits);

}  // namespace snipcheck
