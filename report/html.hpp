#pragma once
// The HTML report: one self-contained page per run (no network, no external assets, a
// Content-Security-Policy that forbids both). Each article with its code blocks in place
// (article line numbers), each block's verdict, subkind and evidence, rustc's rendered
// diagnostics under the line they point at, a filter by verdict (`?filter=VERDICT` or
// `?filter=fails`), and a chart of verdicts per article. Everything from the run is escaped.
#include <string>

#include "model/run.hpp"

namespace snipcheck {

std::string html_report(const CheckRun& run);

// Terminal text with ANSI SGR escapes (bold, the 16 colours) as HTML spans; every other
// escape sequence is dropped and the text is escaped. Plain text passes through escaped.
std::string ansi_to_html(const std::string& text);

}  // namespace snipcheck
