#include "toolchains/rust/rust_edits.hpp"

#include <algorithm>
#include <atomic>
#include <set>

#include "extractor/plaintext.hpp"
#include "model/regex.hpp"
#include "toolchains/rust/knowledge_base.hpp"

namespace snipcheck {

const std::vector<std::string>& migration_lints() {
    static const std::vector<std::string> lints{
        "rust_2018_idioms", "rust_2018_compatibility", "rust_2021_compatibility", "rust_2024_compatibility",
        "keyword_idents", "bare_trait_objects", "ellipsis_inclusive_range_patterns", "deprecated"};
    return lints;
}

namespace {

bool is_migration_lint(const std::string& code) {
    static const std::set<std::string> lints{"bare_trait_objects", "ellipsis_inclusive_range_patterns",
                                             "keyword_idents_2018", "keyword_idents_2024", "deprecated",
                                             "anonymous_parameters", "elided_lifetimes_in_paths",
                                             "unused_extern_crates", "explicit_outlives_requirements",
                                             "absolute_paths_not_starting_with_crate", "non_fmt_panics",
                                             "array_into_iter", "missing_unsafe_on_extern",
                                             "unsafe_attr_outside_unsafe", "static_mut_refs",
                                             "unsafe_op_in_unsafe_fn", "rust_2021_prefixes_incompatible_syntax"};
    return lints.count(code) > 0;
}

// The byte offset of 1-based character column `column` in `line` (UTF-8), or npos past its end.
std::size_t byte_of_column(std::string_view line, int column) {
    std::size_t byte = 0;
    for (int c = 1; c < column; ++c) {
        if (byte >= line.size()) {
            return std::string_view::npos;
        }
        ++byte;
        while (byte < line.size() && (static_cast<unsigned char>(line[byte]) & 0xC0) == 0x80) {
            ++byte;
        }
    }
    return byte;
}

// Line `wrapped_line` of the compiled file as an edit target: the snippet's code line it is,
// when the compiler saw exactly that line's text; 0 otherwise (wrapper, hidden line).
int code_line_of(const WrappedSource& wrapped, const std::vector<std::string_view>& wrapped_lines,
                 const std::vector<std::string_view>& code_lines, const Snippet& s, int wrapped_line) {
    int article = wrapped.map_line(wrapped_line);
    int line = article == 0 ? 0 : article - s.start_line + 1;
    if (line < 1 || line > static_cast<int>(code_lines.size()) || wrapped_line > static_cast<int>(wrapped_lines.size()) ||
        wrapped_lines[wrapped_line - 1] != code_lines[line - 1]) {
        return 0;
    }
    return line;
}

std::string source_of(const Diagnostic& d) {
    if (is_migration_lint(d.code) && d.code != "deprecated") {
        return "lint:" + d.code;
    }
    if (d.code == "deprecated") {
        return "deprecated";
    }
    return "rustc:" + (d.code.empty() ? d.message.substr(0, 40) : d.code);
}

// A suggestion as edits of the code, or nothing when any of its spans is not on the
// snippet's own single line.
std::vector<CodeEdit> edits_of(const Suggestion& sug, const WrappedSource& wrapped, const Snippet& s,
                               const std::string& source) {
    static std::atomic<int> groups{0};
    const int group = sug.edits.size() > 1 ? ++groups : 0;
    auto wrapped_lines = split_lines(wrapped.text);
    auto code_lines = split_lines(s.code);
    std::vector<CodeEdit> out;
    for (const auto& e : sug.edits) {
        int line = code_line_of(wrapped, wrapped_lines, code_lines, s, e.line_start);
        if (line == 0 || e.line_end != e.line_start || e.replacement.find('\n') != std::string::npos) {
            return {};
        }
        std::string_view text = code_lines[line - 1];
        std::size_t begin = byte_of_column(text, e.column_start);
        std::size_t end = byte_of_column(text, e.column_end);
        if (begin == std::string_view::npos || end == std::string_view::npos || end < begin) {
            return {};
        }
        out.push_back({line, begin, end, e.replacement, source, group});
    }
    return out;
}

}  // namespace

namespace {

// The edits that apply: in order, none overlapping an earlier kept one, and no group with an
// edit left out (its other edits are then left out too, and the choice made again).
std::vector<const CodeEdit*> kept_edits(const std::vector<CodeEdit>& edits, const std::vector<std::string>& lines) {
    std::set<int> dropped;
    for (int pass = 0; pass < 8; ++pass) {
        std::vector<const CodeEdit*> kept;
        std::set<int> partial;
        for (const auto& e : edits) {
            const CodeEdit* last = kept.empty() ? nullptr : kept.back();
            bool same = last && last->line == e.line && last->begin == e.begin && last->end == e.end && last->text == e.text;
            bool overlaps = last && last->line == e.line && (e.begin < last->end || e.begin == last->begin);
            bool fits = e.line >= 1 && e.line <= static_cast<int>(lines.size()) && e.end <= lines[e.line - 1].size();
            if (e.group != 0 && dropped.count(e.group)) {
                continue;
            }
            if (!same && !overlaps && fits) {
                kept.push_back(&e);
            } else if (!same && e.group != 0) {
                partial.insert(e.group);
            }
        }
        if (partial.empty()) {
            return kept;
        }
        dropped.insert(partial.begin(), partial.end());
    }
    return {};
}

}  // namespace

std::string apply_edits(const std::string& code, std::vector<CodeEdit> edits, int& applied,
                        std::vector<std::string>& sources) {
    std::stable_sort(edits.begin(), edits.end(), [](const CodeEdit& a, const CodeEdit& b) {
        return a.line != b.line ? a.line < b.line : a.begin != b.begin ? a.begin < b.begin : a.end < b.end;
    });
    std::vector<std::string> lines;
    for (auto l : split_lines(code)) {
        lines.emplace_back(l);
    }
    std::vector<const CodeEdit*> kept = kept_edits(edits, lines);
    for (auto it = kept.rbegin(); it != kept.rend(); ++it) {  // right to left: offsets stay valid
        const CodeEdit& e = **it;
        lines[e.line - 1].replace(e.begin, e.end - e.begin, e.text);
        if (std::find(sources.begin(), sources.end(), e.source) == sources.end()) {
            sources.push_back(e.source);
        }
    }
    applied = static_cast<int>(kept.size());
    std::string out;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        out += lines[i];
        if (i + 1 < lines.size() || (!code.empty() && code.back() == '\n')) {
            out += '\n';
        }
    }
    return out;
}

