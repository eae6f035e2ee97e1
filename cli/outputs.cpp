#include "cli/outputs.hpp"

#include <CLI/CLI.hpp>
#include <filesystem>
#include <functional>

#include "cli/common.hpp"
#include "model/file_io.hpp"
#include "report/badges.hpp"
#include "report/github.hpp"
#include "report/html.hpp"
#include "report/json_report.hpp"
#include "report/junit.hpp"
#include "report/sarif.hpp"
#include "report/summary.hpp"
#include "report/terminal.hpp"

namespace snipcheck {

namespace {

using Files = std::vector<std::pair<std::string, std::string>>;

// The badge files of a run in `dir`: SVG and shields.io endpoint JSON per badge.
void add_badges(const CheckRun& run, const std::string& dir, Files& files) {
    for (const auto& [stem, badge] : run_badges(run)) {
        std::string base = (std::filesystem::path(dir) / stem).string();
        files.emplace_back(base + ".svg", badge_svg(badge));
        files.emplace_back(base + ".json", badge_endpoint_json(badge));
    }
}

// Writes files all or none (a failure names the path and leaves none of them behind).
int write_all(const Files& files, const std::string& badge_dir) {
    if (!badge_dir.empty()) {
        std::error_code ec;
        std::filesystem::create_directories(badge_dir, ec);
    }
    if (std::string failed = write_files_atomically(files); !failed.empty()) {
        return fail(failed + ": cannot write");
    }
    return kExitOk;
}

SarifOptions sarif_options(const OutputOptions& opt) {
    std::error_code ec;
    std::string cwd = std::filesystem::current_path(ec).string();
    std::string root = opt.root.empty() ? repository_root() : std::filesystem::absolute(opt.root, ec).string();
    return {root, cwd};
}

std::string json_text(const nlohmann::json& j) {
    return j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

}  // namespace

void add_report_files(CLI::App& sub, OutputOptions& opt) {
    sub.add_option("--junit", opt.junit, "JUnit XML report file");
    sub.add_option("--sarif", opt.sarif, "SARIF 2.1.0 report file");
    sub.add_option("--summary", opt.summary, "Markdown summary file (e.g. $GITHUB_STEP_SUMMARY)");
    sub.add_option("--badges", opt.badges, "directory for SVG badges and shields.io endpoint JSON");
    sub.add_option("--html", opt.html, "self-contained HTML report file");
    sub.add_option("--root", opt.root, "SARIF's base directory (default: the repository root, else the current one)");
}

int write_reports(const CheckRun& run, const OutputOptions& opt) {
    struct Output {
        const std::string& path;
        std::function<std::string()> render;
    };
    const Output outputs[] = {
        {opt.report, [&] { return json_text(json_report(run)); }},
        {opt.junit, [&] { return junit_report(run); }},
        {opt.sarif, [&] { return json_text(sarif_report(run, sarif_options(opt))); }},
        {opt.summary, [&] { return markdown_summary(run); }},
        {opt.html, [&] { return html_report(run); }},
    };
    Files files;
    for (const auto& o : outputs) {
        if (!o.path.empty()) {
            files.emplace_back(o.path, o.render());
        }
    }
    if (!opt.badges.empty()) {
        add_badges(run, opt.badges, files);
    }
    return write_all(files, opt.badges);
}

int write_badges(const CheckRun& run, const std::string& dir) {
    Files files;
    add_badges(run, dir, files);
    return write_all(files, dir);
}

std::string stdout_text(const CheckRun& run, const OutputOptions& opt) {
    std::string format = opt.github ? "github" : opt.format;
    if (format == "json") {
        return json_text(json_report(run));
    }
    if (format == "github") {
        return github_annotations(run);
    }
    if (format == "sarif") {
        return json_text(sarif_report(run, sarif_options(opt)));
    }
    if (format == "junit") {
        return junit_report(run);
    }
    return terminal_summary(run, TerminalOptions{use_color(opt.color, 1), opt.verbose, opt.quiet});
}

}  // namespace snipcheck
