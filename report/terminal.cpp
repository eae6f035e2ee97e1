#include "report/terminal.hpp"

#include <fmt/format.h>

#include <map>
#include <set>

#include "report/text_util.hpp"

namespace snipcheck {

namespace {

// Each line of `text` after `prefix`; `safe` shows control characters in caret notation.
std::string indented(const std::string& text, const std::string& prefix, bool safe = false) {
    std::string out;
    std::size_t at = 0;
    while (at < text.size()) {
        std::size_t end = text.find('\n', at);
        end = end == std::string::npos ? text.size() : end;
        std::string line = text.substr(at, end - at);
        out += prefix + (safe ? terminal_safe(line) : line) + "\n";
        at = end + 1;
    }
    return out;
}

// "3 snippets fail the policy (2 error, 1 incomplete): exit code 1", or that all meet it.
std::string policy_line(const CheckRun& run) {
    std::map<Verdict, int> failing;
    int n = 0;
    for (const Entry& e : run.entries()) {
        if (!e.outcome.meets) {
            failing[e.result.verdict]++;
            ++n;
        }
    }
    if (n == 0) {
        return "every snippet meets the policy (compiles, skipped, expected by its author or a failing compile_fail "
               "block): exit code 0\n";
    }
    std::string why;
    for (const auto& v : all_verdicts()) {
        if (failing[v.verdict] > 0) {
            why += fmt::format("{}{} {}", why.empty() ? "" : ", ", failing[v.verdict], v.id);
        }
    }
    return fmt::format("{} {} the policy ({}): exit code 1\n", n, n == 1 ? "snippet fails" : "snippets fail", why);
}

}  // namespace

std::string terminal_summary(const CheckRun& run, bool color) {
    return terminal_summary(run, TerminalOptions{color, false, false});
}

std::string terminal_summary(const CheckRun& run, const TerminalOptions& options) {
    std::string out;
    auto paint = [&](const std::string& s, const char* code) {
        return options.color ? fmt::format("\x1b[{}m{}\x1b[0m", code, s) : s;
    };
    std::map<Verdict, int> totals;
    for (const Entry& e : run.entries()) {
        const auto& s = e.snippet;
        const auto& r = e.result;
        totals[r.verdict]++;
        if (r.verdict == Verdict::Compiles || r.verdict == Verdict::Skipped) {
            continue;
        }
        std::string verdict(to_string(r.verdict));
        bool meets = e.outcome.meets;
        if (options.quiet && meets) {
            continue;
        }
        // Article names and diagnostics come from the article: never raw control characters.
        out += fmt::format("{}:{}: {}{}: {}{}\n", terminal_safe(s.article), s.start_line,
                           paint(verdict, meets ? "1;33" : "1;31"), terminal_safe(r.subkind.empty() ? "" : " (" + r.subkind + ")"),
                           terminal_safe(verdict_reason(r)), meets ? " [as expected]" : "");
        if (std::string d = first_diagnostic(s, r); !d.empty()) {
            out += "    " + terminal_safe(d) + "\n";
        }
        if (std::string note = fix_note(r); !note.empty()) {
            out += "    " + terminal_safe(note) + "\n";
            if (options.verbose && r.fix->verified) {
                out += indented(r.fix->diff, "      ", true);
            }
        }
        if (options.verbose) {
            std::set<std::string> shown;
            for (const auto& e : r.evidence) {
                if (!e.rendered.empty() && shown.insert(e.rendered).second) {
                    out += indented(e.rendered, "      ");
                }
            }
        }
    }
    if (options.quiet) {
        return out;
    }
    std::string line;
    for (const auto& v : all_verdicts()) {
        if (totals[v.verdict] > 0) {
            line += fmt::format("{}{} {}", line.empty() ? "" : ", ", totals[v.verdict], v.id);
        }
    }
    out += fmt::format("{} snippets: {}\n", run.size(), line.empty() ? "none" : line);
    out += policy_line(run);
    return out;
}

}  // namespace snipcheck
