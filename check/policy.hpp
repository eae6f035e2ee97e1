#pragma once
// The policy that decides the exit code: which verdicts a snippet may have. By default a
// snippet meets it when it compiles, is skipped, or is a compile_fail block that fails; an
// author states other expectations in the article (`<!-- snipcheck: expect nightly -->`),
// snipcheck.toml per glob (`[[policy]]`), and --baseline forgives what did not get worse.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "model/error.hpp"
#include "model/run.hpp"
#include "model/snippet.hpp"
#include "toolchains/profile.hpp"

namespace snipcheck {

// Whether each snippet of a previous report met the policy, by snippet id and by content hash.
struct Baseline {
    std::map<std::string, bool> met_by_id;
    std::map<std::string, bool> met_by_sha;
};

// Whether each snippet of a previous run met the policy (SPEC --baseline).
Baseline baseline_from(const CheckRun& run);

// Decides one snippet. `baseline` may be null.
PolicyOutcome decide(const Snippet& s, const CheckResult& r, const std::vector<PolicyRule>& rules,
                     const Baseline* baseline);

}  // namespace snipcheck
