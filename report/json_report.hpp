#pragma once
// The JSON report of SPEC section 6 ("schema": "snipcheck/1"): a pure function of the run.
#include <nlohmann/json.hpp>

#include "check/pipeline.hpp"

namespace snipcheck {

nlohmann::json json_report(const CheckRun& run);

// Reads a report back (for merge, badge and baselines); an error says why it is not one.
Expected<CheckRun> read_json_report(const std::string& path);

// Joins shard reports into one run: snippets by article and line, the summary recomputed.
CheckRun merge_runs(const std::vector<CheckRun>& runs);

}  // namespace snipcheck
