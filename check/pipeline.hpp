#pragma once
// The orchestration of `snipcheck check`: extract → key → cache lookup → run (in parallel) →
// classify → store. It never prints; the CLI turns the run into reports and an exit code.
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "check/policy.hpp"
#include "check/shard.hpp"
#include "extractor/walk.hpp"
#include "model/error.hpp"
#include "model/run.hpp"
#include "model/snippet.hpp"
#include "toolchains/profile.hpp"

namespace snipcheck {

struct CheckOptions {
    std::vector<std::string> paths;
    std::vector<std::string> excludes;  // --exclude globs; the profile's [paths] exclude is added
    Profile profile;
    std::string cache_dir;
    bool use_cache = true;
    bool include_ignored = false;
    unsigned jobs = 1;
    Shard shard;
    bool no_sandbox = false;  // --no-sandbox-i-trust-these-articles: toolchains run unconfined
    std::optional<Baseline> baseline;
    std::function<void(std::size_t done, std::size_t total, const std::string& article)> progress;
};

// The run's identity, taken before the shard: snipcheck's version, the profile, the
// checkers' identities (toolchains, crate registry), whether the sandbox was on, and every
// snippet of every article (path, id, content hash) in report order.
std::string run_identity(const std::vector<Snippet>& snippets, const Profile& profile,
                         const std::vector<std::string>& checker_identities, bool sandboxed, bool include_ignored);

// Decides the policy of every snippet of a run (each entry's outcome).
void apply_policy(CheckRun& run, const std::vector<PolicyRule>& rules, const Baseline* baseline);

// How a run walks directories: what git lists (tracked and untracked files, without what
// .gitignore excludes) where a directory is in a git work tree, else every file; and the
// globs to leave out.
WalkOptions walk_options(const std::vector<std::string>& excludes);

// Runs the whole check. An Error means the run could not happen (bad input, no toolchain);
// a snippet that fails is a result.
Expected<CheckRun> run_check(const CheckOptions& options);

}  // namespace snipcheck
