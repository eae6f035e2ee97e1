#pragma once
// Articles in, snippets out: the one entry point of the extractor library.
#include <string>
#include <vector>

#include "extractor/article.hpp"
#include "extractor/walk.hpp"
#include "model/error.hpp"
#include "model/snippet.hpp"

namespace snipcheck {

struct Extraction {
    std::vector<Snippet> snippets;
    std::vector<std::string> warnings;  // "path:line: message", for stderr
};

// Extracts every snippet of one article.
Extraction extract_article(const Article& article);

// Reads and extracts every article under the given files and directories (walk.hpp says
// which files), mdBook chapters with their directives expanded.
Expected<Extraction> extract_paths(const std::vector<std::string>& paths, const WalkOptions& options = {});

// A snippet's id: its article's path as shown (relative to where the run started, as given on
// the command line) and its first line, e.g. `posts/a/index.md:12`; what `check` prints.
std::string snippet_id(const std::string& article_path, int start_line);

}  // namespace snipcheck
