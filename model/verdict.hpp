#pragma once
// Every verdict of SPEC section 3 is one row of one table: its stable id, its priority and
// its description. JSON, JUnit, SARIF, badges and the terminal summary all read this table.
#include <optional>
#include <span>
#include <string_view>

namespace snipcheck {

enum class Verdict {
    Compiles,
    OutdatedApi,
    SpeculativeSyntax,
    MissingDependency,
    Incomplete,
    Error,
    Skipped,
    HarnessError,
};

struct VerdictInfo {
    Verdict verdict;
    std::string_view id;           // stable id used in reports, e.g. "outdated-api"
    int priority;                  // higher wins when several findings apply
    std::string_view description;  // one line for people
};

// All verdicts in report order.
std::span<const VerdictInfo> all_verdicts();
const VerdictInfo& info(Verdict v);
std::string_view to_string(Verdict v);
std::optional<Verdict> verdict_from_string(std::string_view id);

}  // namespace snipcheck
