#pragma once
// The JSON report of SPEC section 6 ("schema": "snipcheck/1"): a pure function of the run.
#include <nlohmann/json.hpp>

#include "model/error.hpp"
#include "model/run.hpp"

namespace snipcheck {

nlohmann::json json_report(const CheckRun& run);

// Reads a report back (for merge, badge and baselines); an error says why it is not one.
Expected<CheckRun> read_json_report(const std::string& path);

// Joins shard reports into one run: snippets by article and line, the summary recomputed.
// The result is the whole run: shard 1/1 of the same run id.
CheckRun merge_runs(const std::vector<CheckRun>& runs);

// Why `runs` (read from `paths`) are not every shard of one run exactly once: a missing
// shard, a repeated one, or one from another run (another run id or shard count). "" when
// they are; an unsharded report is shard 1/1 of its run.
std::string shard_set_problem(const std::vector<CheckRun>& runs, const std::vector<std::string>& paths);

}  // namespace snipcheck
