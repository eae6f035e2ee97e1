#pragma once
// The terminal summary of SPEC section 1: one clickable line per snippet that does not
// compile (`ARTICLE:LINE: VERDICT (SUBKIND): reason`), its first diagnostic, then totals.
#include <string>

#include "check/pipeline.hpp"

namespace snipcheck {

std::string terminal_summary(const CheckRun& run, bool color);

}  // namespace snipcheck
