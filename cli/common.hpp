#pragma once
// What the commands share: exit codes, one-line errors, the profile and cache a run uses, and
// the options `check` and `fix` both take.
#include <string>
#include <vector>

#include "check/pipeline.hpp"
#include "model/error.hpp"
#include "toolchains/profile.hpp"

namespace CLI {
class App;
}

namespace snipcheck {

constexpr int kExitOk = 0;
constexpr int kExitPolicy = 1;
constexpr int kExitError = 2;

// One line whatever the message holds (a tool's multi-line output, a path with control
// characters): line breaks and other controls become single spaces.
std::string one_line(const std::string& message);

// "snipcheck: error: MESSAGE" on stderr; returns kExitError.
int fail(const std::string& message);

// Each warning as "snipcheck: warning: ..." on stderr.
void print_warnings(const std::vector<std::string>& warnings);

// The nearest directory from the current one up that holds `name`, stopping at the
// repository root (a directory with .git); "" when none does.
std::string find_upwards(const std::string& name);

// The repository root (the nearest directory up with .git), else the current directory.
std::string repository_root();

// --color auto follows NO_COLOR (https://no-color.org) and CLICOLOR_FORCE, then the terminal.
bool use_color(const std::string& choice, int fd);

// --config, else snipcheck.toml found upwards, else the embedded default.
Expected<Profile> profile_for(const std::string& config);

// --cache made absolute, else $XDG_CACHE_HOME/snipcheck or ~/.cache/snipcheck.
std::string cache_dir_for(const std::string& dir);

// The options `check` and `fix` share: what to read, how many jobs, the cache and the profile.
struct RunCliOptions {
    std::vector<std::string> paths;
    std::vector<std::string> excludes;
    unsigned jobs = 1;
    std::string cache_dir;
    std::string config;
};
void add_run_options(CLI::App& sub, RunCliOptions& opt);

// The check options they give: excludes, profile, cache directory and jobs (at most 4 per
// core). "" or the error message.
std::string read_run_options(const RunCliOptions& cli, CheckOptions& o);

}  // namespace snipcheck
