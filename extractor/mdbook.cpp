#include "extractor/mdbook.hpp"

#include "extractor/markdown.hpp"
#include "model/regex.hpp"

#include <fmt/format.h>
#include <toml++/toml.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

namespace snipcheck {
namespace fs = std::filesystem;

namespace {

std::string read_text(const fs::path& p, bool* ok) {
    std::ifstream in(p, std::ios::binary);
    *ok = static_cast<bool>(in);
    std::ostringstream buf;
    buf << in.rdbuf();
    std::string text = buf.str();
    text.erase(std::remove(text.begin(), text.end(), '\r'), text.end());
    return text;
}

std::vector<std::string> split_lines(std::string_view text) {
    std::vector<std::string> lines;
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t nl = text.find('\n', start);
        if (nl == std::string_view::npos) {
            lines.emplace_back(text.substr(start));
            break;
        }
        lines.emplace_back(text.substr(start, nl - start));
        start = nl + 1;
    }
    return lines;
}

// A path as messages and ids show it: lexically normal, without a leading "./".
std::string shown(const fs::path& p) {
    std::string s = p.lexically_normal().generic_string();
    while (s.starts_with("./")) {
        s.erase(0, 2);
    }
    return s;
}

bool is_within(const fs::path& inside, const fs::path& root) {
    auto [r, i] = std::mismatch(root.begin(), root.end(), inside.begin(), inside.end());
    return r == root.end() || (std::next(r) == root.end() && r->empty());
}

// mdBook's anchor markers: `ANCHOR: name` / `ANCHOR_END: name` anywhere on the line.
const Regex& anchor_start() {
    static const Regex re(R"(ANCHOR:\s*([\w_-]+))");
    return re;
}
const Regex& anchor_end() {
    static const Regex re(R"(ANCHOR_END:\s*([\w_-]+))");
    return re;
}

bool is_number(std::string_view s) {
    return !s.empty() &&
           std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c); });
}

}  // namespace

bool is_book(const std::string& dir) {
    std::error_code ec;
    return fs::is_regular_file(fs::path(dir) / "book.toml", ec);
}

Expected<Book> read_book(const std::string& dir) {
    Book book;
    book.root = shown(dir);
    std::string src = "src";
    toml::table config;
    try {
        config = toml::parse_file((fs::path(dir) / "book.toml").string());
    } catch (const toml::parse_error& e) {
        return Error{
            fmt::format("{}/book.toml:{}: {}", book.root, e.source().begin.line, e.description())};
    }
    if (auto s = config["book"]["src"].value<std::string>()) {
        src = *s;
    }
    if (auto e = config["rust"]["edition"].value<std::string>()) {
        book.edition = *e;
    }
    book.src = shown(fs::path(dir) / src);
    std::error_code ec;
    if (!fs::is_directory(book.src, ec)) {
        return Error{fmt::format("{}/book.toml: the book's source folder {} does not exist",
                                 book.root, book.src)};
    }
    std::set<std::string> seen;
    auto add = [&](const fs::path& p) {
        std::string s = shown(p);
        if (fs::is_regular_file(s, ec) && seen.insert(s).second) {
            book.chapters.push_back(s);
        }
    };
    bool ok = false;
    std::string summary = read_text(fs::path(book.src) / "SUMMARY.md", &ok);
    if (!ok) {
        std::vector<std::string> all;
        for (auto it = fs::recursive_directory_iterator(book.src, ec); !ec && it != fs::end(it);
             it.increment(ec)) {
            if (it->is_regular_file() && it->path().extension() == ".md") {
                all.push_back(it->path().string());
            }
        }
        std::sort(all.begin(), all.end());
        for (const auto& p : all) {
            add(p);
        }
        return book;
    }
    // Every link of the summary is a chapter: prefix, numbered and suffix chapters alike.
    static const Regex link(R"(\[[^\]]*\]\(([^)\s]*)\))");
    for (const auto& it : link.find_all(summary)) {
        std::string target = it[1];
        if (auto hash = target.find('#'); hash != std::string::npos) {
            target.erase(hash);
        }
        if (target.empty() || target.find("://") != std::string::npos) {
            continue;  // a draft chapter, or a link out of the book
        }
        add(fs::path(book.src) / target);
    }
    return book;
}

