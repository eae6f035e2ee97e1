#pragma once
// `snipcheck explain REPORT SNIPPET`: one snippet of a report with everything behind its
// verdict: findings, the fix, the source the compiler saw, the commands, the diagnostics.
#include <string>

#include "model/run.hpp"

namespace snipcheck {

// The entry `which` names: its id, or ARTICLE:LINE as `check` prints it (any line of the
// block; ARTICLE as printed, or a path ending in it). Null when none does.
const Entry* find_snippet(const CheckRun& run, const std::string& which);

std::string explain_text(const Entry& e);

}  // namespace snipcheck
