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

std::string row(const Entry& e) {
    const auto& s = e.snippet;
    const auto& r = e.result;
    return fmt::format("| {} | {} | `{}` | {} | {} |\n", s.start_line, cell(s.language), verdict_label(r),
                       e.outcome.meets ? "ok" : "**fails**",
                       r.verdict == Verdict::Compiles ? "" : cell(verdict_reason(r)) +
                           (r.fix ? " — " + cell(fix_note(r)) : std::string()));
}

// The rows of an article's snippets that meet the policy (or fail it), and how many.
std::pair<std::string, int> rows(const ArticleRun& article, bool meeting) {
    std::string out;
    int n = 0;
    for (const Entry& e : article.entries) {
        if (e.outcome.meets == meeting) {
            out += row(e);
            ++n;
        }
    }
    return {out, n};
}

// How many snippets have a verified fix, as a sentence ("" for none).
std::string fixes_line(const CheckRun& run) {
    auto entries = run.entries();
    std::size_t fixes = std::count_if(entries.begin(), entries.end(),
                                      [](const Entry& e) { return e.result.fix && e.result.fix->verified; });
    if (fixes == 0) {
        return "";
    }
    return fmt::format("{} snippet{} {} a verified fix: `snipcheck fix` writes {}.\n\n", fixes, fixes == 1 ? "" : "s",
                       fixes == 1 ? "has" : "have", fixes == 1 ? "it" : "them");
}

// The heading, the counts and the table of verdicts; `failing` is set to how many fail.
std::string summary_head(const CheckRun& run, int& failing) {
    std::map<Verdict, int> totals;
    failing = 0;
    for (const Entry& e : run.entries()) {
        totals[e.result.verdict]++;
        failing += !e.outcome.meets;
    }
    std::string out = "## snipcheck\n\n";
    out += fmt::format("{} snippets in {} articles; {} do not meet the policy.\n\n", run.size(), run.articles.size(),
                       failing);
    out += fixes_line(run);
    out += "| verdict | snippets |\n|---|---:|\n";
    for (const auto& v : all_verdicts()) {
        if (totals[v.verdict] > 0) {
            out += fmt::format("| `{}` | {} |\n", v.id, totals[v.verdict]);
        }
    }
    return out;
}

// A summary under a size limit: a section that would pass it is left out and counted.
struct Bounded {
    std::string out;
    std::size_t budget = 0;
    int left_out = 0;
    void add(const std::string& section) {
        if (left_out > 0 || out.size() + section.size() > budget) {
            ++left_out;
            return;
        }
        out += section;
    }
};

}  // namespace

std::string markdown_summary(const CheckRun& run, std::size_t max_bytes) {
    int failing = 0;
    // Failures first, one table per article; then everything else folded per article.
    const std::string kCutNote = "\n> **Truncated:** the summary stops under GitHub's 1 MiB step-summary limit; "
                                 "{} more sections are in the JSON report.\n";
    Bounded b{summary_head(run, failing), max_bytes > kCutNote.size() + 32 ? max_bytes - kCutNote.size() - 32 : 0};
    if (failing > 0) {
        b.out += "\n### Failing the policy\n";
        for (const auto& article : run.articles) {
            if (auto [section, n] = rows(article, false); n > 0) {
                b.add(fmt::format("\n#### {}\n\n", cell(article.path)) + table_head() + section);
            }
        }
    }
    bool heading = false;
    for (const auto& article : run.articles) {
        auto [section, n] = rows(article, true);
        if (n == 0) {
            continue;
        }
        if (!heading) {
            b.out += "\n### Meeting the policy\n\n";
            heading = true;
        }
        b.add(fmt::format("<details><summary>{} ({} {})</summary>\n\n", cell(article.path), n,
                          n == 1 ? "snippet" : "snippets") +
              table_head() + section + "\n</details>\n");
    }
    if (b.left_out > 0) {
        b.out += fmt::format(fmt::runtime(kCutNote), b.left_out);
    }
    return b.out;
}

}  // namespace snipcheck
