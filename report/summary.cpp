#include "report/summary.hpp"

#include <fmt/format.h>

#include <map>

#include "report/text_util.hpp"

namespace snipcheck {

namespace {

// Table cells and headings: pipes and newlines would break the row, and markup, backticks
// and HTML from an article must show as text, never render. Cut at a character boundary.
std::string cell(const std::string& s) {
    std::string out;
    for (char c : cut_at_char(s, 160)) {
        switch (c) {
            case '|': out += "\\|"; break;
            case '\n': case '\r': out += ' '; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '&': out += "&amp;"; break;
            case '`': out += "&#96;"; break;
            case '*': case '_': case '[': case ']': case '\\':
                out += '\\';
                out += c;
                break;
            default: out += c;
        }
    }
    return out;
}

}  // namespace

std::string markdown_summary(const CheckRun& run) {
    std::map<Verdict, int> totals;
    int failing = 0;
    for (std::size_t i = 0; i < run.results.size(); ++i) {
        totals[run.results[i].verdict]++;
        failing += !run.outcomes[i].meets;
    }
    std::string out = "## snipcheck\n\n";
    out += fmt::format("{} snippets in {} articles; {} do not meet the policy.\n\n", run.snippets.size(),
                       run.articles.size(), failing);
    out += "| verdict | snippets |\n|---|---:|\n";
    for (const auto& v : all_verdicts()) {
        if (totals[v.verdict] > 0) {
            out += fmt::format("| `{}` | {} |\n", v.id, totals[v.verdict]);
        }
    }
    for (const auto& article : run.articles) {
        out += fmt::format("\n### {}\n\n| line | language | verdict | policy | reason |\n|---:|---|---|---|---|\n", cell(article));
        for (std::size_t i = 0; i < run.snippets.size(); ++i) {
            const auto& s = run.snippets[i];
            if (s.article != article) {
                continue;
            }
            const auto& r = run.results[i];
            out += fmt::format("| {} | {} | `{}` | {} | {} |\n", s.start_line, cell(s.language), verdict_label(r),
                               run.outcomes[i].meets ? "ok" : "**fails**",
                               r.verdict == Verdict::Compiles ? "" : cell(verdict_reason(r)));
        }
    }
    return out;
}

}  // namespace snipcheck
