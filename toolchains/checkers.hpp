#pragma once
// The checker registry: every adapter built from one environment. The Rust adapter finds the
// toolchains and the crate universes once; TOML and shell are judged with the same reference
// toolchain against the same reference universe. A new toolchain is one more row here.
#include <memory>
#include <string>
#include <vector>

#include "model/error.hpp"
#include "model/run.hpp"
#include "toolchains/profile.hpp"
#include "toolchains/snippet_checker.hpp"

namespace snipcheck {

struct CheckerEnvironment {
    Profile profile;
    std::string cache_dir;
    bool include_ignored = false;
    bool sandboxed = true;  // results found without the sandbox are cached apart
};

struct Checkers {
    // In order of preference: the first that handles a snippet checks it.
    std::vector<std::unique_ptr<SnippetChecker>> all;
    // Per checker, its identity in cache keys and the run's identity.
    std::vector<std::string> identities;
    // What reports say of the environment.
    std::vector<ToolchainInfo> toolchains;
    std::string registry;
    std::size_t registry_crates = 0;
};

Expected<Checkers> make_checkers(const CheckerEnvironment& env);

}  // namespace snipcheck
