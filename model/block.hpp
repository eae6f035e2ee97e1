#pragma once
// A code block as an extraction front end found it (a Markdown fence or indented block, an
// HTML <pre>, a region the plain-text detector found, an mdBook chapter's block), before it is
// turned into a Snippet: where it is, its text and what the article says about it. Every front
// end returns Blocks; extractor/extract.cpp makes one Snippet of each Block.
#include <string>
#include <vector>

#include "model/snippet.hpp"

namespace snipcheck {

struct Block {
    int start_line = 0;  // first content line, 1-based
    int end_line = 0;    // last content line, inclusive
    std::string code;    // the content, one line per article line (mdBook includes: see `included`)
    Origin origin = Origin::Fenced;
    std::string info;      // the fence's info string or the HTML class, as written ("" for none)
    std::string language;  // a language the front end decided (the scrape detector's), else ""
    std::string expectation;  // from a preceding `<!-- snipcheck: expect X -->`, if any
    std::vector<IncludedLines> included;  // mdBook: the runs of `code` its directives brought in
    // A scrape's region: lines at each edge the model alone is not sure are code (Segment's).
    int unsure_head = 0;
    int unsure_tail = 0;
};

// Something worth telling the author that does not stop extraction (an unterminated fence).
struct BlockWarning {
    int line = 0;
    std::string message;
};

// What a front end found in one article.
struct Blocks {
    std::vector<Block> blocks;
    std::vector<BlockWarning> warnings;
};

}  // namespace snipcheck
