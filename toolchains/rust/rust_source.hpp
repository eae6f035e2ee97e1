#pragma once
// Rust snippets as rustdoc sees them: wrapped into a crate (fn main added when absent, crate
// attributes and extern crates hoisted, #![allow(unused)]), with a map from every line of the
// wrapped file back to an article line, and the crates and placeholders the snippet uses.
#include <set>
#include <string>
#include <vector>

#include "model/snippet.hpp"

namespace snipcheck {

struct WrappedSource {
    std::string text;
    std::vector<int> article_line;  // per line of `text` (index 0 = line 1); 0 for added lines
    std::string crate_type;         // "bin" or "lib"
    bool wrapped_in_main = false;

    // The article line of wrapped line `line` (1-based), or 0 when the line was added.
    int map_line(int line) const;
};

// Wraps a snippet's code; `context` is earlier snippets' items (may be empty), `externs` the
// crates to declare with `extern crate` (needed by edition 2015).
WrappedSource wrap_rust(const Snippet& snippet, const std::string& context,
                        const std::vector<std::string>& externs = {});

// The gates a snippet enables itself: the names in its `#![feature(a, b)]` attributes.
std::vector<std::string> declared_features(const std::string& code);

// The code with comments and string/char literals blanked (same length and lines).
std::string strip_comments_and_strings(const std::string& code);

// Root path segments that name crates: `use X::`, `extern crate X`, `X::item`, `#[X::attr]`
// (std, core, alloc, self, super, crate and modules the snippet declares excluded).
// `declared_in_use` gets the roots that appear in `use`/`extern crate` lines.
std::set<std::string> path_roots(const std::string& code, std::set<std::string>* declared_in_use = nullptr);

// Placeholders that mark a fragment: `...` as code, `todo!()`/`unimplemented!()`, bodies that
// are only a comment such as `// ...` or `// Implementation`. One description each.
std::vector<std::string> find_placeholders(const std::string& code);

// Items (structs, enums, traits, fns, uses, impls, type aliases) of a snippet, kept as context
// for later snippets of the same article; fn main and statements are left out.
std::string items_of(const std::string& code);

}  // namespace snipcheck
