#pragma once
// Shell snippets, never executed: `bash -n` for syntax, ShellCheck for findings, and every
// command resolved (a builtin, on PATH, or one of cargo's own subcommands); flags of cargo's
// subcommands are checked against their --help.
#include <functional>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "toolchains/profile.hpp"
#include "toolchains/shell/shell_split.hpp"
#include "toolchains/snippet_checker.hpp"
#include "toolchains/toolchain.hpp"

namespace snipcheck {

// What one tool run says of a shell snippet, added to `r` (its last command is the run's):
// `bash -n`'s first complaint as an error/syntax finding; ShellCheck's JSON comments as
// evidence. A run that failed as a run (run_failure: could not start, out of wall time, a
// signal, output cut short), or a ShellCheck that did not answer in JSON, is a harness-error
// finding naming the tool, never a syntax error or "no findings".
void read_bash_syntax(const ProcessResult& syntax, const Snippet& s, CheckResult& r);
void read_shellcheck(const ProcessResult& sc, const Snippet& s, CheckResult& r);

class ShellChecker : public SnippetChecker {
public:
    ShellChecker(Toolchain tc, Profile profile, std::string cache_dir);

    bool handles(const Snippet& s) const override { return s.language == "shell"; }
    CheckResult check(const Snippet& s, const std::string& context) const override;
    std::string identity() const override;

private:
    // The sandbox every shell-side tool runs in: the toolchain's bin, rustup's directory and
    // the system's, a private empty work directory, no user configuration.
    SandboxSpec sandbox(const std::string& dir) const;
    // Runs a tool in that sandbox with `script` (if any) as snippet.sh.
    ProcessResult run_tool(const std::vector<std::string>& argv, const std::string& script) const;
    std::set<std::string> long_flags_of(const std::string& cargo_subcommand) const;
    // The names that resolve on the sandbox's PATH; `failure` says why the lookup itself failed.
    std::set<std::string> resolvable(const std::vector<std::string>& names, std::string& failure) const;
    // Every command resolved: a builtin, one of cargo's subcommands, or on the sandbox's PATH.
    void check_commands(const Snippet& s, CheckResult& r) const;
    void check_cargo_command(const ShellCommand& cmd, int start_line, CheckResult& r,
                             const std::function<void(const std::string&)>& add_missing) const;

    Toolchain tc_;
    Profile profile_;
    std::string cache_dir_;
    std::string rustup_dir_;
    std::set<std::string> cargo_subcommands_;
    std::string shellcheck_version_;
    mutable std::mutex flags_mutex_;
    mutable std::map<std::string, std::set<std::string>> flags_;
};

}  // namespace snipcheck
