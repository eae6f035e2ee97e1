#include "toolchains/shell/shell_checker.hpp"
#include "model/regex.hpp"

#include <fmt/format.h>
#include <stdlib.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

namespace snipcheck {

namespace fs = std::filesystem;

namespace {

const std::set<std::string>& shell_builtins() {
    static const std::set<std::string> names{
        "cd", "echo", "export", "source", ".", "set", "unset", "alias", "unalias", "read", "exit", "test", "[", "[[",
        "true", "false", "printf", "pwd", "eval", "exec", "shift", "trap", "wait", "type", "command", "hash", "ulimit",
        "umask", "local", "declare", "readonly", "let", "return", "break", "continue", "pushd", "popd", "dirs", "jobs",
        "fg", "bg", "kill", "builtin", "getopts", "history", "mapfile", "time", "if", "then", "else", "elif", "fi",
        "for", "do", "done", "while", "until", "case", "esac", "function", "select", "in", "{", "}", "!", "(", ")"};
    return names;
}

// The directory of a host program that belongs to the toolchains (rustup), looked up by its
// fixed name: snippet text never chooses what is looked up on the host.
std::string host_dir_of(const std::string& program) {
    const char* path = std::getenv("PATH");
    std::istringstream dirs(path ? path : "");
    std::string dir;
    while (std::getline(dirs, dir, ':')) {
        if (!dir.empty() && dir.front() == '/' && ::access((dir + "/" + program).c_str(), X_OK) == 0) {
            return dir;
        }
    }
    return "";
}

}  // namespace

ShellChecker::ShellChecker(Toolchain tc, Profile profile, std::string cache_dir)
    : tc_(std::move(tc)), profile_(std::move(profile)), cache_dir_(std::move(cache_dir)) {
    rustup_dir_ = host_dir_of("rustup");
    // `cargo --list` names the built-in subcommands and those on the sandbox's PATH.
    auto r = run_tool({tc_.cargo, "--list"}, "");
    std::istringstream in(r.out);
    std::string line;
    while (std::getline(in, line)) {
        if (line.starts_with("    ")) {
            std::istringstream words(line);
            std::string name;
            words >> name;
            cargo_subcommands_.insert(name);
        }
    }
    shellcheck_version_ = run_tool({"/usr/bin/shellcheck", "--version"}, "").out;
}

std::string ShellChecker::identity() const {
    return fmt::format("shell-checker-v2\n{}\n{}\n{}\n{}\n", tc_.identity, shellcheck_version_, rustup_dir_,
                       fmt::join(cargo_subcommands_, ","));
}

SandboxSpec ShellChecker::sandbox(const std::string& dir) const {
    ProcessLimits limits;
    limits.wall_time = std::chrono::seconds(profile_.wall_seconds);
    std::vector<std::string> readable;
    std::string path = tc_.sysroot + "/bin";
    if (!rustup_dir_.empty()) {
        readable.push_back(rustup_dir_);
        path += ":" + rustup_dir_;
    }
    SandboxSpec spec = rust_sandbox(tc_, dir, readable, limits);
    spec.env["PATH"] = path + ":/usr/local/bin:/usr/bin:/bin";
    return spec;
}

ProcessResult ShellChecker::run_tool(const std::vector<std::string>& argv, const std::string& script) const {
    // A private, empty work directory: no user cargo configuration (aliases), no checkout.
    std::string dir = make_work_dir(scratch_dir(cache_dir_), "shell");
    if (dir.empty()) {
        ProcessResult r;
        r.spawn_error = "cannot create a work directory";
        return r;
    }
    if (!script.empty()) {
        std::ofstream file(fs::path(dir) / "snippet.sh");
        file << script << "\n";
        file.close();
        if (!file) {
            std::error_code ec;
            fs::remove_all(dir, ec);
            ProcessResult r;
            r.spawn_error = "cannot write the snippet into " + dir;
            return r;
        }
    }
    auto r = run_sandboxed(sandbox(dir), argv);
    std::error_code ec;
    fs::remove_all(dir, ec);
    return r;
}

std::set<std::string> ShellChecker::long_flags_of(const std::string& sub) const {
    std::lock_guard<std::mutex> lock(flags_mutex_);
    auto it = flags_.find(sub);
    if (it != flags_.end()) {
        return it->second;
    }
    auto r = run_tool({tc_.cargo, sub, "--help"}, "");
    std::set<std::string> flags;
    static const Regex kFlag(R"((--[a-z][a-z0-9-]*))");
    for (const auto& m : kFlag.find_all(r.out)) {
        flags.insert(m[1]);
    }
    // `cargo clippy` says "See all options with cargo check --help": it forwards them.
    if (sub != "check" && r.out.find("cargo check --help") != std::string::npos) {
        auto c = run_tool({tc_.cargo, "check", "--help"}, "");
        for (const auto& m : kFlag.find_all(c.out)) {
            flags.insert(m[1]);
        }
    }
    return flags_[sub] = flags;
}

std::set<std::string> ShellChecker::resolvable(const std::vector<std::string>& names, std::string& failure) const {
    std::set<std::string> found;
    if (names.empty()) {
        return found;
    }
    std::vector<std::string> argv{"/bin/bash", "-c",
                                  "for n in \"$@\"; do command -v -- \"$n\" >/dev/null 2>&1 && printf '%s\\n' \"$n\"; done",
                                  "resolve"};
    argv.insert(argv.end(), names.begin(), names.end());
    auto r = run_tool(argv, "");
    failure = run_failure(r, "command lookup");
    std::istringstream in(r.out);
    std::string line;
    while (std::getline(in, line)) {
        found.insert(line);
    }
    return found;
}

namespace {

void harness_error(CheckResult& r, const std::string& why) {
    r.findings.push_back({Verdict::HarnessError, "", why});
    r.evidence.push_back({"shell", "", r.commands.empty() ? "" : r.commands.back(), "", "error", why, 0});
}

}  // namespace

// `bash -n`: its first complaint, at its article line.
void read_bash_syntax(const ProcessResult& syntax, const Snippet& s, CheckResult& r) {
    if (std::string why = run_failure(syntax, "bash -n"); !why.empty()) {
        harness_error(r, why);
        return;
    }
    if (syntax.exit_code == 0) {
        return;
    }
    static const Regex kLine(R"(snippet\.sh: line ([0-9]+): (.*))");
    RegexMatch m;
    std::string first = first_line(syntax.err);
    int line = 0;
    std::string message = first;
    if (kLine.search(first, m)) {
        line = s.start_line + std::stoi(m[1]) - 1;
        message = m[2];
    }
    r.evidence.push_back({"bash", "", r.commands.back(), "", "error", message, line});
    r.findings.push_back({Verdict::Error, "syntax", message});
}

// ShellCheck's findings: exit 0 (none) or 1 (some) with its JSON; anything else is a failed run.
void read_shellcheck(const ProcessResult& sc, const Snippet& s, CheckResult& r) {
    auto j = nlohmann::json::parse(sc.out, nullptr, false);
    if (std::string why = run_failure(sc, "shellcheck"); !why.empty()) {
        harness_error(r, why);
    } else if (sc.exit_code > 1 || !j.is_object()) {
        harness_error(r, fmt::format("shellcheck failed (exit {}): {}", sc.exit_code, first_line(sc.err)));
    } else {
        for (const auto& c : j.value("comments", nlohmann::json::array())) {
            std::string code = fmt::format("SC{}", c.value("code", 0));
            std::string level = c.value("level", "");
            int line = s.start_line + c.value("line", 1) - 1;
            r.evidence.push_back({"shellcheck", "", r.commands.back(), code, level, c.value("message", ""), line});
        }
    }
}

CheckResult ShellChecker::check(const Snippet& s, const std::string&) const {
    auto started = std::chrono::steady_clock::now();
    CheckResult r;
    r.wrapped_source = s.code;
    if (s.code.find_first_not_of(" \t\n") == std::string::npos) {
        // A console block of output only, or of another shell's prompts (`PS>`): no command.
        r.verdict = Verdict::Skipped;
        r.subkind = "no-commands";
        r.evidence.push_back({"shell", "", "", "", "note", "no shell command to check (no `$ ` line)", 0});
        return r;
    }
    std::vector<std::string> bash_argv{"/bin/bash", "-n", "snippet.sh"};
    auto syntax = run_tool(bash_argv, s.code);
    r.commands.push_back(format_command(bash_argv));
    read_bash_syntax(syntax, s, r);
    std::vector<std::string> sc_argv{"/usr/bin/shellcheck", "-f", "json1", "-s", "bash", "-e", "SC2148", "snippet.sh"};
    auto sc = run_tool(sc_argv, s.code);
    r.commands.push_back(format_command(sc_argv));
    read_shellcheck(sc, s, r);
    check_commands(s, r);
    decide_by_priority(r);
    r.duration_ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started).count();
    return r;
}

