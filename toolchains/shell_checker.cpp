#include "toolchains/shell_checker.hpp"

#include <fmt/format.h>
#include <stdlib.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
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

bool on_path(const std::string& name) {
    if (name.find('/') != std::string::npos) {
        return ::access(name.c_str(), X_OK) == 0;
    }
    const char* path = std::getenv("PATH");
    std::istringstream dirs(path ? path : "/usr/bin:/bin");
    std::string dir;
    while (std::getline(dirs, dir, ':')) {
        if (!dir.empty() && ::access((dir + "/" + name).c_str(), X_OK) == 0) {
            return true;
        }
    }
    return false;
}

std::vector<std::string> split_words(const std::string& s) {
    std::vector<std::string> words;
    std::string cur;
    char quote = 0;
    for (char c : s) {
        if (quote) {
            if (c == quote) {
                quote = 0;
            } else {
                cur += c;
            }
        } else if (c == '\'' || c == '"') {
            quote = c;
        } else if (c == ' ' || c == '\t') {
            if (!cur.empty()) {
                words.push_back(cur);
                cur.clear();
            }
        } else {
            cur += c;
        }
    }
    if (!cur.empty()) {
        words.push_back(cur);
    }
    return words;
}

}  // namespace

std::vector<ShellCommand> shell_commands(const std::string& script) {
    std::vector<ShellCommand> out;
    std::istringstream in(script);
    std::string line;
    int n = 0;
    std::string heredoc_end;
    std::string pending;
    int pending_line = 0;
    while (std::getline(in, line)) {
        ++n;
        if (!heredoc_end.empty()) {
            std::string t = line;
            t.erase(0, t.find_first_not_of(" \t"));
            if (t == heredoc_end) {
                heredoc_end.clear();
            }
            continue;
        }
        static const std::regex kHeredoc(R"(<<-?\s*['"]?([A-Za-z_][A-Za-z0-9_]*)['"]?)");
        std::smatch m;
        if (std::regex_search(line, m, kHeredoc)) {
            heredoc_end = m[1];
            line = m.prefix().str();
        }
        // Drop a comment (a # at a word start outside quotes).
        char quote = 0;
        for (std::size_t i = 0; i < line.size(); ++i) {
            char c = line[i];
            if (quote) {
                quote = c == quote ? 0 : quote;
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '#' && (i == 0 || line[i - 1] == ' ' || line[i - 1] == '\t')) {
                line.erase(i);
                break;
            }
        }
        if (pending.empty()) {
            pending_line = n;
        }
        if (!line.empty() && line.back() == '\\') {
            pending += line.substr(0, line.size() - 1) + " ";
            continue;
        }
        pending += line;
        std::string text = std::move(pending);
        pending.clear();
        std::vector<std::string> pieces;
        std::string cur;
        quote = 0;
        for (std::size_t i = 0; i < text.size(); ++i) {
            char c = text[i];
            if (quote) {
                quote = c == quote ? 0 : quote;
                cur += c;
            } else if (c == '\'' || c == '"') {
                quote = c;
                cur += c;
            } else if (c == ';' || c == '|' || (c == '&' && i + 1 < text.size() && text[i + 1] == '&')) {
                pieces.push_back(cur);
                cur.clear();
                if (i + 1 < text.size() && (text[i + 1] == '|' || text[i + 1] == '&')) {
                    ++i;
                }
            } else {
                cur += c;
            }
        }
        pieces.push_back(cur);
        for (const auto& piece : pieces) {
            auto words = split_words(piece);
            std::size_t k = 0;
            while (k < words.size() && (words[k].find('=') != std::string::npos && words[k][0] != '-' &&
                                        words[k].find('=') > 0 && words[k][0] != '=')) {
                ++k;  // VAR=value prefixes
            }
            while (k < words.size() && (words[k] == "sudo" || words[k] == "env" || words[k] == "time" ||
                                        words[k] == "exec" || words[k] == "then" || words[k] == "do" ||
                                        words[k] == "else" || words[k] == "!")) {
                ++k;
            }
            if (k < words.size()) {
                out.push_back({std::vector<std::string>(words.begin() + static_cast<long>(k), words.end()), pending_line});
            }
        }
    }
    return out;
}

ShellChecker::ShellChecker(Toolchain tc, Profile profile, std::string cache_dir)
    : tc_(std::move(tc)), profile_(std::move(profile)), cache_dir_(std::move(cache_dir)) {
    ProcessLimits limits;
    limits.wall_time = std::chrono::seconds(60);
    // `cargo --list` names the built-in subcommands and those installed on this machine.
    auto r = run_process({tc_.cargo, "--list"}, inherited_env(), fs::current_path().string(), limits);
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
    auto v = run_process({"shellcheck", "--version"}, inherited_env(), fs::current_path().string(), limits);
    shellcheck_version_ = v.out;
}

std::string ShellChecker::identity() const {
    return fmt::format("shell-checker-v1\n{}\n{}\n{}\n", tc_.identity, shellcheck_version_,
                       fmt::join(cargo_subcommands_, ","));
}

std::set<std::string> ShellChecker::long_flags_of(const std::string& sub) const {
    std::lock_guard<std::mutex> lock(flags_mutex_);
    auto it = flags_.find(sub);
    if (it != flags_.end()) {
        return it->second;
    }
    ProcessLimits limits;
    limits.wall_time = std::chrono::seconds(30);
    auto r = run_process({tc_.cargo, sub, "--help"}, inherited_env(), fs::current_path().string(), limits);
    std::set<std::string> flags;
    static const std::regex kFlag(R"((--[a-z][a-z0-9-]*))");
    for (std::sregex_iterator m(r.out.begin(), r.out.end(), kFlag), end; m != end; ++m) {
        flags.insert((*m)[1]);
    }
    // `cargo clippy` says "See all options with cargo check --help": it forwards them.
    if (sub != "check" && r.out.find("cargo check --help") != std::string::npos) {
        auto c = run_process({tc_.cargo, "check", "--help"}, inherited_env(), fs::current_path().string(), limits);
        for (std::sregex_iterator m(c.out.begin(), c.out.end(), kFlag), end; m != end; ++m) {
            flags.insert((*m)[1]);
        }
    }
    return flags_[sub] = flags;
}

CheckResult ShellChecker::check(const Snippet& s, const std::string&) const {
    auto started = std::chrono::steady_clock::now();
    CheckResult r;
    std::string made = make_work_dir((fs::path(cache_dir_) / "tmp").string(), "shell");
    if (made.empty()) {
        r.verdict = Verdict::HarnessError;
        r.evidence.push_back({"shell", "", "", "", "error", "cannot create a work directory", 0});
        return r;
    }
    fs::path dir(made);
    std::ofstream(dir / "snippet.sh") << s.code << "\n";
    r.wrapped_source = s.code;
    ProcessLimits limits;
    limits.wall_time = std::chrono::seconds(profile_.wall_seconds);
    SandboxSpec spec{dir.string(), {}, {{"PATH", "/usr/bin:/bin"}, {"LANG", "C.UTF-8"}, {"HOME", kSandboxWorkDir}}, limits};

    // Syntax.
    std::vector<std::string> bash_argv{"/bin/bash", "-n", "snippet.sh"};
    auto syntax = run_sandboxed(spec, bash_argv);
    r.commands.push_back(format_command(bash_argv));
    if (!syntax.ok()) {
        static const std::regex kLine(R"(snippet\.sh: line ([0-9]+): (.*))");
        std::smatch m;
        std::string first = syntax.err.substr(0, syntax.err.find('\n'));
        int line = 0;
        std::string message = first;
        if (std::regex_search(first, m, kLine)) {
            line = s.start_line + std::stoi(m[1]) - 1;
            message = m[2];
        }
        r.evidence.push_back({"bash", "", r.commands.back(), "", "error", message, line});
        r.findings.push_back({"error", "syntax", message});
    }
    // ShellCheck findings.
    std::vector<std::string> sc_argv{"/usr/bin/shellcheck", "-f", "json1", "-s", "bash", "-e", "SC2148", "snippet.sh"};
    auto sc = run_sandboxed(spec, sc_argv);
    r.commands.push_back(format_command(sc_argv));
    auto j = nlohmann::json::parse(sc.out, nullptr, false);
    if (!j.is_discarded()) {
        for (const auto& c : j.value("comments", nlohmann::json::array())) {
            std::string code = fmt::format("SC{}", c.value("code", 0));
            std::string level = c.value("level", "");
            int line = s.start_line + c.value("line", 1) - 1;
            r.evidence.push_back({"shellcheck", "", r.commands.back(), code, level, c.value("message", ""), line});
        }
    }
    std::error_code ec;
    fs::remove_all(dir, ec);

    // Commands.
    std::vector<std::string> missing;
    auto add_missing = [&](const std::string& what) {
        if (std::find(missing.begin(), missing.end(), what) == missing.end()) {
            missing.push_back(what);
        }
    };
    for (const auto& cmd : shell_commands(s.code)) {
        const std::string& name = cmd.words[0];
        if (shell_builtins().count(name) || name.starts_with("$") || name.starts_with("./")) {
            continue;
        }
        if (name == "cargo" && cmd.words.size() > 1 && !cmd.words[1].starts_with("-") && !cmd.words[1].starts_with("+")) {
            const std::string& sub = cmd.words[1];
            if (!cargo_subcommands_.count(sub)) {
                add_missing(fmt::format("cargo-{} (for `cargo {}`)", sub, sub));
                r.evidence.push_back({"cargo", "", "cargo --list", "", "error",
                                      fmt::format("no such command: `{}`; it needs `cargo install cargo-{}`", sub, sub),
                                      s.start_line + cmd.line - 1});
                continue;
            }
            auto flags = long_flags_of(sub);
            for (std::size_t k = 2; k < cmd.words.size() && !flags.empty(); ++k) {
                std::string w = cmd.words[k];
                if (w == "--") {
                    break;
                }
                if (w.starts_with("--") && w.size() > 2) {
                    std::string flag = w.substr(0, w.find('='));
                    if (!flags.count(flag)) {
                        std::string message = fmt::format("`cargo {}` has no option `{}`", sub, flag);
                        r.findings.push_back({"error", "unknown-flag", message});
                        r.evidence.push_back({"cargo", "", fmt::format("cargo {} --help", sub), "", "error", message,
                                              s.start_line + cmd.line - 1});
                    }
                }
            }
            continue;
        }
        if (!on_path(name)) {
            add_missing(name);
            r.evidence.push_back({"shell", "", "command -v " + name, "", "error",
                                  fmt::format("command not found: {}", name), s.start_line + cmd.line - 1});
        }
    }
    r.missing_crates = missing;
    if (!missing.empty()) {
        r.findings.push_back({"missing-dependency", "command", fmt::format("not installed: {}", fmt::join(missing, ", "))});
    }
    decide_by_priority(r);
    r.duration_ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started).count();
    return r;
}

}  // namespace snipcheck
