#include "check/fix.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "extractor/plaintext.hpp"
#include "model/file_io.hpp"
#include "model/regex.hpp"

namespace snipcheck {

namespace {

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> out;
    for (auto l : split_lines(text)) {
        out.emplace_back(l);
    }
    return out;
}

const std::string& text_of(FileTexts& files, const std::string& path) {
    auto it = files.find(path);
    if (it == files.end()) {
        it = files.emplace(path, read_file(path)).first;
    }
    return it->second;
}

std::string html_escaped(const std::string& s, bool quotes) {
    std::string out;
    for (char c : s) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += quotes ? "&quot;" : "\""; break;
            default: out += c;
        }
    }
    return out;
}

// `file_line` with `before` replaced by `after`: where the file line ends with it (the block's
// indentation or an HTML tag before it), or where it occurs once; "" with ok=false otherwise.
std::string replaced(const std::string& file_line, const std::string& before, const std::string& after, bool& ok) {
    ok = false;
    if (before.empty()) {
        ok = file_line.find_first_not_of(" \t") == std::string::npos;
        return file_line + after;
    }
    std::size_t at = std::string::npos;
    if (file_line.ends_with(before)) {
        at = file_line.size() - before.size();
    } else if (std::size_t first = file_line.find(before);
               first != std::string::npos && file_line.find(before, first + 1) == std::string::npos) {
        at = first;
    }
    if (at == std::string::npos) {
        return "";
    }
    ok = true;
    return file_line.substr(0, at) + after + file_line.substr(at + before.size());
}

// The file and 1-based line that code line `line` of `s` is: an included file's line, or the
// article's line (each run of included lines stands for its one directive line).
std::pair<std::string, int> place_of(const Snippet& s, int line) {
    if (const IncludedLines* run = included_run(s, line)) {
        return {run->file, run->file_line + line - run->code_line};
    }
    int article = s.start_line + line - 1;
    std::set<int> directives;
    for (const auto& run : s.included) {
        if (run.code_line < line) {
            article -= run.lines;
            directives.insert(run.article_line);
        }
    }
    return {s.article, article + static_cast<int>(directives.size())};
}

bool is_html(const std::string& path) {
    return path.ends_with(".html") || path.ends_with(".htm");
}

}  // namespace

Expected<std::vector<LineChange>> locate_fix(const Snippet& s, const Fix& fix, FileTexts& files) {
    auto before = lines_of(s.code);
    auto after = lines_of(fix.code);
    if (before.size() != after.size()) {
        return Error{fmt::format("{}: the fix changes the number of lines", s.id)};
    }
    std::vector<LineChange> out;
    for (std::size_t i = 0; i < before.size(); ++i) {
        if (before[i] == after[i]) {
            continue;
        }
        auto [file, line] = place_of(s, static_cast<int>(i + 1));
        auto file_lines = lines_of(text_of(files, file));
        if (line < 1 || line > static_cast<int>(file_lines.size())) {
            return Error{fmt::format("{}: line {} of {} is not there", s.id, line, file)};
        }
        const std::string& current = file_lines[line - 1];
        bool ok = false;
        std::string changed = replaced(current, before[i], after[i], ok);
        for (bool quotes : {false, true}) {
            if (!ok && is_html(file)) {
                changed = replaced(current, html_escaped(before[i], quotes), html_escaped(after[i], quotes), ok);
            }
        }
        if (!ok) {
            return Error{fmt::format("{}: the code of line {} of {} is not found there as the snippet has it", s.id,
                                     line, file)};
        }
        out.push_back({file, line, current, changed});
    }
    return out;
}