IncludeTarget parse_include_target(std::string_view argument) {
    IncludeTarget t;
    std::vector<std::string> parts;
    std::size_t start = 0;
    while (true) {
        std::size_t colon = argument.find(':', start);
        parts.emplace_back(argument.substr(
            start, colon == std::string_view::npos ? std::string_view::npos : colon - start));
        if (colon == std::string_view::npos) {
            break;
        }
        start = colon + 1;
    }
    t.file = parts[0];
    if (parts.size() == 1) {
        return t;
    }
    if (parts.size() == 2 && !is_number(parts[1])) {
        t.anchor = parts[1];
        return t;
    }
    if (parts.size() == 2) {
        t.first = t.last = std::max(1, std::stoi(parts[1]));  // FILE:N is line N alone
        return t;
    }
    if (is_number(parts[1])) {
        t.first = std::max(1, std::stoi(parts[1]));
    }
    if (is_number(parts[2])) {
        t.last = std::stoi(parts[2]);
    }
    return t;
}

Selected select_lines(std::string_view text, const IncludeTarget& target, bool hide_outside) {
    Selected out;
    std::vector<std::string> lines = split_lines(text);
    RegexMatch m;
    if (target.anchor.empty()) {
        for (int i = 1; i <= static_cast<int>(lines.size()); ++i) {
            bool inside = i >= target.first && (target.last == 0 || i <= target.last);
            if (inside) {
                out.lines.emplace_back(i, lines[i - 1]);
            } else if (hide_outside) {
                out.lines.emplace_back(i, "# " + lines[i - 1]);
            }
        }
        return out;
    }
    bool inside = false;
    bool found = false;
    for (int i = 1; i <= static_cast<int>(lines.size()); ++i) {
        const std::string& line = lines[i - 1];
        bool is_end = anchor_end().search(line, m);
        if (is_end && m[1] == target.anchor && inside) {
            inside = false;
            if (!hide_outside) {
                break;
            }
            continue;
        }
        if (!is_end && anchor_start().search(line, m)) {
            if (m[1] == target.anchor && !found) {
                inside = found = true;
            }
            continue;  // a marker line is never part of the listing
        }
        if (is_end) {
            continue;
        }
        if (inside) {
            out.lines.emplace_back(i, line);
        } else if (hide_outside) {
            out.lines.emplace_back(i, "# " + line);
        }
    }
    out.found = found;
    if (!found) {
        out.lines.clear();
    }
    return out;
}

namespace {

struct Expander {
    fs::path chapter_dir;
    fs::path allowed;           // canonical
    std::string allowed_shown;  // as the walk shows it, for messages
    Expansion out;

    void push(std::string text, LineOrigin origin) {
        out.text += text;
        out.text += '\n';
        out.origins.push_back(std::move(origin));
    }

    // The included file's text, or an error message when it is missing or outside the root.
    Expected<std::pair<std::string, std::string>> load(const std::string& file) {
        fs::path p = chapter_dir / file;
        std::error_code ec;
        fs::path real = fs::canonical(p, ec);
        if (ec) {
            return Error{fmt::format("cannot read {}: {}", shown(p), ec.message())};
        }
        if (!is_within(real, allowed)) {
            return Error{
                fmt::format("{} is outside the book ({}): not read", shown(p), allowed_shown)};
        }
        if (!fs::is_regular_file(real, ec)) {
            return Error{fmt::format("{} is not a file", shown(p))};
        }
        bool ok = false;
        std::string text = read_text(real, &ok);
        if (!ok) {
            return Error{fmt::format("cannot read {}", shown(p))};
        }
        return std::make_pair(shown(p), std::move(text));
    }

