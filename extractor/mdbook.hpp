#pragma once
// mdBook books: `book.toml` (its `src` folder and `[rust] edition`), the chapters `SUMMARY.md`
// lists, and the preprocessor directives mdBook expands before it renders a chapter
// ({{#include}}, {{#rustdoc_include}}, {{#playground}}), with a map from every expanded line
// back to the chapter line and the included file's line; a chapter's code blocks on its own lines.
#include <string>
#include <string_view>
#include <vector>

#include "extractor/article.hpp"
#include "model/block.hpp"
#include "model/error.hpp"

namespace snipcheck {

struct Book {
    std::string root;                   // the folder holding book.toml, as the walk shows it
    std::string src;                    // root/src, or root/[book] src
    std::string edition;                // [rust] edition ("2024"), or "" when book.toml names none
    std::vector<std::string> chapters;  // SUMMARY.md order, paths as shown (root/src/x.md)
};

// True when `dir` holds a book.toml.
bool is_book(const std::string& dir);

// Reads a book's configuration and chapter list. Chapters are the Markdown files SUMMARY.md
// links to, in its order (draft chapters with an empty link are left out); without a
// SUMMARY.md, every Markdown file under src, sorted. A chapter listed twice is read once.
Expected<Book> read_book(const std::string& dir);

// One directive's argument, as mdBook reads `FILE`, `FILE:ANCHOR`, `FILE:N`, `FILE:N:M`,
// `FILE:N:`, `FILE::M` (1-based, inclusive).
struct IncludeTarget {
    std::string file;
    std::string anchor;  // empty for line ranges
    int first = 1;       // first line
    int last = 0;        // last line, 0 for "to the end"
};
IncludeTarget parse_include_target(std::string_view argument);

// The lines of `text` an include selects, as mdBook's `include` takes them: a range by
// number, or the lines between `ANCHOR: name` and `ANCHOR_END: name` (nested anchor marker
// lines dropped). `hide_outside` is rustdoc_include: every line is kept, those outside the
// range or anchor prefixed with `# ` (rustdoc's hidden lines), marker lines dropped. Each
// entry is (1-based line in `text`, line). `found` is false when the anchor is missing.
struct Selected {
    std::vector<std::pair<int, std::string>> lines;
    bool found = true;
};
Selected select_lines(std::string_view text, const IncludeTarget& target, bool hide_outside);

// A chapter with its directives expanded. `origins[i]` tells where expanded line i + 1 came
// from. Included files are read only when they resolve (symbolic links followed) to a file
// under `allowed_root`; any other directive is left as written, with a warning.
struct Expansion {
    std::string text;
    std::vector<LineOrigin> origins;
    std::vector<std::pair<int, std::string>> warnings;  // chapter line, message
};
Expansion expand_directives(std::string_view chapter, const std::string& chapter_path,
                            const std::string& allowed_root);

// An expanded chapter's code blocks (`text` as expand_directives made it, `origins` its map):
// the Markdown blocks found in it, put back on the chapter's own lines. A block's first and
// last lines, and a warning's line, are the chapter's (a directive's line for included code);
// the runs of included lines are recorded in the block's `included`, so that diagnostics can
// name both places.
Blocks parse_chapter_blocks(std::string_view text, const std::vector<LineOrigin>& origins);

}  // namespace snipcheck
