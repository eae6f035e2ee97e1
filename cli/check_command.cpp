// `snipcheck check PATH...`: checks the articles and writes the reports; `-` reads one from
// standard input.
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <memory>
#include <sstream>
#include <thread>

#include <fmt/format.h>

#include "cli/command.hpp"
#include "cli/common.hpp"
#include "cli/outputs.hpp"
#include "model/file_io.hpp"
#include "report/json_report.hpp"
#include "report/text_util.hpp"
#include "runner/sandbox.hpp"
#include "toolchains/universes/crate_set.hpp"

namespace snipcheck {

namespace {

struct CheckCliOptions {
    RunCliOptions run;
    OutputOptions out;
    bool no_cache = false;
    bool include_ignored = false;
    std::string shard;
    std::string baseline;
    bool no_sandbox = false;
    std::string stdin_filename;
};

constexpr const char* kUnconfined =
    "snipcheck: warning: NO SANDBOX (--no-sandbox-i-trust-these-articles): the articles' snippets were compiled with "
    "no isolation from this machine, its network and its files\n";

// `-` as a PATH: standard input, saved under a private directory as --stdin-filename's
// base name (its extension picks the front end) and reported under --stdin-filename.
struct StdinArticle {
    std::filesystem::path dir;
    std::string saved;
    std::string shown;
    ~StdinArticle() {
        std::error_code ec;
        if (!dir.empty()) {
            std::filesystem::remove_all(dir, ec);
        }
    }
};

// Standard input is saved in this run's scratch directory under the cache, as every other
// file snipcheck makes: nothing is written outside the work and cache directories.
Expected<std::string> save_stdin(const std::string& stdin_filename, const std::string& cache_dir, StdinArticle& article) {
    std::string dir = make_work_dir(scratch_dir(cache_dir), "stdin");
    if (dir.empty()) {
        return Error{"cannot create a directory for standard input under " + cache_dir};
    }
    article.dir = dir;
    article.shown = stdin_filename.empty() ? "stdin.md" : stdin_filename;
    std::string name = std::filesystem::path(article.shown).filename().string();
    article.saved = (article.dir / (name.empty() ? "stdin.md" : name)).string();
    std::ostringstream text;
    text << std::cin.rdbuf();
    if (!write_file_atomically(article.saved, text.str())) {
        return Error{"cannot save standard input to " + article.saved};
    }
    return article.saved;
}

// The run as if the article had been read from where --stdin-filename says.
void rename_article(CheckRun& run, const std::string& from, const std::string& to) {
    for (auto& article : run.articles) {
        if (article.path != from) {
            continue;
        }
        article.path = to;
        for (auto& e : article.entries) {
            e.snippet.article = to;
            e.snippet.id = fmt::format("{}:{}", to, e.snippet.start_line);  // ids are the article's path and line
        }
    }
    for (auto& w : run.warnings) {
        for (std::size_t at = w.find(from); at != std::string::npos; at = w.find(from, at + to.size())) {
            w.replace(at, from.size(), to);
        }
    }
}

// The paths with `-` replaced by the saved standard input; "" or the error.
std::string read_paths(const CheckCliOptions& opt, CheckOptions& o, StdinArticle& from_stdin) {
    o.paths = opt.run.paths;
    if (std::count(o.paths.begin(), o.paths.end(), "-") > 1) {
        return "`-` (standard input) can be given once";
    }
    for (auto& path : o.paths) {
        if (path == "-") {
            auto saved = save_stdin(opt.stdin_filename, cache_dir_for(opt.run.cache_dir), from_stdin);
            if (!saved) {
                return saved.error().message;
            }
            path = *saved;
        }
    }
    return "";
}

// The check options of the command line; "" or the error.
std::string check_options(const CheckCliOptions& opt, CheckOptions& o) {
    if (std::string why = read_run_options(opt.run, o); !why.empty()) {
        return why;
    }
    if (o.jobs < opt.run.jobs && !opt.out.quiet) {
        std::fprintf(stderr, "snipcheck: note: --jobs %u lowered to %u (4 per core on this machine)\n", opt.run.jobs,
                     o.jobs);
    }
    o.use_cache = !opt.no_cache;
    o.include_ignored = opt.include_ignored;
    if (!opt.shard.empty()) {
        auto shard = parse_shard(opt.shard);
        if (!shard) {
            return shard.error().message;
        }
        o.shard = *shard;
    }
    o.no_sandbox = opt.no_sandbox;
    if (!opt.baseline.empty()) {
        auto previous = read_json_report(opt.baseline);
        if (!previous) {
            return previous.error().message;
        }
        o.baseline = baseline_from(*previous);
    }
    return "";
}

// Crate-set builds and a progress line on stderr while the run goes on (not with --quiet).
void observe_progress(CheckOptions& o, bool quiet) {
    bool tty = ::isatty(2) != 0 && !quiet;
    if (!quiet) {
        // The first run builds the crate sets for minutes: say so, and when each is done.
        set_crate_build_observer([tty](const std::string& event) {
            std::fprintf(stderr, "%ssnipcheck: %s\n", tty ? "\r\x1b[K" : "", event.c_str());
        });
    }
    if (tty) {
        auto started = std::chrono::steady_clock::now();
        o.progress = [started](std::size_t done, std::size_t total, const std::string& article) {
            double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
            std::fprintf(stderr, "\r\x1b[K[%zu/%zu] %.1fs %s", done, total, elapsed, terminal_safe(article).c_str());
            if (done == total) {
                std::fprintf(stderr, "\r\x1b[K");
            }
        };
    }
}

int cmd_check(const CheckCliOptions& opt) {
    CheckOptions o;
    StdinArticle from_stdin;
    if (std::string why = read_paths(opt, o, from_stdin); !why.empty()) {
        return fail(why);
    }
    if (std::string why = check_options(opt, o); !why.empty()) {
        return fail(why);
    }
    if (o.no_sandbox) {
        std::fputs(kUnconfined, stderr);
    }
    observe_progress(o, opt.out.quiet);
    auto run = run_check(o);
    set_crate_build_observer(nullptr);
    if (!run) {
        return fail(run.error().message);
    }
    if (!from_stdin.saved.empty()) {
        rename_article(*run, from_stdin.saved, from_stdin.shown);
    }
    print_warnings(run->warnings);
    if (int rc = write_reports(*run, opt.out); rc != kExitOk) {
        return rc;
    }
    std::cout << stdout_text(*run, opt.out);
    if (opt.no_sandbox) {
        std::fputs(kUnconfined, stderr);  // again after the summary, where it is read
    }
    return all_meet_policy(*run) ? kExitOk : kExitPolicy;
}

}  // namespace

Action define_check(CLI::App& sub) {
    auto opt = std::make_shared<CheckCliOptions>();
    opt->out.report = "snipcheck-report.json";
    add_run_options(sub, opt->run);
    sub.add_option("--report", opt->out.report, "JSON report file");
    sub.add_flag("--no-cache", opt->no_cache, "do not read or write cached results");
    sub.add_flag("--include-ignored", opt->include_ignored, "also classify blocks marked ignore");
    sub.add_option("--color", opt->out.color, "never, always or auto")->check(CLI::IsMember({"never", "always", "auto"}));
    add_report_files(sub, opt->out);
    sub.add_flag("--github", opt->out.github, "GitHub Actions annotations on stdout (= --format github)");
    sub.add_option("--format", opt->out.format, "standard output: text, json, github, sarif or junit")
        ->check(CLI::IsMember({"text", "json", "github", "sarif", "junit"}));
    sub.add_flag("-v,--verbose", opt->out.verbose, "rustc's whole rendered diagnostics for each listed snippet");
    sub.add_flag("-q,--quiet", opt->out.quiet, "only the snippets that fail the policy; no totals, progress or notes");
    sub.add_option("--stdin-filename", opt->stdin_filename, "the name of the article read from `-` (stdin)");
    sub.add_option("--shard", opt->shard, "check only share K of N (K/N)");
    sub.add_option("--baseline", opt->baseline, "fail only on snippets that got worse than in this report");
    sub.add_flag("--no-sandbox-i-trust-these-articles", opt->no_sandbox,
                 "run the toolchains WITHOUT bubblewrap: no isolation from this machine (trusted articles only)");
    return [opt] { return cmd_check(*opt); };
}

}  // namespace snipcheck
