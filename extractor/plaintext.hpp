#pragma once
// The code-region detector for plain-text scrapes whose fences (and often indentation) were
// lost: Markdown blocks a page showed as code (`# Heading` then list items) are found by their
// shape; the rest is segmented by the trained line model and its HMM (segment.hpp).
#include <string_view>
#include <vector>

#include "model/block.hpp"

namespace snipcheck {

// Finds the code regions of a plain-text article: blocks of origin Detected whose language
// (rust, toml, shell, markdown) is decided here, their code the lines without the `> ` quote
// markers and the indentation they share.
std::vector<Block> detect_regions(std::string_view text);

// The text's lines, without their newlines (a last line without one included).
std::vector<std::string_view> split_lines(std::string_view text);

// Detects the language of a block whose tag is missing (an untagged fence, a bare <pre>):
// rust, toml, shell, markdown, or text when no line reads as code.
std::string detect_language(std::string_view code);

}  // namespace snipcheck
