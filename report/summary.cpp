#include "report/summary.hpp"

#include <fmt/format.h>

#include <algorithm>
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

namespace {

std::string table_head() { return "| line | language | verdict | policy | reason |\n|---:|---|---|---|---|\n"; }

std::string row(const CheckRun& run, std::size_t i) {
    const auto& s = run.snippets[i];
    const auto& r = run.results[i];
    return fmt::format("| {} | {} | `{}` | {} | {} |\n", s.start_line, cell(s.language), verdict_label(r),
                       run.outcomes[i].meets ? "ok" : "**fails**",
                       r.verdict == Verdict::Compiles ? "" : cell(verdict_reason(r)) +
                           (r.fix ? " — " + cell(fix_note(r)) : std::string()));
}

// How many snippets have a verified fix, as a sentence ("" for none).
std::string fixes_line(const CheckRun& run) {
    std::size_t fixes = std::count_if(run.results.begin(), run.results.end(),
                                      [](const CheckResult& r) { return r.fix && r.fix->verified; });
    if (fixes == 0) {
        return "";
    }
    return fmt::format("{} snippet{} {} a verified fix: `snipcheck fix` writes {}.\n\n", fixes, fixes == 1 ? "" : "s",
                       fixes == 1 ? "has" : "have", fixes == 1 ? "it" : "them");
}

}  // namespace

std::string markdown_summary(const CheckRun& run, std::size_t max_bytes) {
    std::map<Verdict, int> totals;
    int failing = 0;
    for (std::size_t i = 0; i < run.results.size(); ++i) {
        totals[run.results[i].verdict]++;
        failing += !run.outcomes[i].meets;
    }
    std::string out = "## snipcheck\n\n";
    out += fmt::format("{} snippets in {} articles; {} do not meet the policy.\n\n", run.snippets.size(),
                       run.articles.size(), failing);
    out += fixes_line(run);
    out += "| verdict | snippets |\n|---|---:|\n";
    for (const auto& v : all_verdicts()) {
        if (totals[v.verdict] > 0) {
            out += fmt::format("| `{}` | {} |\n", v.id, totals[v.verdict]);
        }
    }
    // Failures first, one table per article; then everything else folded per article. A
    // section that would pass the size limit is left out and counted in a closing note.
    const std::string kCutNote = "\n> **Truncated:** the summary stops under GitHub's 1 MiB step-summary limit; "
                                 "{} more sections are in the JSON report.\n";
    std::size_t budget = max_bytes > kCutNote.size() + 32 ? max_bytes - kCutNote.size() - 32 : 0;
    int left_out = 0;
    auto add = [&](const std::string& section) {
        if (left_out > 0 || out.size() + section.size() > budget) {
            ++left_out;
            return;
        }
        out += section;
    };
    if (failing > 0) {
        out += "\n### Failing the policy\n";
        for (const auto& article : run.articles) {
            std::string section;
            for (std::size_t i = 0; i < run.snippets.size(); ++i) {
                if (run.snippets[i].article == article && !run.outcomes[i].meets) {
                    section += row(run, i);
                }
            }
            if (!section.empty()) {
                add(fmt::format("\n#### {}\n\n", cell(article)) + table_head() + section);
            }
        }
    }
    bool heading = false;
    for (const auto& article : run.articles) {
        std::string section;
        int n = 0;
        for (std::size_t i = 0; i < run.snippets.size(); ++i) {
            if (run.snippets[i].article == article && run.outcomes[i].meets) {
                section += row(run, i);
                ++n;
            }
        }
        if (n == 0) {
            continue;
        }
        if (!heading) {
            out += "\n### Meeting the policy\n\n";
            heading = true;
        }
        add(fmt::format("<details><summary>{} ({} {})</summary>\n\n", cell(article), n,
                        n == 1 ? "snippet" : "snippets") +
            table_head() + section + "\n</details>\n");
    }
    if (left_out > 0) {
        out += fmt::format(fmt::runtime(kCutNote), left_out);
    }
    return out;
}

}  // namespace snipcheck
