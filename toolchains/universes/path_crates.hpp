#pragma once
// Local crates a book or blog ships beside its text (the Rust Book's `trpl`; what
// `mdbook test --library-path` is for), named in snipcheck.toml as path crates:
//
//     [crates]
//     trpl = { path = "packages/trpl" }
//
// A path crate joins the crate set when the universe it is built from has what it requires;
// otherwise it is left out, with the requirements that universe lacks, so that a snippet
// using it is missing-dependency for a stated reason rather than a failed crate-set build.
#include <map>
#include <string>
#include <vector>

#include "toolchains/profile.hpp"

namespace snipcheck {

// One registry requirement of a path crate's [dependencies]: `reqwest = "0.12"`.
struct Requirement {
    std::string package;  // the registry package name (`package = ".."` when renamed)
    std::string version;  // cargo's requirement syntax: "0.12", "^1.2", ">=0.3, <0.5", "*"
};

// The registry requirements of the crate at `dir` (its Cargo.toml [dependencies]); its own
// path and git dependencies are not registry requirements and are left out.
std::vector<Requirement> path_crate_requirements(const std::string& dir);

// The package name in `dir`/Cargo.toml, or "" when there is none.
std::string path_crate_package(const std::string& dir);

// Whether `version` (1.2.3, 0.12.15) meets cargo's requirement `req` (caret by default;
// `=`, `~`, `>`, `>=`, `<`, `<=`, wildcards and comma-separated conjunctions).
bool version_matches(const std::string& req, const std::string& version);

// The path crates a registry can build (by name), and why the others cannot: "needs
// reqwest 0.12, scraper 0.20". `registry` maps library names (dashes as underscores) to the
// versions the registry holds.
struct PathCratePlan {
    std::vector<PathCrate> buildable;
    std::map<std::string, std::string> unavailable;  // library name -> what its registry lacks
};
PathCratePlan plan_path_crates(const std::vector<PathCrate>& crates,
                               const std::map<std::string, std::vector<std::string>>& registry);

// A digest of a path crate's files (its sources and manifest; `target/` and `.git/` left
// out), so that an edit rebuilds the crate set that holds it.
std::string path_crate_digest(const std::string& dir);

}  // namespace snipcheck
