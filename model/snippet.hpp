#pragma once
// The one data model every stage passes on: a Snippet (what extraction found, where) and the
// CheckResult a classifier attaches to it (verdict plus the evidence behind it).
#include <cstdint>
#include <optional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "model/verdict.hpp"

namespace snipcheck {

// How a snippet was found in its article (SPEC section 2).
enum class Origin { Fenced, Indented, Detected, Html };

std::string_view to_string(Origin o);

// One code region of an article. `code` is the text the tools see: one line per article line
// from start_line on (rustdoc hidden lines included, console output lines blanked), so a
// diagnostic on line N of `code` is article line start_line + N - 1.
// A run of a snippet's lines that an mdBook directive brought in from another file: code lines
// code_line..code_line+lines-1 are lines file_line.. of `file`, included by the directive on
// article line `article_line`. Diagnostics on them point at both places.
struct IncludedLines {
    int code_line = 0;  // 1-based line of the snippet's code
    int lines = 0;
    int article_line = 0;  // the directive's line in the chapter
    std::string file;      // the included file, as the article path is shown
    int file_line = 0;     // 1-based line in `file` of code_line
};

struct Snippet {
    std::string id;       // ARTICLE:START_LINE, the article path as shown (relative to the run)
    std::string article;  // path as given on the command line (or found under a directory)
    int start_line = 0;   // first content line, 1-based, inclusive
    int end_line = 0;     // last content line, inclusive
    std::string language;  // rust, toml, shell, markdown, text, or the info string's tag
    Origin origin = Origin::Fenced;
    std::string info;                     // the fence's info string or the HTML class
    std::vector<std::string> attributes;  // rustdoc attributes: ignore, no_run, edition2021, ...
    std::string code;
    std::string sha256;  // of `code`
    std::string expectation;  // the author's `<!-- snipcheck: expect X -->` before the block
    // mdBook: the lines of `code` that directives included from other files (empty otherwise).
    // Then `code` has more lines than the article block, and line N of `code` is not article
    // line start_line + N - 1: `origin_of` tells where it came from.
    std::vector<IncludedLines> included;
    // A region found in a scrape: how many lines at its start and end the line model alone is
    // not sure are code; the detector took them for code from their neighbours. A checker whose
    // tool rejects one of them may check the region without them. 0 for blocks an article marks.
    int unsure_head = 0;
    int unsure_tail = 0;

    bool has_attribute(std::string_view name) const;
};

// One diagnostic or check result that supports a verdict; lines are article lines.
struct Evidence {
    std::string toolchain;  // "stable", "nightly", "bash", "shellcheck", "cargo", "kb"
    std::string edition;
    std::string command;
    std::string code;  // E0658, SC2164, ...
    std::string level;  // error, warning, note, pass
    std::string message;
    int line = 0;
    // rustc's own rendering of the diagnostic (source excerpt, notes, `help:` lines), its line
    // numbers mapped to article lines; "" for tools that have none. Capped (kMaxRendered).
    std::string rendered;
    // Set when `line` is an mdBook directive's line: the included file and its line.
    std::string source_file;
    int source_line = 0;
};

// The most of an evidence's rendered text a report keeps (rustc can print pages of notes).
inline constexpr std::size_t kMaxRendered = 8 * 1024;

// A secondary finding: another verdict that also applies, with its reason.
struct Finding {
    Verdict verdict = Verdict::Error;
    std::string subkind;
    std::string message;
};

// A verified fix (issue 16): candidate edits applied and re-checked with the reference
// toolchain. `code` is the snippet's code after the edits (same lines, same hidden lines);
// `diff` a unified diff against the article (or the mdBook-included file), made from it.
struct Fix {
    bool verified = false;  // the edited snippet reached `outcome` on the reference toolchain
    int rounds = 0;         // edit-and-recheck rounds taken
    int edits = 0;          // edits applied in all
    std::string outcome;    // "compiles", or "incomplete" for a fragment left with fewer errors
    int errors_before = 0;  // for an "incomplete" outcome: rustc's errors before and after
    int errors_after = 0;
    std::vector<std::string> sources;  // where the edits came from: rustc:E0782, lint:..., deprecated, kb:ID
    std::string code;
    std::string diff;
};

nlohmann::json to_json(const Fix& f);
Fix fix_from_json(const nlohmann::json& j);

// What a classifier concluded about one snippet.
struct CheckResult {
    Verdict verdict = Verdict::HarnessError;
    std::string subkind;
    std::vector<std::string> feature_gates;
    std::vector<std::string> missing_crates;
    std::vector<std::string> undefined;
    std::vector<std::string> editions_passing;
    std::vector<Finding> findings;
    std::vector<Evidence> evidence;
    std::string wrapped_source;  // the file the compiler saw, for `explain`
    std::vector<std::string> commands;
    bool cached = false;
    std::int64_t duration_ms = 0;
    std::optional<Fix> fix;  // for outdated-api and error snippets with candidate edits
};

// Where line `code_line` (1-based) of an included snippet's code comes from: the included
// run that holds it, or nullptr when it is the article's own line.
const IncludedLines* included_run(const Snippet& s, int code_line);

// Points every evidence line of `r` that falls in included code at the directive's article
// line and at the included file's line (source_file, source_line). The toolchains count
// lines as start_line + N - 1, which for included code is not an article line.
void locate_included_lines(const Snippet& s, CheckResult& r);

// Sets r.verdict and r.subkind from the strongest of r.findings (SPEC priority), or to
// `compiles` when there are none.
void decide_by_priority(CheckResult& r);

nlohmann::json to_json(const Snippet& s);
nlohmann::json to_json(const Evidence& e);
nlohmann::json to_json(const Finding& f);
// The snippet's fields followed by its result's, as one report entry (SPEC section 6).
nlohmann::json to_json(const Snippet& s, const CheckResult& r);

Snippet snippet_from_json(const nlohmann::json& j);
CheckResult result_from_json(const nlohmann::json& j);

// What is wrong with a snippet record read back (a report's snippet, a cache entry's
// result) against the schema: "" when every field present has its type and the verdict
// is one snipcheck knows. Records that fail are never read (a cache miss, a report error).
std::string record_problem(const nlohmann::json& j);

}  // namespace snipcheck
