#pragma once
// HTML articles through gumbo: <pre> and <pre><code class="language-…"> blocks, entities
// decoded, lines counted in the HTML file.
#include <string_view>
#include <vector>

#include "extractor/markdown.hpp"

namespace snipcheck {

std::vector<RawBlock> parse_html_blocks(std::string_view html);

}  // namespace snipcheck
