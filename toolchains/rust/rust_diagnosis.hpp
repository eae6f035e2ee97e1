#pragma once
// How the Rust adapter reads a failure: which diagnostics are parse errors, feature gates or
// edition-sensitive, which names are crates (well-known, or named by their attributes), and
// which undefined names a missing crate explains. Rules only; rust_checker.cpp runs the ladder.
#include <map>
#include <set>
#include <string>
#include <vector>

#include "toolchains/rust/diagnostics.hpp"

namespace snipcheck {

// Crates articles name only in expressions (`sqlx::query!`): such a root is a crate; any other
// lower-case root that no `use` names is an undefined module.
const std::set<std::string>& well_known_crates();

// tauri_plugin_shell, embassy_net: a crate named after a well-known one.
bool extends_known_crate(const std::string& root);

// Attribute macros of well-known crates: `#[server]` without `use leptos` still means Leptos.
const std::map<std::string, std::string>& attribute_crates();

// Errors of rustc's parser: they carry no error code and say what token was expected.
bool is_parse_error(const Diagnostic& d);

// rustc says what it rejects was removed from the language or library (E0557, "has been removed").
bool says_removed(const Diagnostic& d);

// The error of a listing cut from its surroundings: a free `fn` without a body, a `self`
// method outside its impl, `mod name;` whose file the article does not show.
bool cuts_a_listing(const Diagnostic& d);

// Unstable syntax or library features: E0658, and E0562 (`impl Trait` where only nightly allows it).
bool is_gate_error(const Diagnostic& d);

// Whether an older edition could accept what the newest rejected (see the .cpp for the list).
bool edition_may_matter(const std::vector<Diagnostic>& diags, const std::string& code);

// Whether `context` defines one of `names` (an item, or a `use` that brings it in).
bool context_defines(const std::string& context, const std::set<std::string>& names);

// Error codes of names that cannot be resolved (E0412, E0425, E0433, ...).
const std::set<std::string>& undefined_codes();

// rustc suggests importing the name from std or core: a genuine error, not a fragment.
bool suggests_std_import(const Diagnostic& d);

// Names a `use` of a missing crate brings in; a glob import of one sets `glob`.
std::set<std::string> names_from_missing(const std::string& stripped, const std::set<std::string>& missing, bool& glob);

}  // namespace snipcheck
