#pragma once
// The terminal summary of SPEC section 1: one clickable line per snippet that does not
// compile (`ARTICLE:LINE: VERDICT (SUBKIND): reason`), its first diagnostic, then totals and
// how many snippets fail the policy (the exit code's reason).
#include <string>

#include "model/run.hpp"

namespace snipcheck {

struct TerminalOptions {
    bool color = false;
    bool verbose = false;  // rustc's whole rendered diagnostics under each listed snippet
    bool quiet = false;    // only the snippets that fail the policy, no totals
};

std::string terminal_summary(const CheckRun& run, const TerminalOptions& options);
std::string terminal_summary(const CheckRun& run, bool color);

}  // namespace snipcheck