std::vector<CodeEdit> suggestion_edits(const std::vector<Diagnostic>& diagnostics, const WrappedSource& wrapped,
                                       const Snippet& s, const std::string& tier) {
    // Ownership and borrowing errors are what an example often shows on purpose (a move, then
    // a use): a `.clone()` or `move` would compile and change the lesson. Never a fix's source.
    static const std::set<std::string> lessons{"E0373", "E0382", "E0499", "E0502", "E0505",
                                               "E0506", "E0507", "E0597", "E0716"};
    std::vector<CodeEdit> out;
    for (const auto& d : diagnostics) {
        if ((d.level != "error" && !is_migration_lint(d.code)) || lessons.count(d.code)) {
            continue;
        }
        for (const auto& sug : d.suggestions) {
            if (sug.applicability != tier) {
                continue;
            }
            // rustc's less sure suggestions say so in the fix's sources.
            auto edits = edits_of(sug, wrapped, s, source_of(d) + (tier == "MachineApplicable" ? "" : " (maybe-incorrect)"));
            out.insert(out.end(), edits.begin(), edits.end());
            break;  // the first alternative is rustc's preferred one
        }
    }
    return out;
}

std::vector<CodeEdit> deprecation_edits(const std::vector<Diagnostic>& diagnostics, const WrappedSource& wrapped,
                                        const Snippet& s) {
    static const Regex names(R"(: (?:use|superseded by|replaced by|renamed to) `([A-Za-z_][A-Za-z0-9_]*)(?:\(\))?`)");
    static const Regex last_name(R"(([A-Za-z_][A-Za-z0-9_]*)$)");
    std::vector<CodeEdit> out;
    auto wrapped_lines = split_lines(wrapped.text);
    auto code_lines = split_lines(s.code);
    for (const auto& d : diagnostics) {
        RegexMatch m;
        if (d.code != "deprecated" || !d.suggestions.empty() || d.line != d.line_end || !names.search(d.message, m)) {
            continue;
        }
        int line = code_line_of(wrapped, wrapped_lines, code_lines, s, d.line);
        if (line == 0) {
            continue;
        }
        std::string_view text = code_lines[line - 1];
        std::size_t begin = byte_of_column(text, d.column_start);
        std::size_t end = byte_of_column(text, d.column_end);
        RegexMatch name;
        if (begin == std::string_view::npos || end == std::string_view::npos || end <= begin ||
            !last_name.search(text.substr(begin, end - begin), name)) {
            continue;
        }
        out.push_back({line, begin + name.position, end, m[1], "deprecated"});
    }
    return out;
}

std::vector<CodeEdit> knowledge_base_edits(const std::string& code) {
    std::vector<CodeEdit> out;
    auto lines = split_lines(code);
    for (const auto& rule : api_rules()) {
        if (rule.rewrites.empty() || !rule.compiled->search(code)) {
            continue;
        }
        for (const auto& w : rule.rewrites) {
            for (std::size_t i = 0; i < lines.size(); ++i) {
                for (const auto& m : w.find->find_all(lines[i])) {
                    out.push_back({static_cast<int>(i + 1), m.position, m.position + m[0].size(),
                                   expand_rewrite(w.replace, m), "kb:" + rule.id});
                }
            }
        }
    }
    return out;
}


}  // namespace snipcheck
