#include "cli/common.hpp"

#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <thread>

namespace snipcheck {

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

void print_warnings(const std::vector<std::string>& warnings) {
    for (const auto& w : warnings) {
        std::fprintf(stderr, "snipcheck: warning: %s\n", one_line(w).c_str());
    }
}

std::string find_upwards(const std::string& name) {
    std::error_code ec;
    std::filesystem::path dir = std::filesystem::current_path(ec);
    while (!ec && !dir.empty()) {
        if (std::filesystem::exists(dir / name, ec)) {
            return (dir / name).string();
        }
        if (std::filesystem::exists(dir / ".git", ec) || dir == dir.parent_path()) {
            break;
        }
        dir = dir.parent_path();
    }
    return "";
}

std::string repository_root() {
    std::string git = find_upwards(".git");
    std::error_code ec;
    return git.empty() ? std::filesystem::current_path(ec).string() : std::filesystem::path(git).parent_path().string();
}

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

Expected<Profile> profile_for(const std::string& config) {
    std::string path = config;
    if (path.empty()) {
        path = find_upwards("snipcheck.toml");
    }
    return path.empty() ? Expected<Profile>(default_profile()) : load_profile(path);
}

namespace {

std::string default_cache_dir() {
    if (const char* x = std::getenv("XDG_CACHE_HOME"); x && *x) {
        return std::string(x) + "/snipcheck";
    }
    if (const char* h = std::getenv("HOME"); h && *h) {
        return std::string(h) + "/.cache/snipcheck";
    }
    return ".snipcheck-cache";
}

}  // namespace

std::string cache_dir_for(const std::string& dir) {
    std::error_code ec;
    return std::filesystem::absolute(dir.empty() ? default_cache_dir() : dir, ec).string();
}

void add_run_options(CLI::App& sub, RunCliOptions& opt) {
    opt.jobs = std::max(1u, std::thread::hardware_concurrency());
    sub.add_option("PATH", opt.paths, "articles or directories")->required();
    sub.add_option("--exclude", opt.excludes, "leave out paths matching this glob (repeatable)")->allow_extra_args(false);
    sub.add_option("-j,--jobs", opt.jobs, "snippets checked in parallel");
    sub.add_option("--cache", opt.cache_dir, "cache directory (crate sets and results)");
    sub.add_option("--config", opt.config, "toolchain profile (default: snipcheck.toml if present)");
}

std::string read_run_options(const RunCliOptions& cli, CheckOptions& o) {
    o.excludes = cli.excludes;
    auto profile = profile_for(cli.config);
    if (!profile) {
        return profile.error().message;
    }
    o.profile = *profile;
    o.cache_dir = cache_dir_for(cli.cache_dir);
    // Each job runs a compiler: more than a few per core only queues, and a huge number
    // cannot even be started as threads.
    o.jobs = std::clamp(cli.jobs, 1u, 4 * std::max(1u, std::thread::hardware_concurrency()));
    return "";
}

}  // namespace snipcheck
