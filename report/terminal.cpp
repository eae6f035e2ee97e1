#include "report/terminal.hpp"

#include <fmt/format.h>

#include <map>

#include "report/text_util.hpp"

namespace snipcheck {

std::string terminal_summary(const CheckRun& run, bool color) {
    std::string out;
    auto paint = [&](const std::string& s, const char* code) {
        return color ? fmt::format("\x1b[{}m{}\x1b[0m", code, s) : s;
    };
    std::map<Verdict, int> totals;
    for (std::size_t i = 0; i < run.snippets.size(); ++i) {
        const auto& s = run.snippets[i];
        const auto& r = run.results[i];
        totals[r.verdict]++;
        if (r.verdict == Verdict::Compiles || r.verdict == Verdict::Skipped) {
            continue;
        }
        std::string verdict(to_string(r.verdict));
        bool meets = i < run.outcomes.size() && run.outcomes[i].meets;
        // Article names and diagnostics come from the article: never raw control characters.
        out += fmt::format("{}:{}: {}{}: {}{}\n", terminal_safe(s.article), s.start_line,
                           paint(verdict, meets ? "1;33" : "1;31"), terminal_safe(r.subkind.empty() ? "" : " (" + r.subkind + ")"),
                           terminal_safe(verdict_reason(r)), meets ? " [as expected]" : "");
        if (std::string d = first_diagnostic(s, r); !d.empty()) {
            out += "    " + terminal_safe(d) + "\n";
        }
    }
    std::string line;
    for (const auto& v : all_verdicts()) {
        if (totals[v.verdict] > 0) {
            line += fmt::format("{}{} {}", line.empty() ? "" : ", ", totals[v.verdict], v.id);
        }
    }
    out += fmt::format("{} snippets: {}\n", run.snippets.size(), line.empty() ? "none" : line);
    return out;
}

}  // namespace snipcheck
