#pragma once
// A Markdown summary fit for $GITHUB_STEP_SUMMARY: totals per verdict, then the snippets that
// fail the policy (a table per article), then the rest folded in <details> per article; kept
// under `max_bytes` (GitHub's step-summary limit is 1 MiB) with a note when sections are cut.
#include <string>

#include "model/run.hpp"

namespace snipcheck {

inline constexpr std::size_t kStepSummaryLimit = 1024 * 1024;

std::string markdown_summary(const CheckRun& run, std::size_t max_bytes = kStepSummaryLimit);

}  // namespace snipcheck
