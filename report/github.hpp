#pragma once
// GitHub Actions workflow commands (--github): `::error file=…,line=…,endLine=…,title=…::msg`
// for every snippet that does not meet the policy, escaped as the runner expects.
#include <string>

#include "model/run.hpp"

namespace snipcheck {

std::string github_annotations(const CheckRun& run);

}  // namespace snipcheck
