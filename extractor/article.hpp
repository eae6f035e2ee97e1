#pragma once
// Reading an article from disk: size, binary and UTF-8 checks, CRLF normalisation, and the
// choice of front end (Markdown, HTML or the plain-text detector).
#include <string>
#include <string_view>
#include <vector>

#include "model/error.hpp"

namespace snipcheck {

enum class ArticleFormat { Markdown, Html, PlainText };

// Where a line of an article's text came from, when a preprocessor (mdBook's directives)
// changed the text: the article's own line, or a line of an included file.
struct LineOrigin {
    int article_line = 0;  // the line in the article as written (the directive's line)
    std::string file;      // the included file as shown, empty for the article's own lines
    int file_line = 0;
};

struct Article {
    std::string path;
    std::string text;  // UTF-8, LF line endings, no BOM
    ArticleFormat format = ArticleFormat::PlainText;
    // Set for an mdBook chapter: its text is the expanded one and origins[i] tells where
    // line i + 1 came from. Empty for every other article: line i + 1 is line i + 1.
    std::vector<LineOrigin> origins;
    std::string default_edition;  // the book's [rust] edition for blocks that state none
};

// Returns the 1-based line of the first ill-formed UTF-8 sequence (overlong, surrogate, above
// U+10FFFF, truncated, stray continuation byte), or 0 when the whole text is well-formed.
int first_invalid_utf8_line(std::string_view text);

// The text with each ill-formed byte replaced by U+FFFD, as a browser shows it. Articles are
// validated on reading, but a parser can still decode something ill-formed from valid text:
// gumbo turns `&#x1100099999999;` (a numeric reference past U+10FFFF) into bytes that are not
// UTF-8, which nlohmann::json then refuses to write.
std::string valid_utf8(std::string_view text);

// A file path as reports, ids and messages show it: always valid UTF-8 on one line. Bytes that
// are not well-formed UTF-8, control characters and the backslash itself become `\xHH`, so
// the escaping is unambiguous and the same file always gets the same name.
std::string display_path(std::string_view raw);

// Articles larger than this are refused with a clear error rather than processed slowly.
inline constexpr std::size_t kMaxArticleBytes = 16u * 1024u * 1024u;

// Reads and validates one article; the format comes from the extension, and a .txt file that
// is really Markdown (front matter or code fences) is read as Markdown.
Expected<Article> read_article(const std::string& path);

// Parses already-loaded text the same way (used by tests and by read_article).
Expected<Article> make_article(std::string path, std::string bytes);

// The paths collect_sources (walk.hpp) finds with no excludes and no git: the files to read.
Expected<std::vector<std::string>> collect_articles(const std::vector<std::string>& paths,
                                                    std::vector<std::string>* warnings = nullptr);

// The article's file name without directories and extension: the id prefix of snippets
// before ids took the article's path (read only to recognise reports of that form).
std::string article_stem(const std::string& path);

}  // namespace snipcheck
