#pragma once
// The little Rust syntax that region refinement needs, read line by line: how a line changes
// the bracket depth, and which item a top-level line defines.
#include <string>
#include <string_view>
#include <vector>

namespace snipcheck {

// Net depth of (), [], {} on a line, strings and `//` comments left out.
int depth_change(std::string_view t);

// depth_change of each line, a string literal read across lines: a line that leaves a string
// open, followed by a line that on its own leaves one open too, is one string the dump wrapped
// (or the listing spans) over the two lines, and the second line's brackets count only after
// the quote that closes it. Blank lines are empty and change nothing.
std::vector<int> depth_changes(const std::vector<std::string_view>& lines);

// Rust's strict and reserved keywords (`where`, `let`, `match`, `dyn`, ...).
bool rust_keyword(std::string_view w);

// Whether a line ends by opening the body of a macro call (`view! {`, `html!(`, `json!({`): the
// lines up to its closing bracket are the macro's own syntax, not Rust's.
bool opens_macro_body(std::string_view t);

// A line that heads the item below it: a comment or an attribute (`// ...`, `#[derive(Debug)]`,
// `#![cfg(test)]`).
bool heads_item(std::string_view t);

// The name an item line at depth 0 defines (`fn main`, `struct P`, a whole `use` line), or "";
// rustdoc's hidden lines too (`# fn main() {}` closes many listings: two of them in a row are
// two listings).
std::string defined_name(std::string_view t);

}  // namespace snipcheck
