#pragma once
// SARIF 2.1.0: one result per snippet that does not meet the policy, located at its article
// lines, rule id = verdict/subkind, with the rule's help text.
#include <nlohmann/json.hpp>

#include "model/run.hpp"

namespace snipcheck {

// Where article paths are resolved from: `root` (absolute) becomes originalUriBaseIds' ROOT and
// articles under it are relative URIs with uriBaseId ROOT, as GitHub's code scanning asks;
// `cwd` (absolute) is what the run's relative article paths are relative to. Both empty:
// paths are written as they are, without a base.
struct SarifOptions {
    std::string root;
    std::string cwd;
};

nlohmann::json sarif_report(const CheckRun& run, const SarifOptions& options = {});

}  // namespace snipcheck
