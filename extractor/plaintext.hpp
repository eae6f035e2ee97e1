#pragma once
// The code-region detector for plain-text scrapes whose fences (and often indentation) were
// lost: lines are classified as code or prose, a region is a maximal run of code lines that
// prose ends, and each region's language is the vote of its lines.
#include <string_view>
#include <vector>

#include "model/snippet.hpp"

namespace snipcheck {

struct Region {
    int start_line = 0;  // 1-based, inclusive
    int end_line = 0;
    std::string language;  // rust, toml, shell, markdown
};

// Finds the code regions of a plain-text article.
std::vector<Region> detect_regions(std::string_view text);

// The text's lines, without their newlines (a last line without one included).
std::vector<std::string_view> split_lines(std::string_view text);

// Detects the language of a block whose tag is missing (an untagged fence, a bare <pre>):
// rust, toml, shell, markdown, or text when nothing votes.
std::string detect_language(std::string_view code);

}  // namespace snipcheck
