#pragma once
// The JSON report of SPEC section 6 ("schema": "snipcheck/1"): a pure function of the run.
#include <nlohmann/json.hpp>

#include "check/pipeline.hpp"

namespace snipcheck {

nlohmann::json json_report(const CheckRun& run);

}  // namespace snipcheck