namespace {

// One file's diff: hunks of the changed lines with `context` lines around them.
std::string file_diff(const std::string& path, const std::vector<std::string>& lines,
                      const std::map<int, std::string>& changed, int context) {
    std::string out = fmt::format("--- a/{}\n+++ b/{}\n", path, path);
    auto it = changed.begin();
    const int n = static_cast<int>(lines.size());
    while (it != changed.end()) {
        int first = std::max(1, it->first - context);
        int last = std::min(n, it->first + context);
        auto end = std::next(it);
        while (end != changed.end() && end->first - context <= last + 1) {
            last = std::min(n, end->first + context);
            ++end;
        }
        out += fmt::format("@@ -{},{} +{},{} @@\n", first, last - first + 1, first, last - first + 1);
        for (int l = first; l <= last; ++l) {
            auto c = changed.find(l);
            if (c == changed.end()) {
                out += " " + lines[l - 1] + "\n";
            } else {
                out += "-" + lines[l - 1] + "\n+" + c->second + "\n";
            }
        }
        it = end;
    }
    return out;
}

// The changes by file, each file's lines by number (a later change of a line wins).
std::map<std::string, std::map<int, std::string>> by_file(const std::vector<LineChange>& changes) {
    std::map<std::string, std::map<int, std::string>> out;
    for (const auto& c : changes) {
        out[c.file][c.line] = c.after;
    }
    return out;
}

}  // namespace

std::string unified_diff(const std::vector<LineChange>& changes, FileTexts& files) {
    std::string out;
    for (const auto& [file, changed] : by_file(changes)) {
        out += file_diff(file, lines_of(text_of(files, file)), changed, 3);
    }
    return out;
}

std::vector<LineChange> diff_changes(const std::string& diff) {
    static const Regex hunk(R"(^@@ -(\d+),\d+ \+\d+,\d+ @@)");
    std::vector<LineChange> out;
    std::string file;
    int line = 0;
    for (auto l : split_lines(diff)) {
        std::string text(l);
        RegexMatch m;
        if (text.starts_with("+++ b/")) {
            file = text.substr(6);
        } else if (text.starts_with("--- a/")) {
            continue;
        } else if (hunk.search(text, m)) {
            line = std::stoi(m[1]);
        } else if (text.starts_with("-")) {
            out.push_back({file, line++, text.substr(1), ""});
        } else if (text.starts_with("+") && !out.empty()) {
            out.back().after = text.substr(1);
        } else {
            ++line;
        }
    }
    return out;
}

void attach_fix_diffs(CheckRun& run) {
    FileTexts files;
    for (Entry& e : run.entries()) {
        auto& fix = e.result.fix;
        if (!fix || !fix->verified) {
            continue;
        }
        auto changes = locate_fix(e.snippet, *fix, files);
        if (!changes) {
            run.warnings.push_back("fix not mapped to the article: " + changes.error().message);
            fix->diff.clear();
            continue;
        }
        fix->diff = unified_diff(*changes, files);
    }
}

FixPlan plan_fixes(const CheckRun& run) {
    FixPlan plan;
    FileTexts files;
    for (const Entry& e : run.entries()) {
        const auto& fix = e.result.fix;
        if (!fix) {
            continue;
        }
        auto changes = fix->verified ? locate_fix(e.snippet, *fix, files)
                                     : Expected<std::vector<LineChange>>(Error{"not verified"});
        if (!changes) {
            ++plan.skipped;
            continue;
        }
        plan.changes.insert(plan.changes.end(), changes->begin(), changes->end());
        plan.fixed_ids.push_back(e.snippet.id);
    }
    return plan;
}

std::string write_fixes(const FixPlan& plan) {
    FileTexts files;
    std::vector<std::pair<std::string, std::string>> writes;
    for (const auto& [file, changed] : by_file(plan.changes)) {
        const std::string& text = text_of(files, file);
        auto lines = lines_of(text);
        for (const auto& [line, after] : changed) {
            lines[line - 1] = after;
        }
        std::string out;  // a CRLF file's lines keep their \r: split_lines cuts at \n only
        for (std::size_t i = 0; i < lines.size(); ++i) {
            out += lines[i];
            if (i + 1 < lines.size() || text.ends_with('\n')) {
                out += '\n';
            }
        }
        writes.emplace_back(file, out);
    }
    std::string failed = write_files_atomically(writes);
    return failed.empty() ? "" : "cannot write " + failed;
}

}  // namespace snipcheck
