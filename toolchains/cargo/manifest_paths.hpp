#pragma once
// The paths a Cargo manifest snippet names, kept inside the snippet's own folder: cargo is
// run on the manifest in the sandbox, and nothing a snippet says may be created, read or
// built outside its work directory.
#include <functional>
#include <string>
#include <vector>

#include <toml++/toml.h>

namespace snipcheck {

// True when a path stays inside the manifest's own folder: relative, and never climbing out
// once `.` and `..` are folded.
bool stays_inside(const std::string& path);

// Removes every path the manifest names that leaves the work directory (workspace members,
// `path =` dependencies and patches, build scripts, target paths); each removal is said in
// the returned list.
std::vector<std::string> confine_paths(toml::table& t);

}  // namespace snipcheck
