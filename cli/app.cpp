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
#include "report/json_report.hpp"
#include "report/terminal.hpp"
#include "toolchains/profile.hpp"

#include <unistd.h>

#include <filesystem>
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
};

int cmd_extract(const ExtractOptions& opt) {
    auto result = extract_paths(opt.paths);
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
    std::cout << out.dump(2) << "\n";
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

// Writes a whole file or nothing: a temporary file renamed into place.
bool write_file_atomically(const std::string& path, const std::string& text) {
    std::string tmp = path + ".tmp" + std::to_string(::getpid());
    {
        std::ofstream out(tmp, std::ios::binary);
        out << text;
        if (!out) {
            std::remove(tmp.c_str());
            return false;
        }
    }
    return std::rename(tmp.c_str(), path.c_str()) == 0;
}

// SPEC policy: compiles and skipped meet it, and so does a compile_fail block that fails.
bool meets_policy(const Snippet& s, const CheckResult& r) {
    if (s.has_attribute("compile_fail")) {
        return r.verdict != Verdict::Compiles && r.verdict != Verdict::HarnessError;
    }
    return r.verdict == Verdict::Compiles || r.verdict == Verdict::Skipped;
}

int cmd_check(const CheckCliOptions& opt) {
    CheckOptions o;
    o.paths = opt.paths;
    std::string config = opt.config;
    if (config.empty() && std::filesystem::exists("snipcheck.toml")) {
        config = "snipcheck.toml";
    }
    if (!config.empty()) {
        auto p = load_profile(config);
        if (!p) {
            return fail(p.error().message);
        }
        o.profile = *p;
    } else {
        o.profile = default_profile();
    }
    o.cache_dir = std::filesystem::absolute(opt.cache_dir.empty() ? default_cache_dir() : opt.cache_dir).string();
    o.use_cache = !opt.no_cache;
    o.include_ignored = opt.include_ignored;
    o.jobs = std::max(1u, opt.jobs);
    bool tty = ::isatty(2) != 0;
    if (tty) {
        o.progress = [](std::size_t done, std::size_t total, const std::string& article) {
            std::fprintf(stderr, "\r\x1b[K[%zu/%zu] %s", done, total, article.c_str());
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
    if (!write_file_atomically(opt.report, json_report(*run).dump(2) + "\n")) {
        return fail(opt.report + ": cannot write the report");
    }
    bool color = opt.color == "always" || (opt.color == "auto" && ::isatty(1));
    std::cout << terminal_summary(*run, color);
    for (std::size_t i = 0; i < run->snippets.size(); ++i) {
        if (!meets_policy(run->snippets[i], run->results[i])) {
            return kExitPolicy;
        }
    }
    return kExitOk;
}

int cmd_explain(const std::string& report_path, const std::string& id) {
    std::ifstream in(report_path);
    if (!in) {
        return fail(report_path + ": cannot read the report");
    }
    std::stringstream buf;
    buf << in.rdbuf();
    auto j = nlohmann::json::parse(buf.str(), nullptr, false);
    if (j.is_discarded() || !j.contains("snippets")) {
        return fail(report_path + ": not a snipcheck report");
    }
    for (const auto& sj : j["snippets"]) {
        if (sj.value("id", "") != id) {
            continue;
        }
        Snippet s = snippet_from_json(sj);
        CheckResult r = result_from_json(sj);
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

    CheckCliOptions check;
    auto* ck = app.add_subcommand("check", "classify every snippet with the real toolchains");
    ck->add_option("PATH", check.paths, "articles or directories")->required();
    ck->add_option("--report", check.report, "JSON report file");
    ck->add_option("--jobs", check.jobs, "snippets checked in parallel");
    ck->add_option("--cache", check.cache_dir, "cache directory (crate sets and results)");
    ck->add_flag("--no-cache", check.no_cache, "do not read or write cached results");
    ck->add_option("--config", check.config, "toolchain profile (default: snipcheck.toml if present)");
    ck->add_flag("--include-ignored", check.include_ignored, "also classify blocks marked ignore");
    ck->add_option("--color", check.color, "never, always or auto")->check(CLI::IsMember({"never", "always", "auto"}));

    std::string explain_report;
    std::string explain_id;
    auto* xp = app.add_subcommand("explain", "show a snippet's wrapped source, commands and diagnostics");
    xp->add_option("REPORT", explain_report)->required();
    xp->add_option("SNIPPET-ID", explain_id)->required();

    std::function<int()> action;
    ex->callback([&] { action = [&] { return cmd_extract(extract); }; });
    ck->callback([&] { action = [&] { return cmd_check(check); }; });
    xp->callback([&] { action = [&] { return cmd_explain(explain_report, explain_id); }; });

    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForVersion& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        return fail(e.what());
    }
    return action ? action() : kExitError;
}

}  // namespace snipcheck
