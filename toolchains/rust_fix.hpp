#pragma once
// Verified fixes (issue 16): candidate edits for an outdated or failing Rust snippet —
// rustc's suggestions (MachineApplicable, then MaybeIncorrect), the edition-migration lints
// run on an edition the snippet compiles with, deprecation notes that name a replacement,
// and knowledge-base rewrites — applied and re-checked with the reference toolchain for a
// bounded number of rounds. A fix is verified only when the edited snippet compiles.
//
// Edits are made on the snippet's own lines only: a span on a line the wrapper added
// (fn main, `#![allow(unused)]`, context from earlier blocks) or on a line whose text the
// compiler saw differently is never a candidate, so wrapping cannot leak into a fix. A
// rustdoc hidden line is edited as the compiler saw it; check/fix.cpp keeps its `# ` marker.
#include <optional>
#include <string>
#include <vector>

#include "model/snippet.hpp"
#include "toolchains/diagnostics.hpp"
#include "toolchains/rust_source.hpp"

namespace snipcheck {

class RustChecker;

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

// The fix of an `outdated-api` or `error` snippet `r` is the result of, or nullopt when no
// candidate edit was found (or the snippet is neither).
std::optional<Fix> fix_rust(const RustChecker& rust, const Snippet& s, const std::string& context,
                            const CheckResult& r);

}  // namespace snipcheck
