#include "cli/app.hpp"

#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <functional>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "check/pipeline.hpp"
#include "extractor/extract.hpp"
#include "model/file_io.hpp"
#include "report/badges.hpp"
#include "report/github.hpp"
#include "report/json_report.hpp"
#include "report/junit.hpp"
#include "report/sarif.hpp"
#include "report/summary.hpp"
#include "report/terminal.hpp"
#include "toolchains/profile.hpp"
#include "toolchains/toolchain.hpp"
#include "toolchains/universe.hpp"

#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <set>
#include <fstream>
#include <sstream>
#include <thread>

namespace snipcheck {

namespace {

constexpr int kExitOk = 0;
constexpr int kExitPolicy = 1;
constexpr int kExitError = 2;

int fail(const std::string& message) {
    std::fprintf(stderr, "snipcheck: error: %s\n", message.c_str());
    return kExitError;
}

struct ExtractOptions {
    std::string format = "json";
    std::vector<std::string> paths;
    std::vector<std::string> excludes;
};

int cmd_extract(const ExtractOptions& opt) {
    auto result = extract_paths(opt.paths, walk_options(opt.excludes));
    if (!result) {
        return fail(result.error().message);
    }
    for (const auto& w : result->warnings) {
        std::fprintf(stderr, "snipcheck: warning: %s\n", w.c_str());
    }
    if (opt.format == "text") {
        for (const auto& s : result->snippets) {
            std::cout << fmt::format("{}:{}-{}: {} ({})\n", s.article, s.start_line, s.end_line,
                                     s.language, to_string(s.origin));
        }
        return kExitOk;
    }
    nlohmann::json out = {{"schema", "snipcheck/1"}, {"tool_version", SNIPCHECK_VERSION}};
    out["snippets"] = nlohmann::json::array();
    for (const auto& s : result->snippets) {
        out["snippets"].push_back(to_json(s));
    }
    std::cout << out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    return kExitOk;
}

struct CheckCliOptions {
    std::vector<std::string> paths;
    std::string report = "snipcheck-report.json";
    std::string cache_dir;
    bool no_cache = false;
    std::string config;
    bool include_ignored = false;
    unsigned jobs = std::max(1u, std::thread::hardware_concurrency());
    std::string color = "auto";
    std::string junit;
    std::string sarif;
    std::string summary;
    std::string badges;
    bool github = false;
    std::string shard;
    std::string baseline;
    std::vector<std::string> excludes;
};

std::string default_cache_dir() {
    if (const char* x = std::getenv("XDG_CACHE_HOME"); x && *x) {
        return std::string(x) + "/snipcheck";
    }
    if (const char* h = std::getenv("HOME"); h && *h) {
        return std::string(h) + "/.cache/snipcheck";
    }
    return ".snipcheck-cache";
}

// The badge files of a run in `dir`: SVG and shields.io endpoint JSON per badge.
void add_badges(const CheckRun& run, const std::string& dir, std::vector<std::pair<std::string, std::string>>& files) {
    for (const auto& [stem, badge] : run_badges(run)) {
        std::string base = (std::filesystem::path(dir) / stem).string();
        files.emplace_back(base + ".svg", badge_svg(badge));
        files.emplace_back(base + ".json", badge_endpoint_json(badge));
    }
}

// Writes files all or none (a failure names the path and leaves none of them behind).
int write_all(const std::vector<std::pair<std::string, std::string>>& files, const std::string& badge_dir) {
    if (!badge_dir.empty()) {
        std::error_code ec;
        std::filesystem::create_directories(badge_dir, ec);
    }
    if (std::string failed = write_files_atomically(files); !failed.empty()) {
        return fail(failed + ": cannot write");
    }
    return kExitOk;
}

// Every report the options ask for: all rendered first, then written all or none.
int write_reports(const CheckRun& run, const CheckCliOptions& opt) {
    struct Output {
        const std::string& path;
        std::function<std::string()> render;
    };
    const Output outputs[] = {
        {opt.report, [&] { return json_report(run).dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n"; }},
        {opt.junit, [&] { return junit_report(run); }},
        {opt.sarif, [&] { return sarif_report(run).dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n"; }},
        {opt.summary, [&] { return markdown_summary(run); }},
    };
    std::vector<std::pair<std::string, std::string>> files;
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

Expected<Profile> profile_for(const std::string& config) {
    std::string path = config;
    if (path.empty() && std::filesystem::exists("snipcheck.toml")) {
        path = "snipcheck.toml";
    }
    return path.empty() ? Expected<Profile>(default_profile()) : load_profile(path);
}

std::string cache_dir_for(const std::string& dir) {
    return std::filesystem::absolute(dir.empty() ? default_cache_dir() : dir).string();
}

int cmd_check(const CheckCliOptions& opt) {
    CheckOptions o;
    o.paths = opt.paths;
    o.excludes = opt.excludes;
    auto profile = profile_for(opt.config);
    if (!profile) {
        return fail(profile.error().message);
    }
    o.profile = *profile;
    o.cache_dir = cache_dir_for(opt.cache_dir);
    o.use_cache = !opt.no_cache;
    o.include_ignored = opt.include_ignored;
    o.jobs = std::max(1u, opt.jobs);
    // Each job runs a compiler: more than a few per core only queues, and a huge number
    // cannot even be started as threads.
    unsigned most = 4 * std::max(1u, std::thread::hardware_concurrency());
    if (o.jobs > most) {
        std::fprintf(stderr, "snipcheck: note: --jobs %u lowered to %u (4 per core on this machine)\n", o.jobs, most);
        o.jobs = most;
    }
    if (!opt.shard.empty()) {
        auto shard = parse_shard(opt.shard);
        if (!shard) {
            return fail(shard.error().message);
        }
        o.shard = *shard;
    }
    if (!opt.baseline.empty()) {
        auto previous = read_json_report(opt.baseline);
        if (!previous) {
            return fail(previous.error().message);
        }
        o.baseline = baseline_from(previous->snippets, previous->outcomes);
    }
    bool tty = ::isatty(2) != 0;
    if (tty) {
        auto started = std::chrono::steady_clock::now();
        o.progress = [started](std::size_t done, std::size_t total, const std::string& article) {
            double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
            std::fprintf(stderr, "\r\x1b[K[%zu/%zu] %.1fs %s", done, total, elapsed, article.c_str());
            if (done == total) {
                std::fprintf(stderr, "\r\x1b[K");
            }
        };
    }
    auto run = run_check(o);
    if (!run) {
        return fail(run.error().message);
    }
    for (const auto& w : run->warnings) {
        std::fprintf(stderr, "snipcheck: warning: %s\n", w.c_str());
    }
    if (int rc = write_reports(*run, opt); rc != kExitOk) {
        return rc;
    }
    if (opt.github) {
        std::cout << github_annotations(*run);
    } else {
        bool color = opt.color == "always" || (opt.color == "auto" && ::isatty(1));
        std::cout << terminal_summary(*run, color);
    }
    return all_meet_policy(*run) ? kExitOk : kExitPolicy;
}

int cmd_merge(const std::vector<std::string>& reports, const CheckCliOptions& out) {
    std::vector<CheckRun> runs;
    for (const auto& path : reports) {
        auto run = read_json_report(path);
        if (!run) {
            return fail(run.error().message);
        }
        runs.push_back(std::move(*run));
    }
    CheckRun merged = merge_runs(runs);
    if (int rc = write_reports(merged, out); rc != kExitOk) {
        return rc;
    }
    return all_meet_policy(merged) ? kExitOk : kExitPolicy;
}

int cmd_badge(const std::string& report, const std::string& dir) {
    auto run = read_json_report(report);
    if (!run) {
        return fail(run.error().message);
    }
    std::vector<std::pair<std::string, std::string>> files;
    add_badges(*run, dir, files);
    return write_all(files, dir);
}

struct UniverseOptions {
    std::string suite;
    std::vector<std::string> crates;
    bool no_defaults = false;
    std::string cache_dir;
    std::string config;
};

int cmd_universe_fetch(const UniverseOptions& opt) {
    auto profile = profile_for(opt.config);
    if (!profile) {
        return fail(profile.error().message);
    }
    std::vector<std::string> crates = opt.crates;
    if (!opt.no_defaults) {
        // The profile's crate set too, so that snippets mixing both resolve in this universe.
        std::istringstream in(profile->crates_toml);
        std::string line;
        while (std::getline(in, line)) {
            std::string name = line.substr(0, line.find_first_of(" ="));
            if (!name.empty() && std::find(crates.begin(), crates.end(), name) == crates.end()) {
                crates.push_back(name);
            }
        }
    }
    if (crates.empty()) {
        return fail("universe fetch: name at least one crate (or drop --no-defaults)");
    }
    auto report = fetch_universe(opt.suite, crates, cache_dir_for(opt.cache_dir),
                                 [](const std::string& m) { std::fprintf(stderr, "snipcheck: %s\n", m.c_str()); });
    if (!report) {
        return fail(report.error().message);
    }
    std::cout << fmt::format("{}: {} packages ({} downloaded) -> {}\n", opt.suite, report->packages, report->downloaded,
                             report->registry);
    for (const auto& [name, version] : report->crates) {
        std::cout << fmt::format("  {} {}\n", name, version);
    }
    if (!report->system_missing.empty()) {
        std::fprintf(stderr, "snipcheck: warning: these crates' build scripts need system packages this machine lacks; "
                             "install them before checking: apt-get install %s\n",
                     fmt::format("{}", fmt::join(report->system_missing, " ")).c_str());
    }
    return kExitOk;
}

int cmd_universe_list(const UniverseOptions& opt) {
    auto profile = profile_for(opt.config);
    if (!profile) {
        return fail(profile.error().message);
    }
    std::string cache = cache_dir_for(opt.cache_dir);
    auto chosen = choose_universes(*profile, cache);
    for (const auto& u : available_universes(*profile, cache)) {
        bool reference = chosen && chosen->first.name == u.name;
        auto crates = registry_crates(u.registry);
        std::cout << fmt::format("{}{} ({} crates{}) {}\n", u.name, reference ? " [reference]" : "", crates.size(),
                                 u.system ? ", system" : "", u.registry);
        std::vector<std::string> shown = u.requested;
        if (u.system) {
            std::istringstream in(profile->crates_toml);
            std::string line;
            while (std::getline(in, line)) {
                shown.push_back(line.substr(0, line.find_first_of(" =")));
            }
        }
        std::set<std::string> listed;
        for (auto name : shown) {
            std::replace(name.begin(), name.end(), '-', '_');
            if (!listed.insert(name).second) {
                continue;
            }
            if (auto it = crates.find(name); it != crates.end()) {
                std::cout << fmt::format("  {} {}\n", name, fmt::join(it->second, ", "));
            }
        }
    }
    return kExitOk;
}

int cmd_explain(const std::string& report_path, const std::string& id) {
    auto run = read_json_report(report_path);
    if (!run) {
        return fail(run.error().message);
    }
    for (std::size_t i = 0; i < run->snippets.size(); ++i) {
        if (run->snippets[i].id != id) {
            continue;
        }
        const Snippet& s = run->snippets[i];
        const CheckResult& r = run->results[i];
        std::cout << fmt::format("{} ({}:{}-{}, {}, {})\nverdict: {}{}\n", s.id, s.article, s.start_line, s.end_line,
                                 s.language, to_string(s.origin), to_string(r.verdict),
                                 r.subkind.empty() ? "" : " (" + r.subkind + ")");
        for (const auto& f : r.findings) {
            std::cout << fmt::format("finding: {}{}: {}\n", f.verdict, f.subkind.empty() ? "" : "/" + f.subkind, f.message);
        }
        std::cout << "\n--- wrapped source ---\n" << r.wrapped_source << "\n--- commands ---\n";
        for (const auto& c : r.commands) {
            std::cout << c << "\n";
        }
        std::cout << "\n--- diagnostics (article lines) ---\n";
        for (const auto& e : r.evidence) {
            std::cout << fmt::format("[{} {}] {}:{}: {} {}{}\n", e.toolchain, e.edition, s.article, e.line, e.level,
                                     e.code.empty() ? "" : "[" + e.code + "] ", e.message);
        }
        return kExitOk;
    }
    return fail(fmt::format("{}: no snippet with id '{}'", report_path, id));
}

}  // namespace

int run_cli(int argc, char** argv) {
    CLI::App app{"snipcheck: checks the Rust, TOML and shell snippets of technical articles"};
    app.set_version_flag("--version", SNIPCHECK_VERSION);
    app.require_subcommand(1);

    ExtractOptions extract;
    auto* ex = app.add_subcommand("extract", "list the snippets of articles");
    ex->add_option("--format", extract.format, "json or text")->check(CLI::IsMember({"json", "text"}));
    ex->add_option("PATH", extract.paths, "articles or directories")->required();
    ex->add_option("--exclude", extract.excludes, "leave out paths matching this glob (repeatable)")->allow_extra_args(false);

    CheckCliOptions check;
    auto* ck = app.add_subcommand("check", "classify every snippet with the real toolchains");
    ck->add_option("PATH", check.paths, "articles or directories")->required();
    ck->add_option("--exclude", check.excludes, "leave out paths matching this glob (repeatable)")->allow_extra_args(false);
    ck->add_option("--report", check.report, "JSON report file");
    ck->add_option("--jobs", check.jobs, "snippets checked in parallel");
    ck->add_option("--cache", check.cache_dir, "cache directory (crate sets and results)");
    ck->add_flag("--no-cache", check.no_cache, "do not read or write cached results");
    ck->add_option("--config", check.config, "toolchain profile (default: snipcheck.toml if present)");
    ck->add_flag("--include-ignored", check.include_ignored, "also classify blocks marked ignore");
    ck->add_option("--color", check.color, "never, always or auto")->check(CLI::IsMember({"never", "always", "auto"}));
    ck->add_option("--junit", check.junit, "JUnit XML report file");
    ck->add_option("--sarif", check.sarif, "SARIF 2.1.0 report file");
    ck->add_option("--summary", check.summary, "Markdown summary file (e.g. $GITHUB_STEP_SUMMARY)");
    ck->add_option("--badges", check.badges, "directory for SVG badges and shields.io endpoint JSON");
    ck->add_flag("--github", check.github, "GitHub Actions annotations on stdout");
    ck->add_option("--shard", check.shard, "check only share K of N (K/N)");
    ck->add_option("--baseline", check.baseline, "fail only on snippets that got worse than in this report");

    std::vector<std::string> merge_reports;
    CheckCliOptions merge_out;
    auto* mg = app.add_subcommand("merge", "join shard reports into one");
    mg->add_option("REPORT", merge_reports, "shard reports")->required();
    mg->add_option("--report", merge_out.report, "the merged report")->required();
    mg->add_option("--junit", merge_out.junit, "JUnit XML report file");
    mg->add_option("--sarif", merge_out.sarif, "SARIF 2.1.0 report file");
    mg->add_option("--summary", merge_out.summary, "Markdown summary file");
    mg->add_option("--badges", merge_out.badges, "directory for badges");

    UniverseOptions universe;
    auto* uv = app.add_subcommand("universe", "crate universes: Debian suites' packaged crates");
    uv->require_subcommand(1);
    auto* uf = uv->add_subcommand("fetch", "download a suite's crates (and their closure) with apt");
    uf->add_option("SUITE", universe.suite, "Debian suite: trixie, sid, ...")->required();
    uf->add_option("CRATE", universe.crates, "crates to fetch (the profile's crate set is added)");
    uf->add_flag("--no-defaults", universe.no_defaults, "fetch only the crates named");
    auto* ul = uv->add_subcommand("list", "show each universe with its crate versions");
    for (auto* sub : {uf, ul}) {
        sub->add_option("--cache", universe.cache_dir, "cache directory");
        sub->add_option("--config", universe.config, "toolchain profile");
    }

    std::string badge_report;
    std::string badge_dir;
    auto* bg = app.add_subcommand("badge", "SVG badges from a report");
    bg->add_option("REPORT", badge_report)->required();
    bg->add_option("--out", badge_dir, "output directory")->required();

    std::string explain_report;
    std::string explain_id;
    auto* xp = app.add_subcommand("explain", "show a snippet's wrapped source, commands and diagnostics");
    xp->add_option("REPORT", explain_report)->required();
    xp->add_option("SNIPPET-ID", explain_id)->required();

    std::function<int()> action;
    ex->callback([&] { action = [&] { return cmd_extract(extract); }; });
    ck->callback([&] { action = [&] { return cmd_check(check); }; });
    xp->callback([&] { action = [&] { return cmd_explain(explain_report, explain_id); }; });
    mg->callback([&] { action = [&] { return cmd_merge(merge_reports, merge_out); }; });
    bg->callback([&] { action = [&] { return cmd_badge(badge_report, badge_dir); }; });
    uf->callback([&] { action = [&] { return cmd_universe_fetch(universe); }; });
    ul->callback([&] { action = [&] { return cmd_universe_list(universe); }; });

    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForVersion& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        return fail(e.what());
    }
    if (!action) {
        return kExitError;
    }
    // The last line of defence: whatever escapes a command is one line and exit 2.
    try {
        return action();
    } catch (const std::exception& e) {
        return fail(fmt::format("internal error: {}", e.what()));
    } catch (...) {
        return fail("internal error");
    }
}

}  // namespace snipcheck
