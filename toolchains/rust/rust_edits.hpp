#pragma once
// The edits a verified fix is made of: rustc's suggestions, deprecation notes that name a
// replacement and knowledge-base rewrites, as byte ranges of the snippet's own lines (never
// the wrapper's), and applying them without overlaps, a suggestion's edits all or none.
#include <string>
#include <vector>

#include "model/snippet.hpp"
#include "toolchains/rust/diagnostics.hpp"
#include "toolchains/rust/rust_source.hpp"

namespace snipcheck {

// One edit of a snippet's code: bytes [begin, end) of code line `line` (1-based) become `text`.
struct CodeEdit {
    int line = 0;
    std::size_t begin = 0;
    std::size_t end = 0;
    std::string text;
    std::string source;  // rustc:E0782, lint:bare_trait_objects, deprecated, kb:RULE
    int group = 0;       // edits of one suggestion share a group (0: alone): all or none apply
};

// The most edit-and-recheck rounds a fix takes.
inline constexpr int kMaxFixRounds = 4;

// Applies the edits that do not overlap an earlier one (in line and column order), a group's
// edits all or none; `applied` gets how many were, `sources` each applied edit's source once.
std::string apply_edits(const std::string& code, std::vector<CodeEdit> edits, int& applied,
                        std::vector<std::string>& sources);

// The first suggestion of applicability `tier` of each diagnostic that is an error, a
// deprecation or an edition lint, as edits of the snippet's code; suggestions with a span
// outside the snippet's own lines, over several lines, or inserting a line break are dropped.
std::vector<CodeEdit> suggestion_edits(const std::vector<Diagnostic>& diagnostics, const WrappedSource& wrapped,
                                       const Snippet& s, const std::string& tier);

// Deprecation warnings without a suggestion whose note names the replacement
// ("use of deprecated method `a::old`: use `new` instead"): the name in the span becomes it.
std::vector<CodeEdit> deprecation_edits(const std::vector<Diagnostic>& diagnostics, const WrappedSource& wrapped,
                                        const Snippet& s);

// Knowledge-base rules that match the code and state a rewrite, as edits.
std::vector<CodeEdit> knowledge_base_edits(const std::string& code);

// The lints `cargo fix --edition` and `cargo fix --edition-idioms` read, forced to warn on an
// edition the snippet compiles with; their suggestions are the migration's edits.
const std::vector<std::string>& migration_lints();

}  // namespace snipcheck
