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
#include "toolchains/rust/rust_edits.hpp"

namespace snipcheck {

class RustChecker;

// The fix of an `outdated-api` or `error` snippet `r` is the result of, or nullopt when no
// candidate edit was found (or the snippet is neither).
std::optional<Fix> fix_rust(const RustChecker& rust, const Snippet& s, const std::string& context,
                            const CheckResult& r);

}  // namespace snipcheck
