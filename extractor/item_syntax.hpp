#pragma once
// The little Rust syntax that region refinement needs, read line by line: how a line changes
// the bracket depth, and which item a top-level line defines.
#include <string>
#include <string_view>

namespace snipcheck {

// Net depth of (), [], {} on a line, strings and `//` comments left out.
int depth_change(std::string_view t);

// Whether a line ends by opening the body of a macro call (`view! {`, `html!(`, `json!({`): the
// lines up to its closing bracket are the macro's own syntax, not Rust's.
bool opens_macro_body(std::string_view t);

// The name an item line at depth 0 defines (`fn main`, `struct P`, a whole `use` line), or "".
std::string defined_name(std::string_view t);

}  // namespace snipcheck
