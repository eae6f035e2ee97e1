#pragma once
// rustc's JSON diagnostics (--error-format=json), read into what the classifier needs.
#include <functional>
#include <string>
#include <vector>

namespace snipcheck {

// One span of a rustc suggestion: replace columns [column_start, column_end) (1-based,
// in characters) of lines line_start..line_end of the compiled file by `replacement`.
struct SpanEdit {
    int line_start = 0;
    int column_start = 0;
    int line_end = 0;
    int column_end = 0;
    std::string replacement;
};

// One alternative a diagnostic's child offers: all its spans are applied together.
struct Suggestion {
    std::string applicability;  // MachineApplicable, MaybeIncorrect, HasPlaceholders, Unspecified
    std::string message;
    std::vector<SpanEdit> edits;
};

struct Diagnostic {
    std::string level;    // error, warning
    std::string code;     // E0658, or "" (parse errors have none); lint name for warnings
    std::string message;
    int line = 0;         // primary span line in the compiled file, 0 when none
    std::vector<std::string> notes;  // children's messages (help, note)
    std::string rendered;  // rustc's `rendered` text: excerpt, notes and help, as a terminal shows it
    int column_start = 0;  // primary span, 1-based characters (0 when none)
    int line_end = 0;
    int column_end = 0;
    std::vector<Suggestion> suggestions;  // children's suggested replacements, rustc's order
};

// Parses rustc's stderr (one JSON object per line); non-JSON lines are ignored.
std::vector<Diagnostic> parse_rustc_diagnostics(const std::string& stderr_text);

// rustc's rendered text with the compiled file's line numbers (the `-->` location and the
// gutter) replaced by `map_line`'s article lines, the gutter re-aligned; lines that map to 0
// (the wrapper's own) keep an empty gutter. Cut at a character boundary to `max_bytes`.
std::string rendered_for_article(const std::string& rendered, const std::function<int(int)>& map_line,
                                 std::size_t max_bytes);

// Feature gates rustc asks for: `add #![feature(NAME)]` in help notes.
std::vector<std::string> requested_feature_gates(const std::vector<Diagnostic>& diags);

// The name in backticks of messages like "cannot find type `Foo` in this scope".
std::string backticked_name(const std::string& message);

// Where rustc looked for a name it cannot find: `tokio` in "cannot find function `run` in
// crate `tokio`" or "cannot find `blocking` in `reqwest`"; "" for "in this scope".
std::string looked_up_in(const std::string& message);

// The crate feature rustc's notes say an item is gated behind ("the item is gated behind the
// `blocking` feature"), "?" when they say only that it was configured out, or "".
std::string gating_feature(const Diagnostic& d);

}  // namespace snipcheck
