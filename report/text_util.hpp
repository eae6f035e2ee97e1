#pragma once
// Small helpers every report format shares: the one-line reason of a verdict, the first
// diagnostic, and escaping for XML.
#include <string>

#include "model/snippet.hpp"

namespace snipcheck {

// "outdated-api (edition)" style label.
std::string verdict_label(const CheckResult& r);

// The finding that explains the verdict, or the verdict's description.
std::string verdict_reason(const CheckResult& r);

// The first error (or warning) diagnostic, "LINE: [CODE] message", or "".
std::string first_diagnostic(const Snippet& s, const CheckResult& r);

// The reason, then the first diagnostic on its own line: the text of an annotation or result.
std::string reason_with_diagnostic(const Snippet& s, const CheckResult& r);

// The fix of a snippet in one line: "fix verified: 2 edits (rustc:E0782)", "no verified fix
// (1 edit tried)", or "" when it has none.
std::string fix_note(const CheckResult& r);

// Text for XML 1.0 attributes and content: markup escaped, characters XML forbids (controls,
// U+FFFE, U+FFFF) replaced by a space, bytes that are not UTF-8 by U+FFFD.
std::string xml_escape(const std::string& s);

// Text for a terminal or a CI log: control characters that would move the cursor, retitle
// the window or hide earlier lines (ESC, CR, BEL, backspace, C1 controls) are shown in caret
// notation (`^[`) instead, and a line break becomes a space; tabs stay.
std::string terminal_safe(const std::string& s);

// `s` cut to at most `max_bytes` (with `ellipsis`) at a character boundary.
std::string cut_at_char(const std::string& s, std::size_t max_bytes, const std::string& ellipsis = "...");

}  // namespace snipcheck