// Commands: builtins, cargo's subcommands, and names resolved on the sandbox's PATH only.
void ShellChecker::check_commands(const Snippet& s, CheckResult& r) const {
    std::vector<std::string> missing;
    auto add_missing = [&](const std::string& what) {
        if (std::find(missing.begin(), missing.end(), what) == missing.end()) {
            missing.push_back(what);
        }
    };
    std::vector<ShellCommand> to_resolve;
    std::vector<std::string> names;
    for (const auto& cmd : shell_commands(s.code)) {
        const std::string& name = cmd.words[0];
        if (shell_builtins().count(name) || name.starts_with("$") || name.starts_with("./")) {
            continue;
        }
        if (name == "cargo" && cmd.words.size() > 1 && !cmd.words[1].starts_with("-") && !cmd.words[1].starts_with("+")) {
            check_cargo_command(cmd, s.start_line, r, add_missing);
            continue;
        }
        to_resolve.push_back(cmd);
        names.push_back(name);
    }
    std::string failure;
    auto found = resolvable(names, failure);
    if (!failure.empty()) {
        harness_error(r, failure);
    } else {
        for (const auto& cmd : to_resolve) {
            const std::string& name = cmd.words[0];
            if (!found.count(name)) {
                add_missing(name);
                r.evidence.push_back({"shell", "", "command -v " + name, "", "error",
                                      fmt::format("command not found: {}", name), s.start_line + cmd.line - 1});
            }
        }
    }
    r.missing_crates = missing;
    if (!missing.empty()) {
        r.findings.push_back({Verdict::MissingDependency, "command", fmt::format("not installed: {}", fmt::join(missing, ", "))});
    }
}