    // Expands the directives of one chapter line; `line` is its 1-based number. The text
    // before a directive joins the first included line, the text after it the last one.
    void expand_line(const std::string& text, int line) {
        static const Regex directive(
            R"((\\?)\{\{\s*#(include|rustdoc_include|playground|playpen)\s+([^}]*?)\s*\}\})");
        RegexMatch m;
        std::string rest = text;
        std::string cur;
        LineOrigin cur_origin{line, "", 0};
        while (directive.search(rest, m)) {
            cur += rest.substr(0, m.position);
            std::string whole = m[0];
            std::string kind = m[2];
            std::string argument = m[3];
            rest = rest.substr(m.position + whole.size());
            if (!m[1].empty()) {
                cur += whole.substr(1);  // `\{{#include x}}` is written out literally
                continue;
            }
            std::vector<std::string> attributes;
            if (kind == "playground" || kind == "playpen") {
                std::istringstream words(argument);
                words >> argument;
                for (std::string w; words >> w;) {
                    attributes.push_back(w);
                }
            }
            IncludeTarget target = parse_include_target(argument);
            auto loaded = load(target.file);
            if (!loaded) {
                out.warnings.emplace_back(line,
                                          fmt::format("{}: {}", whole, loaded.error().message));
                cur += whole;
                continue;
            }
            Selected selected = select_lines(loaded->second, target, kind == "rustdoc_include");
            if (!selected.found) {
                out.warnings.emplace_back(line, fmt::format("{}: no anchor `{}` in {}", whole,
                                                            target.anchor, loaded->first));
            }
            if (kind == "playground" || kind == "playpen") {
                // mdBook writes a playground as a fenced Rust block of its own.
                if (!cur.empty()) {
                    push(cur, cur_origin);
                }
                push(attributes.empty() ? "```rust"
                                        : fmt::format("```rust,{}", fmt::join(attributes, ",")),
                     {line, "", 0});
                for (const auto& [number, content] : selected.lines) {
                    push(content, {line, loaded->first, number});
                }
                push("```", {line, "", 0});
                cur.clear();
                cur_origin = {line, "", 0};
                continue;
            }
            for (std::size_t i = 0; i < selected.lines.size(); ++i) {
                const auto& [number, content] = selected.lines[i];
                if (i > 0) {
                    push(cur, cur_origin);
                    cur.clear();
                }
                cur += content;
                cur_origin = {line, loaded->first, number};
            }
        }
        push(cur + rest, cur_origin);
    }
};

}  // namespace

Expansion expand_directives(std::string_view chapter, const std::string& chapter_path,
                            const std::string& allowed_root) {
    Expander e;
    e.chapter_dir = fs::path(chapter_path).parent_path();
    std::error_code ec;
    e.allowed = fs::canonical(allowed_root.empty() ? "." : allowed_root, ec);
    e.allowed_shown = allowed_root.empty() ? "." : shown(allowed_root);
    std::vector<std::string> lines = split_lines(chapter);
    for (std::size_t i = 0; i < lines.size(); ++i) {
        if (lines[i].find("{{") == std::string::npos) {
            e.push(lines[i], {static_cast<int>(i) + 1, "", 0});
        } else {
            e.expand_line(lines[i], static_cast<int>(i) + 1);
        }
    }
    return std::move(e.out);
}

namespace {

const LineOrigin& origin_of(const std::vector<LineOrigin>& origins, int line) {
    return origins[std::clamp(line, 1, static_cast<int>(origins.size())) - 1];
}

// A block found in the expanded text back on the chapter's lines, its included runs recorded.
void map_to_chapter(Block& b, const std::vector<LineOrigin>& origins) {
    for (int line = b.start_line; line <= b.end_line; ++line) {
        const LineOrigin& o = origin_of(origins, line);
        if (o.file.empty()) {
            continue;
        }
        int code_line = line - b.start_line + 1;
        IncludedLines* last = b.included.empty() ? nullptr : &b.included.back();
        if (last && last->file == o.file && last->article_line == o.article_line &&
            last->code_line + last->lines == code_line && last->file_line + last->lines == o.file_line) {
            ++last->lines;
        } else {
            b.included.push_back({code_line, 1, o.article_line, o.file, o.file_line});
        }
    }
    b.start_line = origin_of(origins, b.start_line).article_line;
    b.end_line = origin_of(origins, b.end_line).article_line;
}

}  // namespace

Blocks parse_chapter_blocks(std::string_view text, const std::vector<LineOrigin>& origins) {
    Blocks out = parse_markdown_blocks(text);
    if (origins.empty()) {
        return out;
    }
    for (BlockWarning& w : out.warnings) {
        w.line = w.line < 1 ? w.line : origin_of(origins, w.line).article_line;
    }
    for (Block& b : out.blocks) {
        map_to_chapter(b, origins);
    }
    return out;
}

}  // namespace snipcheck
