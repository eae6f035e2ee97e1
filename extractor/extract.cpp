// Articles in, snippets out: each article's blocks from the front end its format calls for
// (Markdown, an mdBook chapter, HTML, the plain-text detector), every block made a snippet the
// same way (languages, rustdoc attributes, hidden lines, console commands, the book's edition).
#include "extractor/extract.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <iterator>
#include <string_view>

#include "extractor/html.hpp"
#include "extractor/info_string.hpp"
#include "extractor/mdbook.hpp"
#include "extractor/markdown.hpp"
#include "extractor/plaintext.hpp"
#include "extractor/sha256.hpp"
#include "extractor/walk.hpp"

namespace snipcheck {

namespace {

std::vector<std::string> split(const std::string& code) {
    std::vector<std::string> lines;
    std::size_t start = 0;
    while (true) {
        std::size_t nl = code.find('\n', start);
        lines.push_back(code.substr(start, nl == std::string::npos ? std::string::npos : nl - start));
        if (nl == std::string::npos) {
            break;
        }
        start = nl + 1;
    }
    return lines;
}

std::string join(const std::vector<std::string>& lines) {
    std::string out;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        out += lines[i];
        if (i + 1 < lines.size()) {
            out += '\n';
        }
    }
    return out;
}

// rustdoc's hidden lines: `# code` is compiled but not shown; `##` escapes a literal `#`.
std::string unhide_rust_lines(const std::string& code) {
    auto lines = split(code);
    for (auto& line : lines) {
        std::size_t indent = line.find_first_not_of(" \t");
        if (indent == std::string::npos) {
            continue;
        }
        std::string_view rest = std::string_view(line).substr(indent);
        if (rest == "#") {
            line.clear();
        } else if (rest.starts_with("# ")) {
            line = line.substr(0, indent) + std::string(rest.substr(2));
        } else if (rest.starts_with("##")) {
            line = line.substr(0, indent) + std::string(rest.substr(1));
        }
    }
    return join(lines);
}

// A console session keeps only its commands (`$ ` lines); output lines become blank so that
// line N of the snippet is still article line start + N - 1.
std::string console_commands(const std::string& code) {
    auto lines = split(code);
    for (auto& line : lines) {
        std::size_t indent = line.find_first_not_of(" \t");
        if (indent != std::string::npos && line.compare(indent, 2, "$ ") == 0) {
            line = line.substr(indent + 2);
        } else {
            line.clear();  // output, or a bare `$`
        }
    }
    return join(lines);
}

// rustdoc's attributes and language from a block's info string; a language the front end
// decided (a scrape's detector) stands as it is.
InfoString info_of(const Block& b) {
    if (!b.language.empty()) {
        return {b.language, "", {}};
    }
    return parse_info_string(b.info);
}

// The one way a block becomes a snippet, whichever front end found it.
Snippet to_snippet(const Article& article, const Block& block) {
    // What a front end decoded (HTML entities) must still be UTF-8 before it reaches a report.
    Block decoded;
    const bool ill_formed = first_invalid_utf8_line(block.code) != 0 || first_invalid_utf8_line(block.info) != 0;
    if (ill_formed) {
        decoded = block;
        decoded.code = valid_utf8(block.code);
        decoded.info = valid_utf8(block.info);
    }
    const Block& b = ill_formed ? decoded : block;
    Snippet s;
    s.article = article.path;
    s.start_line = b.start_line;
    s.end_line = b.end_line;
    s.origin = b.origin;
    s.unsure_head = b.unsure_head;
    s.unsure_tail = b.unsure_tail;
    s.info = b.info;
    InfoString info = info_of(b);
    s.attributes = info.attributes;
    s.language = info.language.empty() ? detect_language(b.code) : info.language;
    if (s.language == "rust") {
        s.code = unhide_rust_lines(b.code);
    } else if (info.dialect == "console" || info.dialect == "shell-session" || info.dialect == "shellsession") {
        s.code = console_commands(b.code);
    } else {
        s.code = b.code;
    }
    if (s.language == "rust" && !article.default_edition.empty() &&
        std::none_of(s.attributes.begin(), s.attributes.end(), [](const std::string& a) {
            return a.starts_with("edition") && a.size() == 11;
        })) {
        s.attributes.push_back("edition" + article.default_edition);  // the book's [rust] edition
    }
    s.sha256 = sha256_hex(s.code);
    s.id = snippet_id(s.article, s.start_line);
    s.expectation = block.expectation;
    s.included = block.included;
    return s;
}

// The blocks of an article, from the front end its format (and an mdBook's expansion) calls for.
Blocks blocks_of(const Article& article) {
    switch (article.format) {
        case ArticleFormat::Markdown:
            return article.origins.empty() ? parse_markdown_blocks(article.text)
                                           : parse_chapter_blocks(article.text, article.origins);
        case ArticleFormat::Html:
            return parse_html_blocks(article.text);
        case ArticleFormat::PlainText:
            return {detect_regions(article.text), {}};
    }
    return {};
}

}  // namespace

std::string snippet_id(const std::string& article_path, int start_line) {
    return fmt::format("{}:{}", article_path, start_line);
}

Extraction extract_article(const Article& article) {
    Extraction out;
    Blocks found = blocks_of(article);
    for (const BlockWarning& w : found.warnings) {
        out.warnings.push_back(fmt::format("{}:{}: {}", article.path, w.line, w.message));
    }
    out.snippets.reserve(found.blocks.size());
    for (const Block& b : found.blocks) {
        out.snippets.push_back(to_snippet(article, b));
    }
    return out;
}

Expected<Extraction> extract_paths(const std::vector<std::string>& paths, const WalkOptions& options) {
    Extraction all;
    auto files = collect_sources(paths, options, &all.warnings);
    if (!files) {
        return files.error();
    }
    for (const auto& source : *files) {
        auto article = read_article(source.path);
        if (!article) {
            return article.error();
        }
        if (source.book) {
            // mdBook expands its directives before rendering; so does the chapter read here.
            Expansion expanded = expand_directives(article->text, source.path, source.allowed_root);
            for (const auto& [line, message] : expanded.warnings) {
                all.warnings.push_back(fmt::format("{}:{}: {}", article->path, line, message));
            }
            article->text = std::move(expanded.text);
            article->origins = std::move(expanded.origins);
            article->format = ArticleFormat::Markdown;
            article->default_edition = source.book->edition;
        }
        Extraction one = extract_article(*article);
        all.snippets.insert(all.snippets.end(), std::make_move_iterator(one.snippets.begin()),
                            std::make_move_iterator(one.snippets.end()));
        all.warnings.insert(all.warnings.end(), std::make_move_iterator(one.warnings.begin()),
                            std::make_move_iterator(one.warnings.end()));
    }
    return all;
}

}  // namespace snipcheck
