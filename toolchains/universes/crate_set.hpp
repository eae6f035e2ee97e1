#pragma once
// Crate sets: the dependencies built once per (toolchain, universe, crate set) and reused by
// every snippet through --extern, and what a cargo directory source holds.
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "model/error.hpp"
#include "toolchains/profile.hpp"
#include "toolchains/toolchain.hpp"

namespace snipcheck {

// One built crate: the file rustc reads through --extern.
struct CrateArtifact {
    std::string name;     // the library name as code writes it: tracing_subscriber
    std::string package;  // the package name: tracing-subscriber
    std::string version;
    std::string path;     // .rmeta (libraries) or .so (proc macros)
    bool direct = false;  // named in the crate set, not only pulled in by one
};

struct CrateSet {
    std::string label;     // "default", or an alternate's name such as "clap2"
    std::string registry;  // the cargo directory source it was built from
    std::string dir;       // host directory holding target/
    std::string deps_dir;  // for -L dependency=
    std::map<std::string, CrateArtifact> crates;  // by library name
    std::map<std::string, std::string> unavailable;  // path crates left out -> why
};

// Who hears that a crate set build starts and ends (a line each: the first run builds for
// minutes, and the command line shows that it is not stuck). Process-wide; none by default.
void set_crate_build_observer(std::function<void(const std::string& event)> observer);

// Builds (or reuses from `cache_dir`) a crate set: a throwaway package whose [dependencies]
// are `dependencies_toml` and `path_crates` (copied in), checked by cargo offline in the
// sandbox against `registry`.
Expected<CrateSet> build_crate_set(const Toolchain& tc, const std::string& registry,
                                   const std::string& label, const std::string& dependencies_toml,
                                   const std::string& cache_dir, const ProcessLimits& limits,
                                   const std::vector<PathCrate>& path_crates = {});

// The name code writes for a package: `tracing-subscriber` is `tracing_subscriber`.
std::string library_name(std::string package);

// The crates a cargo directory source holds: library name -> versions.
std::map<std::string, std::vector<std::string>> registry_crates(const std::string& registry);

}  // namespace snipcheck
