#pragma once
// A Markdown summary fit for $GITHUB_STEP_SUMMARY: totals per verdict, a table per article.
#include <string>

#include "check/pipeline.hpp"

namespace snipcheck {

std::string markdown_summary(const CheckRun& run);

}  // namespace snipcheck
