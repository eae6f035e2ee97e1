#pragma once
// Markdown articles through cmark-gfm: fenced and indented code blocks, wherever they sit
// (lists, block quotes), with their info strings and exact article lines.
#include <string>
#include <string_view>
#include <vector>

namespace snipcheck {

// A code block as the Markdown parser saw it, before languages and attributes are applied.
struct RawBlock {
    int start_line = 0;  // first content line
    int end_line = 0;    // last content line
    std::string info;
    std::string code;    // content, one line per article line
    bool fenced = true;
    std::string expectation;  // from a preceding `<!-- snipcheck: expect X -->`, if any
};

// Something worth telling the author that does not stop extraction (an unterminated fence).
struct MarkdownWarning {
    int line = 0;
    std::string message;
};

struct MarkdownBlocks {
    std::vector<RawBlock> blocks;
    std::vector<MarkdownWarning> warnings;
};

MarkdownBlocks parse_markdown_blocks(std::string_view text);

}  // namespace snipcheck
