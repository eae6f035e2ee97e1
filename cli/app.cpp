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
#include "cli/fix_command.hpp"
#include "extractor/extract.hpp"
#include "model/file_io.hpp"
#include "report/badges.hpp"
#include "report/github.hpp"
#include "report/html.hpp"
#include "report/json_report.hpp"
#include "report/junit.hpp"
#include "report/sarif.hpp"
#include "report/summary.hpp"
#include "report/terminal.hpp"
#include "report/text_util.hpp"
#include "runner/sandbox.hpp"
#include "toolchains/path_crates.hpp"
#include "toolchains/profile.hpp"
#include "toolchains/toolchain.hpp"
#include "toolchains/universe.hpp"

#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <cstdlib>
#include <optional>
#include <set>
#include <fstream>
#include <sstream>
#include <thread>

namespace snipcheck {

namespace {

constexpr int kExitOk = 0;
constexpr int kExitPolicy = 1;
constexpr int kExitError = 2;

// One line whatever the message holds (a tool's multi-line output, a path with control
// characters): line breaks and other controls become single spaces.
std::string one_line(const std::string& message) {
    std::string out;
    for (char c : message) {
        bool control = static_cast<unsigned char>(c) < 0x20 || c == 0x7F;
        if (!control) {
            out += c;
        } else if (!out.empty() && out.back() != ' ') {
            out += ' ';
        }
    }
    while (!out.empty() && out.back() == ' ') {
        out.pop_back();
    }
    return out;
}

int fail(const std::string& message) {
    std::fprintf(stderr, "snipcheck: error: %s\n", one_line(message).c_str());
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
        std::fprintf(stderr, "snipcheck: warning: %s\n", one_line(w).c_str());
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
    bool no_sandbox = false;
    std::string html;
    std::string format = "text";  // stdout: text, json, github, sarif, junit
    bool verbose = false;
    bool quiet = false;
    std::string stdin_filename;
    std::string root;  // SARIF's ROOT: default the repository root or the current directory
    std::vector<std::string> excludes;
};

// The nearest directory from the current one up that holds `name`, stopping at the
// repository root (a directory with .git); "" when none does.
std::string find_upwards(const std::string& name) {
    std::error_code ec;
    std::filesystem::path dir = std::filesystem::current_path(ec);
    while (!ec && !dir.empty()) {
        if (std::filesystem::exists(dir / name)) {
            return (dir / name).string();
        }
        if (std::filesystem::exists(dir / ".git") || dir == dir.parent_path()) {
            break;
        }
        dir = dir.parent_path();
    }
    return "";
}

// The repository root (the nearest directory up with .git), else the current directory.
std::string repository_root() {
    std::string git = find_upwards(".git");
    std::error_code ec;
    return git.empty() ? std::filesystem::current_path(ec).string() : std::filesystem::path(git).parent_path().string();
}

// --color auto follows NO_COLOR (https://no-color.org) and CLICOLOR_FORCE, then the terminal.
bool use_color(const std::string& choice, int fd) {
    if (choice != "auto") {
        return choice == "always";
    }
    if (const char* v = std::getenv("NO_COLOR"); v && *v) {
        return false;
    }
    if (const char* v = std::getenv("CLICOLOR_FORCE"); v && *v && std::string(v) != "0") {
        return true;
    }
    return ::isatty(fd) != 0;
}

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

SarifOptions sarif_options(const CheckCliOptions& opt) {
    std::error_code ec;
    std::string cwd = std::filesystem::current_path(ec).string();
    std::string root = opt.root.empty() ? repository_root() : std::filesystem::absolute(opt.root, ec).string();
    return {root, cwd};
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
        {opt.sarif, [&] { return sarif_report(run, sarif_options(opt)).dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n"; }},
        {opt.summary, [&] { return markdown_summary(run); }},
        {opt.html, [&] { return html_report(run); }},
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
    if (path.empty()) {
        path = find_upwards("snipcheck.toml");
    }
    return path.empty() ? Expected<Profile>(default_profile()) : load_profile(path);
}

std::string cache_dir_for(const std::string& dir) {
    return std::filesystem::absolute(dir.empty() ? default_cache_dir() : dir).string();
}

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

// What goes to standard output: the terminal summary or one of the machine formats.
std::string stdout_text(const CheckRun& run, const CheckCliOptions& opt) {
    std::string format = opt.github ? "github" : opt.format;
    if (format == "json") {
        return json_report(run).dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
    }
    if (format == "github") {
        return github_annotations(run);
    }
    if (format == "sarif") {
        return sarif_report(run, sarif_options(opt)).dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
    }
    if (format == "junit") {
        return junit_report(run);
    }
    return terminal_summary(run, TerminalOptions{use_color(opt.color, 1), opt.verbose, opt.quiet});
}

// What `check` and `fix` set alike: the excludes, the profile (an error message when it
// cannot be read) and the cache directory.
std::string read_run_options(CheckOptions& o, const std::vector<std::string>& excludes, const std::string& config,
                             const std::string& cache_dir) {
    o.excludes = excludes;
    auto profile = profile_for(config);
    if (!profile) {
        return profile.error().message;
    }
    o.profile = *profile;
    o.cache_dir = cache_dir_for(cache_dir);
    return "";
}

int cmd_check(const CheckCliOptions& opt) {
    CheckOptions o;
    o.paths = opt.paths;
    StdinArticle from_stdin;
    if (std::count(o.paths.begin(), o.paths.end(), "-") > 1) {
        return fail("`-` (standard input) can be given once");
    }
    for (auto& path : o.paths) {
        if (path == "-") {
            auto saved = save_stdin(opt.stdin_filename, cache_dir_for(opt.cache_dir), from_stdin);
            if (!saved) {
                return fail(saved.error().message);
            }
            path = *saved;
        }
    }
    if (std::string why = read_run_options(o, opt.excludes, opt.config, opt.cache_dir); !why.empty()) {
        return fail(why);
    }
    o.use_cache = !opt.no_cache;
    o.include_ignored = opt.include_ignored;
    o.jobs = std::max(1u, opt.jobs);
    // Each job runs a compiler: more than a few per core only queues, and a huge number
    // cannot even be started as threads.
    unsigned most = 4 * std::max(1u, std::thread::hardware_concurrency());
    if (o.jobs > most) {
        if (!opt.quiet) {
            std::fprintf(stderr, "snipcheck: note: --jobs %u lowered to %u (4 per core on this machine)\n", o.jobs, most);
        }
        o.jobs = most;
    }
    if (!opt.shard.empty()) {
        auto shard = parse_shard(opt.shard);
        if (!shard) {
            return fail(shard.error().message);
        }
        o.shard = *shard;
    }
    o.no_sandbox = opt.no_sandbox;
    const char* unconfined = "snipcheck: warning: NO SANDBOX (--no-sandbox-i-trust-these-articles): the articles' "
                             "snippets were compiled with no isolation from this machine, its network and its files\n";
    if (o.no_sandbox) {
        std::fputs(unconfined, stderr);
    }
    if (!opt.baseline.empty()) {
        auto previous = read_json_report(opt.baseline);
        if (!previous) {
            return fail(previous.error().message);
        }
        o.baseline = baseline_from(*previous);
    }
    bool tty = ::isatty(2) != 0 && !opt.quiet;
    if (!opt.quiet) {
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
    auto run = run_check(o);
    set_crate_build_observer(nullptr);
    if (!run) {
        return fail(run.error().message);
    }
    if (!from_stdin.saved.empty()) {
        rename_article(*run, from_stdin.saved, from_stdin.shown);
    }
    for (const auto& w : run->warnings) {
        std::fprintf(stderr, "snipcheck: warning: %s\n", one_line(w).c_str());
    }
    if (int rc = write_reports(*run, opt); rc != kExitOk) {
        return rc;
    }
    std::cout << stdout_text(*run, opt);
    if (opt.no_sandbox) {
        std::fputs(unconfined, stderr);  // again after the summary, where it is read
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
    if (std::string problem = shard_set_problem(runs, reports); !problem.empty()) {
        return fail("merge: " + problem);
    }
    CheckRun merged = merge_runs(runs);
    if (!merged.sandboxed) {
        std::fputs("snipcheck: warning: NO SANDBOX: these reports were made with --no-sandbox-i-trust-these-articles\n",
                   stderr);
    }
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
        // And what the profile's path crates require, so that the universe can build them.
        for (const auto& c : profile->path_crates) {
            for (const auto& req : path_crate_requirements(c.dir)) {
                if (std::find(crates.begin(), crates.end(), req.package) == crates.end()) {
                    crates.push_back(req.package);
                }
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

// The snippet `which` names: its id, or ARTICLE:LINE as `check` prints it (any line of the
// block; ARTICLE as printed, or a path ending in it).
const Entry* find_snippet(const CheckRun& run, const std::string& which) {
    for (const Entry& e : run.entries()) {
        if (e.snippet.id == which) {
            return &e;
        }
    }
    std::size_t colon = which.rfind(':');
    if (colon == std::string::npos || colon + 1 == which.size() ||
        which.find_first_not_of("0123456789", colon + 1) != std::string::npos || which.size() - colon > 10) {
        return nullptr;
    }
    std::string article = which.substr(0, colon);
    int line = std::stoi(which.substr(colon + 1));
    auto same = [&](const std::string& a) {
        return a == article || a.ends_with("/" + article) || article.ends_with("/" + a) ||
               std::filesystem::path(a).lexically_normal() == std::filesystem::path(article).lexically_normal();
    };
    for (const Entry& e : run.entries()) {
        const Snippet& s = e.snippet;
        if (same(s.article) && line >= s.start_line && line <= std::max(s.start_line, s.end_line)) {
            return &e;
        }
    }
    return nullptr;
}

struct FixCliOptions {
    std::vector<std::string> paths;
    std::vector<std::string> excludes;
    std::string cache_dir;
    std::string config;
    unsigned jobs = std::max(1u, std::thread::hardware_concurrency());
    bool dry_run = false;
};

// Checks the articles as `check` does, then writes their verified fixes (or prints them).
int cmd_fix(const FixCliOptions& opt) {
    if (std::count(opt.paths.begin(), opt.paths.end(), "-") > 0) {
        return fail("`fix` writes the articles it names: standard input (`-`) cannot be fixed");
    }
    CheckOptions o;
    o.paths = opt.paths;
    if (std::string why = read_run_options(o, opt.excludes, opt.config, opt.cache_dir); !why.empty()) {
        return fail(why);
    }
    o.jobs = std::clamp(opt.jobs, 1u, 4 * std::max(1u, std::thread::hardware_concurrency()));
    auto run = run_check(o);
    if (!run) {
        return fail(run.error().message);
    }
    for (const auto& w : run->warnings) {
        std::fprintf(stderr, "snipcheck: warning: %s\n", one_line(w).c_str());
    }
    if (std::string failed = apply_run_fixes(*run, opt.dry_run, std::cout); !failed.empty()) {
        return fail(failed);
    }
    return kExitOk;
}

int cmd_explain(const std::string& report_path, const std::string& id) {
    auto run = read_json_report(report_path);
    if (!run) {
        return fail(run.error().message);
    }
    if (const Entry* e = find_snippet(*run, id)) {
        const Snippet& s = e->snippet;
        const CheckResult& r = e->result;
        std::cout << fmt::format("{} ({}:{}-{}, {}, {})\nverdict: {}{}\n", s.id, s.article, s.start_line, s.end_line,
                                 s.language, to_string(s.origin), to_string(r.verdict),
                                 r.subkind.empty() ? "" : " (" + r.subkind + ")");
        for (const auto& f : r.findings) {
            std::cout << fmt::format("finding: {}{}: {}\n", to_string(f.verdict), f.subkind.empty() ? "" : "/" + f.subkind, f.message);
        }
        if (r.fix) {
            std::cout << "\n--- fix ---\n" << fix_note(r) << "\n";
            std::cout << (r.fix->verified ? r.fix->diff : "edited code (does not compile):\n" + r.fix->code + "\n");
        }
        std::cout << "\n--- wrapped source ---\n" << r.wrapped_source << "\n--- commands ---\n";
        for (const auto& c : r.commands) {
            std::cout << c << "\n";
        }
        std::cout << "\n--- diagnostics (article lines) ---\n";
        std::set<std::string> shown;
        for (const auto& e : r.evidence) {
            std::cout << fmt::format("[{} {}] {}:{}: {} {}{}\n", e.toolchain, e.edition, s.article, e.line, e.level,
                                     e.code.empty() ? "" : "[" + e.code + "] ", e.message);
            if (!e.rendered.empty() && shown.insert(e.rendered).second) {
                std::cout << e.rendered << (e.rendered.ends_with("\n") ? "" : "\n");
            }
        }
        return kExitOk;
    }
    return fail(fmt::format("{}: no snippet with id or ARTICLE:LINE '{}'", report_path, id));
}

// Levenshtein distance, for "did you mean" hints.
std::size_t edit_distance(const std::string& a, const std::string& b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) {
        row[j] = j;
    }
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            std::size_t up = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diagonal = up;
        }
    }
    return row[b.size()];
}

// The closest of `names` to `word`, if close enough to be a typo.
std::string closest(const std::string& word, const std::vector<std::string>& names) {
    std::string best;
    std::size_t best_d = std::max<std::size_t>(2, word.size() / 3) + 1;
    for (const auto& n : names) {
        std::size_t d = edit_distance(word, n);
        if (d < best_d) {
            best = n;
            best_d = d;
        }
    }
    return best;
}

// " (did you mean `--jobs`?)" for the first unknown subcommand or option in argv, or "".
std::string did_you_mean(CLI::App& app, int argc, char** argv) {
    CLI::App* scope = &app;
    for (int i = 1; i < argc; ++i) {
        std::string arg = argv[i];
        if (arg == "--") {
            break;
        }
        std::vector<std::string> known;
        for (const CLI::Option* o : scope->get_options()) {
            for (const auto& n : o->get_lnames()) {
                known.push_back("--" + n);
            }
            for (const auto& n : o->get_snames()) {
                known.push_back("-" + n);
            }
        }
        if (arg.starts_with("-") && arg != "-") {
            std::string name = arg.substr(0, arg.find('='));
            if (std::find(known.begin(), known.end(), name) == known.end()) {
                std::string hint = closest(name, known);
                return hint.empty() ? "" : fmt::format(" (did you mean `{}`?)", hint);
            }
            continue;
        }
        std::vector<std::string> subs;
        for (CLI::App* sub : scope->get_subcommands([](CLI::App*) { return true; })) {
            if (sub->get_name() == arg) {
                scope = sub;
                subs.clear();
                break;
            }
            subs.push_back(sub->get_name());
        }
        if (!subs.empty()) {
            std::string hint = closest(arg, subs);
            return hint.empty() ? "" : fmt::format(" (did you mean `{}`?)", hint);
        }
    }
    return "";
}

// The options `check` and `fix` share: what to read, how many jobs, the cache and the profile.
void add_run_options(CLI::App* sub, std::vector<std::string>& paths, std::vector<std::string>& excludes,
                     unsigned& jobs, std::string& cache_dir, std::string& config) {
    sub->add_option("PATH", paths, "articles or directories")->required();
    sub->add_option("--exclude", excludes, "leave out paths matching this glob (repeatable)")->allow_extra_args(false);
    sub->add_option("-j,--jobs", jobs, "snippets checked in parallel");
    sub->add_option("--cache", cache_dir, "cache directory (crate sets and results)");
    sub->add_option("--config", config, "toolchain profile (default: snipcheck.toml if present)");
}

}  // namespace

int run_cli(int argc, char** argv) {
    CLI::App app{"snipcheck: checks the Rust, TOML and shell snippets of technical articles"};
    app.set_version_flag("-V,--version", std::string("snipcheck ") + SNIPCHECK_VERSION);
    app.require_subcommand(1);

    ExtractOptions extract;
    auto* ex = app.add_subcommand("extract", "list the snippets of articles");
    ex->add_option("--format", extract.format, "json or text")->check(CLI::IsMember({"json", "text"}));
    ex->add_option("PATH", extract.paths, "articles or directories")->required();
    ex->add_option("--exclude", extract.excludes, "leave out paths matching this glob (repeatable)")->allow_extra_args(false);

    CheckCliOptions check;
    auto* ck = app.add_subcommand("check", "classify every snippet with the real toolchains");
    add_run_options(ck, check.paths, check.excludes, check.jobs, check.cache_dir, check.config);
    ck->add_option("--report", check.report, "JSON report file");
    ck->add_flag("--no-cache", check.no_cache, "do not read or write cached results");
    ck->add_flag("--include-ignored", check.include_ignored, "also classify blocks marked ignore");
    ck->add_option("--color", check.color, "never, always or auto")->check(CLI::IsMember({"never", "always", "auto"}));
    ck->add_option("--junit", check.junit, "JUnit XML report file");
    ck->add_option("--sarif", check.sarif, "SARIF 2.1.0 report file");
    ck->add_option("--summary", check.summary, "Markdown summary file (e.g. $GITHUB_STEP_SUMMARY)");
    ck->add_option("--badges", check.badges, "directory for SVG badges and shields.io endpoint JSON");
    ck->add_flag("--github", check.github, "GitHub Actions annotations on stdout (= --format github)");
    ck->add_option("--format", check.format, "standard output: text, json, github, sarif or junit")
        ->check(CLI::IsMember({"text", "json", "github", "sarif", "junit"}));
    ck->add_option("--html", check.html, "self-contained HTML report file");
    ck->add_option("--root", check.root, "SARIF's base directory (default: the repository root, else the current one)");
    ck->add_flag("-v,--verbose", check.verbose, "rustc's whole rendered diagnostics for each listed snippet");
    ck->add_flag("-q,--quiet", check.quiet, "only the snippets that fail the policy; no totals, progress or notes");
    ck->add_option("--stdin-filename", check.stdin_filename, "the name of the article read from `-` (stdin)");
    ck->add_option("--shard", check.shard, "check only share K of N (K/N)");
    ck->add_option("--baseline", check.baseline, "fail only on snippets that got worse than in this report");
    ck->add_flag("--no-sandbox-i-trust-these-articles", check.no_sandbox,
                 "run the toolchains WITHOUT bubblewrap: no isolation from this machine (trusted articles only)");

    std::vector<std::string> merge_reports;
    CheckCliOptions merge_out;
    auto* mg = app.add_subcommand("merge", "join shard reports into one");
    mg->add_option("REPORT", merge_reports, "shard reports")->required();
    mg->add_option("--report", merge_out.report, "the merged report")->required();
    mg->add_option("--junit", merge_out.junit, "JUnit XML report file");
    mg->add_option("--sarif", merge_out.sarif, "SARIF 2.1.0 report file");
    mg->add_option("--summary", merge_out.summary, "Markdown summary file");
    mg->add_option("--badges", merge_out.badges, "directory for badges");
    mg->add_option("--html", merge_out.html, "self-contained HTML report file");
    mg->add_option("--root", merge_out.root, "SARIF's base directory");

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
    xp->add_option("SNIPPET", explain_id, "a snippet id, or ARTICLE:LINE as `check` prints it")->required();

    FixCliOptions fix;
    auto* fx = app.add_subcommand("fix", "write the verified fixes of outdated snippets into the articles");
    add_run_options(fx, fix.paths, fix.excludes, fix.jobs, fix.cache_dir, fix.config);
    fx->add_flag("--dry-run", fix.dry_run, "print the fixes as a unified diff; write nothing");

    std::function<int()> action;
    ex->callback([&] { action = [&] { return cmd_extract(extract); }; });
    ck->callback([&] { action = [&] { return cmd_check(check); }; });
    fx->callback([&] { action = [&] { return cmd_fix(fix); }; });
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
        return fail(e.what() + did_you_mean(app, argc, argv));
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
