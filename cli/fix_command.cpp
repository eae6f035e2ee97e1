// `snipcheck fix PATH... [--dry-run]`: checks the articles as `check` does, then writes their
// verified fixes (or prints them as a diff).
#include "cli/fix_command.hpp"

#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <iostream>
#include <memory>
#include <set>

#include "check/fix.hpp"
#include "cli/command.hpp"
#include "cli/common.hpp"

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

namespace {

struct FixCliOptions {
    RunCliOptions run;
    bool dry_run = false;
};

int cmd_fix(const FixCliOptions& opt) {
    if (std::count(opt.run.paths.begin(), opt.run.paths.end(), "-") > 0) {
        return fail("`fix` writes the articles it names: standard input (`-`) cannot be fixed");
    }
    CheckOptions o;
    o.paths = opt.run.paths;
    if (std::string why = read_run_options(opt.run, o); !why.empty()) {
        return fail(why);
    }
    auto run = run_check(o);
    if (!run) {
        return fail(run.error().message);
    }
    print_warnings(run->warnings);
    if (std::string failed = apply_run_fixes(*run, opt.dry_run, std::cout); !failed.empty()) {
        return fail(failed);
    }
    return kExitOk;
}

}  // namespace

Action define_fix(CLI::App& sub) {
    auto opt = std::make_shared<FixCliOptions>();
    add_run_options(sub, opt->run);
    sub.add_flag("--dry-run", opt->dry_run, "print the fixes as a unified diff; write nothing");
    return [opt] { return cmd_fix(*opt); };
}

}  // namespace snipcheck
