#pragma once
// SARIF 2.1.0: one result per snippet that does not meet the policy, located at its article
// lines, rule id = verdict/subkind, with the rule's help text.
#include <nlohmann/json.hpp>

#include "check/pipeline.hpp"

namespace snipcheck {

nlohmann::json sarif_report(const CheckRun& run);

}  // namespace snipcheck