void ShellChecker::check_cargo_command(const ShellCommand& cmd, int start_line, CheckResult& r,
                                       const std::function<void(const std::string&)>& add_missing) const {
    const std::string& sub = cmd.words[1];
    if (!cargo_subcommands_.count(sub)) {
        add_missing(fmt::format("cargo-{} (for `cargo {}`)", sub, sub));
        r.evidence.push_back({"cargo", "", "cargo --list", "", "error",
                              fmt::format("no such command: `{}`; it needs `cargo install cargo-{}`", sub, sub),
                              start_line + cmd.line - 1});
        return;
    }
    auto flags = long_flags_of(sub);
    for (std::size_t k = 2; k < cmd.words.size() && !flags.empty(); ++k) {
        const std::string& w = cmd.words[k];
        if (w == "--") {
            break;
        }
        if (w.starts_with("--") && w.size() > 2) {
            std::string flag = w.substr(0, w.find('='));
            if (!flags.count(flag)) {
                std::string message = fmt::format("`cargo {}` has no option `{}`", sub, flag);
                r.findings.push_back({Verdict::Error, "unknown-flag", message});
                r.evidence.push_back({"cargo", "", fmt::format("cargo {} --help", sub), "", "error", message,
                                      start_line + cmd.line - 1});
            }
        }
    }
}

}  // namespace snipcheck
