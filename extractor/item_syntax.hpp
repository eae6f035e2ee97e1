#pragma once
// The little Rust syntax that region refinement needs, read line by line: how a line changes
// the bracket depth, and which item a top-level line defines.
#include <string>
#include <string_view>

namespace snipcheck {

// Net depth of (), [], {} on a line, strings and `//` comments left out.
int depth_change(std::string_view t);

// The name an item line at depth 0 defines (`fn main`, `struct P`, a whole `use` line), or "".
std::string defined_name(std::string_view t);

}  // namespace snipcheck
