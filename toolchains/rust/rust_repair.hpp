#pragma once
// Repairs for snippets rustc's parser rejects. Articles cut listings: placeholders (`...`,
// `…`, `/* ... */` bodies), a listing that stops after a signature or leaves braces open or
// extra, a continuation line that starts with `.method()`. A repair that makes the text parse
// shows the snippet is a fragment (incomplete), not invented syntax; the repaired text is then
// type-checked to find what else is wrong. Pure text functions: the ladder runs the compiler.
#include <string>
#include <vector>

namespace snipcheck {

struct Repair {
    std::string text;
    std::vector<std::string> what;  // each repair made, for the evidence; empty: none applied
};

// Typographic quotes and dashes (‘ ’ “ ” – —) outside comments turned into ASCII ones.
Repair ascii_typography(const std::string& code);

// Placeholders replaced by stand-ins for their position, a receiver for a leading `.method()`
// line, and delimiters balanced (closers appended, unmatched ones dropped).
// With `two_dots`, a `..` standing alone between delimiters (`Vec<..>`, `f(..)`) counts as a
// placeholder too (it is valid Rust in patterns and ranges, so it is the second try).
Repair repair_fragment(const std::string& code, bool two_dots = false);

// What to append to a listing cut right after a signature (`fn f() -> T`, `impl X for Y`).
const std::vector<std::string>& cut_endings();

}  // namespace snipcheck
