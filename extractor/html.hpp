#pragma once
// HTML articles through gumbo: <pre> and <pre><code class="language-…"> blocks, entities
// decoded, lines counted in the HTML file.
#include <string_view>

#include "model/block.hpp"

namespace snipcheck {

// Pages nested deeper than this are not handed to gumbo: it frees its tree recursively (a
// stack overflow a few hundred thousand elements deep) and checks scopes in time
// proportional to the depth for every tag. Real pages stay under a few hundred.
inline constexpr int kMaxHtmlDepth = 5000;

// The page's <pre> blocks (origin Html, info the language class), and a warning for a page
// too deeply nested to parse.
Blocks parse_html_blocks(std::string_view html);

// An upper bound on how deeply the page's elements nest, found by a linear scan of its tags
// (void and optional-end elements, comments and raw text such as <script> do not nest; an
// end tag closes up to its start tag, a stray one nothing). Stops counting past `limit`.
int html_nesting_bound(std::string_view html, int limit);

}  // namespace snipcheck
