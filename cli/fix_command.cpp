#include "cli/fix_command.hpp"

#include <fmt/format.h>

#include <set>

#include "check/fix.hpp"

namespace snipcheck {

std::string apply_run_fixes(const CheckRun& run, bool dry_run, std::ostream& out) {
    FixPlan plan = plan_fixes(run);
    std::set<std::string> files;
    for (const auto& c : plan.changes) {
        files.insert(c.file);
    }
    std::string left = plan.skipped == 0 ? ""
                                         : fmt::format("; {} fix{} not verified or not mappable, left as {}",
                                                       plan.skipped, plan.skipped == 1 ? "" : "es",
                                                       plan.skipped == 1 ? "it is" : "they are");
    if (dry_run) {
        FileTexts texts;
        out << unified_diff(plan.changes, texts);
        out << fmt::format("{} verified fix{} in {} file{} (dry run: nothing written){}\n", plan.fixed_ids.size(),
                           plan.fixed_ids.size() == 1 ? "" : "es", files.size(), files.size() == 1 ? "" : "s", left);
        return "";
    }
    if (std::string failed = write_fixes(plan); !failed.empty()) {
        return failed;
    }
    for (const auto& id : plan.fixed_ids) {
        out << "fixed " << id << "\n";
    }
    out << fmt::format("{} verified fix{} written to {} file{}{}\n", plan.fixed_ids.size(),
                       plan.fixed_ids.size() == 1 ? "" : "es", files.size(), files.size() == 1 ? "" : "s", left);
    return "";
}

}  // namespace snipcheck
