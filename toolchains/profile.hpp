#pragma once
// The toolchain profile of SPEC section 4: which toolchains, editions, limits, universe and
// crate set. The embedded default is toolchains/default.toml; snipcheck.toml overrides it.
#include <map>
#include <string>
#include <vector>

#include "model/error.hpp"

namespace snipcheck {

// A local crate named in [crates] with a path (`trpl = { path = "packages/trpl" }`).
struct PathCrate {
    std::string name;  // as snippets write it
    std::string dir;   // absolute: the path resolved against the profile file's folder
};

// A [crates] entry with a registry requirement, as Cargo.toml's [dependencies] writes it.
struct CrateRequirement {
    std::string name;         // as the table names it (a package name: may hold '-')
    std::string dependency;   // its [dependencies] line: `name = "1"` or `name = { version = "1", ... }`
    std::string any_version;  // the same line with version "*", for universes that ship another
};

// A default expectation for the articles a glob matches (snipcheck.toml `[[policy]]`).
struct PolicyRule {
    std::string glob;                 // fnmatch pattern on the article path, e.g. "drafts/*"
    std::vector<std::string> expect;  // verdict ids or nightly / ignore
};

struct Profile {
    std::string reference = "stable";
    std::string probe = "nightly";
    std::vector<std::string> editions;  // newest first
    int wall_seconds = 60;
    int cpu_seconds = 60;
    int memory_mib = 8192;
    std::string universe_name;  // the system universe (the registry apt installed)
    std::string registry;       // its cargo directory source
    std::string reference_universe = "newest";  // "today": "newest" present, or a suite name
    std::vector<std::string> evidence_universes{"all"};  // older universes tried for evidence
    std::vector<CrateRequirement> crates;  // the [crates] table's registry crates, in order
    std::vector<PathCrate> path_crates;     // [crates] entries with a `path`
    std::map<std::string, std::string> alternates;  // name -> [dependencies] lines
    std::vector<PolicyRule> policies;
    std::vector<std::string> exclude_paths;  // [paths] exclude: globs a directory walk leaves out
    std::string source_text;  // the whole profile, for cache keys
};

// The embedded default profile.
Profile default_profile();

// The default profile with the keys of a TOML file (snipcheck.toml) laid over it.
Expected<Profile> load_profile(const std::string& path);

// Parses profile text laid over `base`; `origin` names the text in errors.
Expected<Profile> parse_profile(const std::string& text, const std::string& origin, Profile base);

}  // namespace snipcheck
