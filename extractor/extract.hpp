#pragma once
// Articles in, snippets out: the one entry point of the extractor library.
#include <string>
#include <vector>

#include "extractor/article.hpp"
#include "model/error.hpp"
#include "model/snippet.hpp"

namespace snipcheck {

struct Extraction {
    std::vector<Snippet> snippets;
    std::vector<std::string> warnings;  // "path:line: message", for stderr
};

// Extracts every snippet of one article.
Extraction extract_article(const Article& article);

// Reads and extracts every article under the given files and directories.
Expected<Extraction> extract_paths(const std::vector<std::string>& paths);

}  // namespace snipcheck
