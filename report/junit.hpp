#pragma once
// JUnit XML: one testsuite per article, one testcase per snippet (class = article); a snippet
// that does not meet the policy is a failure carrying its verdict and first diagnostics.
#include <string>

#include "model/run.hpp"

namespace snipcheck {

std::string junit_report(const CheckRun& run);

}  // namespace snipcheck
