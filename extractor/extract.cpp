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

Snippet make_snippet(const Article& article, const RawBlock& raw, Origin origin) {
    // What a front end decoded (HTML entities) must still be UTF-8 before it reaches a report.
    RawBlock decoded;
    const bool ill_formed = first_invalid_utf8_line(raw.code) != 0 || first_invalid_utf8_line(raw.info) != 0;
    if (ill_formed) {
        decoded = raw;
        decoded.code = valid_utf8(raw.code);
        decoded.info = valid_utf8(raw.info);
    }
    const RawBlock& b = ill_formed ? decoded : raw;
    Snippet s;
    s.article = article.path;
    s.start_line = b.start_line;
    s.end_line = b.end_line;
    s.origin = origin;
    s.info = b.info;
    InfoString info = parse_info_string(b.info);
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
    return s;
}

// An mdBook chapter's block, found in the expanded text, back in the chapter's own lines: its
// first and last lines are those of the chapter (a directive's line for included code), and
// the runs of included lines are recorded so that diagnostics can name both places.
void map_to_chapter(RawBlock& b, const std::vector<LineOrigin>& origins, std::vector<IncludedLines>& included) {
    auto origin = [&](int line) -> const LineOrigin& {
        return origins[std::clamp(line, 1, static_cast<int>(origins.size())) - 1];
    };
    for (int line = b.start_line; line <= b.end_line; ++line) {
        const LineOrigin& o = origin(line);
        if (o.file.empty()) {
            continue;
        }
        int code_line = line - b.start_line + 1;
        IncludedLines* last = included.empty() ? nullptr : &included.back();
        if (last && last->file == o.file && last->article_line == o.article_line &&
            last->code_line + last->lines == code_line && last->file_line + last->lines == o.file_line) {
            ++last->lines;
        } else {
            included.push_back({code_line, 1, o.article_line, o.file, o.file_line});
        }
    }
    b.start_line = origin(b.start_line).article_line;
    b.end_line = origin(b.end_line).article_line;
}

// Where each line of a text starts, so that a region's lines are cut out in time proportional
// to the region, not to its position in the article.
class LineIndex {
public:
    explicit LineIndex(std::string_view text) : text_(text) {
        starts_.push_back(0);
        for (std::size_t i = 0; i < text.size(); ++i) {
            if (text[i] == '\n') {
                starts_.push_back(i + 1);
            }
        }
    }

    // Lines first..last (1-based, inclusive) without the final newline.
    std::string lines(int first, int last) const {
        if (first < 1 || last < first || static_cast<std::size_t>(first) > starts_.size()) {
            return "";
        }
        std::size_t from = starts_[first - 1];
        std::size_t to = static_cast<std::size_t>(last) < starts_.size() ? starts_[last] - 1 : text_.size();
        return std::string(text_.substr(from, to - from));
    }

private:
    std::string_view text_;
    std::vector<std::size_t> starts_;
};

}  // namespace

std::string snippet_id(const std::string& article_path, int start_line) {
    return fmt::format("{}:{}", article_path, start_line);
}

Extraction extract_article(const Article& article) {
    Extraction out;
    auto add = [&](const RawBlock& raw, Origin origin) {
        RawBlock b = raw;
        std::vector<IncludedLines> included;
        if (!article.origins.empty()) {
            map_to_chapter(b, article.origins, included);
        }
        out.snippets.push_back(make_snippet(article, b, origin));
        out.snippets.back().expectation = b.expectation;
        out.snippets.back().included = std::move(included);
    };
    auto article_line = [&](int line) {
        if (article.origins.empty() || line < 1) {
            return line;
        }
        return article.origins[std::min<std::size_t>(line, article.origins.size()) - 1].article_line;
    };
    switch (article.format) {
        case ArticleFormat::Markdown: {
            MarkdownBlocks md = parse_markdown_blocks(article.text);
            for (const auto& w : md.warnings) {
                out.warnings.push_back(fmt::format("{}:{}: {}", article.path, article_line(w.line), w.message));
            }
            for (const auto& b : md.blocks) {
                add(b, b.fenced ? Origin::Fenced : Origin::Indented);
            }
            break;
        }
        case ArticleFormat::Html: {
            HtmlBlocks html = parse_html_blocks(article.text);
            for (const auto& w : html.warnings) {
                out.warnings.push_back(fmt::format("{}:{}: {}", article.path, w.line, w.message));
            }
            for (const auto& b : html.blocks) {
                add(b, Origin::Html);
            }
            break;
        }
        case ArticleFormat::PlainText: {
            const LineIndex index(article.text);
            for (const auto& r : detect_regions(article.text)) {
                RawBlock b;
                b.start_line = r.start_line;
                b.end_line = r.end_line;
                b.info = r.language;
                b.code = r.code.empty() ? index.lines(r.start_line, r.end_line) : r.code;
                add(b, Origin::Detected);
                out.snippets.back().info.clear();  // the language was detected, not declared
            }
            break;
        }
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
