// The commands that read reports: `merge` (shard reports into one), `badge` and `explain`.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <iostream>
#include <memory>

#include <fmt/format.h>

#include "cli/command.hpp"
#include "cli/common.hpp"
#include "cli/outputs.hpp"
#include "report/explain.hpp"
#include "report/json_report.hpp"

namespace snipcheck {

namespace {

struct MergeOptions {
    std::vector<std::string> reports;
    OutputOptions out;
};

int cmd_merge(const MergeOptions& opt) {
    std::vector<CheckRun> runs;
    for (const auto& path : opt.reports) {
        auto run = read_json_report(path);
        if (!run) {
            return fail(run.error().message);
        }
        runs.push_back(std::move(*run));
    }
    if (std::string problem = shard_set_problem(runs, opt.reports); !problem.empty()) {
        return fail("merge: " + problem);
    }
    CheckRun merged = merge_runs(runs);
    if (!merged.sandboxed) {
        std::fputs("snipcheck: warning: NO SANDBOX: these reports were made with --no-sandbox-i-trust-these-articles\n",
                   stderr);
    }
    if (int rc = write_reports(merged, opt.out); rc != kExitOk) {
        return rc;
    }
    return all_meet_policy(merged) ? kExitOk : kExitPolicy;
}

int cmd_badge(const std::string& report, const std::string& dir) {
    auto run = read_json_report(report);
    if (!run) {
        return fail(run.error().message);
    }
    return write_badges(*run, dir);
}

int cmd_explain(const std::string& report, const std::string& id) {
    auto run = read_json_report(report);
    if (!run) {
        return fail(run.error().message);
    }
    const Entry* e = find_snippet(*run, id);
    if (!e) {
        return fail(fmt::format("{}: no snippet with id or ARTICLE:LINE '{}'", report, id));
    }
    std::cout << explain_text(*e);
    return kExitOk;
}

}  // namespace

Action define_merge(CLI::App& sub) {
    auto opt = std::make_shared<MergeOptions>();
    sub.add_option("REPORT", opt->reports, "shard reports")->required();
    sub.add_option("--report", opt->out.report, "the merged report")->required();
    add_report_files(sub, opt->out);
    return [opt] { return cmd_merge(*opt); };
}

Action define_badge(CLI::App& sub) {
    auto report = std::make_shared<std::pair<std::string, std::string>>();
    sub.add_option("REPORT", report->first)->required();
    sub.add_option("--out", report->second, "output directory")->required();
    return [report] { return cmd_badge(report->first, report->second); };
}

Action define_explain(CLI::App& sub) {
    auto args = std::make_shared<std::pair<std::string, std::string>>();
    sub.add_option("REPORT", args->first)->required();
    sub.add_option("SNIPPET", args->second, "a snippet id, or ARTICLE:LINE as `check` prints it")->required();
    return [args] { return cmd_explain(args->first, args->second); };
}

}  // namespace snipcheck
