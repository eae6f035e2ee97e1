#pragma once
// Markdown articles through cmark-gfm: fenced and indented code blocks, wherever they sit
// (lists, block quotes), with their info strings and exact article lines.
#include <string_view>

#include "model/block.hpp"

namespace snipcheck {

// The article's code blocks (origin Fenced or Indented, info as written) and warnings.
Blocks parse_markdown_blocks(std::string_view text);

}  // namespace snipcheck
