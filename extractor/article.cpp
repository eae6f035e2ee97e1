#include "extractor/article.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <tuple>

#include "extractor/plaintext.hpp"
#include "extractor/walk.hpp"

namespace snipcheck {
namespace fs = std::filesystem;

namespace {

// Length of the well-formed UTF-8 sequence at s[i] (Unicode 15, table 3-7), or 0 when it is
// ill-formed: overlong forms (C0, C1, E0 80..9F, F0 80..8F), encoded surrogates (ED A0..BF),
// code points above U+10FFFF (F4 90.., F5..FF), stray continuation bytes and truncated sequences.
std::size_t utf8_sequence_length(std::string_view s, std::size_t i) {
    auto at = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
    unsigned char c = at(i);
    if (c < 0x80) {
        return 1;
    }
    std::size_t len = 0;
    unsigned char lo = 0x80;  // the allowed range of the second byte
    unsigned char hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) {
        len = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
        len = 3;
        lo = c == 0xE0 ? 0xA0 : 0x80;
        hi = c == 0xED ? 0x9F : 0xBF;
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4;
        lo = c == 0xF0 ? 0x90 : 0x80;
        hi = c == 0xF4 ? 0x8F : 0xBF;
    } else {
        return 0;
    }
    if (i + len > s.size() || at(i + 1) < lo || at(i + 1) > hi) {
        return 0;
    }
    for (std::size_t k = 2; k < len; ++k) {
        if ((at(i + k) & 0xC0) != 0x80) {
            return 0;
        }
    }
    return len;
}

bool is_fence(std::string_view line) {
    std::size_t i = line.find_first_not_of(' ');
    return i != std::string_view::npos && i < 4 &&
           (line.substr(i).starts_with("```") || line.substr(i).starts_with("~~~"));
}

// The text with every fenced block (fences included) blanked, lines kept; an unclosed fence
// runs to the end.
std::string outside_fences(std::string_view text) {
    std::string out;
    bool inside = false;
    for (auto line : split_lines(text)) {
        bool fence = is_fence(line);
        out += inside || fence ? "" : std::string(line);
        out += '\n';
        inside = fence ? !inside : inside;
    }
    return out;
}

// A text saved as .txt is Markdown when it has front matter, or fences that hold its code: a
// scrape that kept a few fences (a page quoting Markdown) shows code outside them too.
bool looks_like_markdown(std::string_view text) {
    if (text.starts_with("---\n") || text.starts_with("+++\n")) {
        return true;  // front matter: a static-site article saved as .txt
    }
    bool fenced = text.find("\n```") != std::string_view::npos || text.starts_with("```") ||
                  text.find("\n~~~") != std::string_view::npos;
    if (!fenced) {
        return false;
    }
    auto regions = detect_regions(outside_fences(text));
    return std::none_of(regions.begin(), regions.end(), [](const Block& b) {
        return b.language != "markdown" && b.end_line > b.start_line;
    });
}

}  // namespace

int first_invalid_utf8_line(std::string_view s) {
    int line = 1;
    for (std::size_t i = 0; i < s.size();) {
        std::size_t len = utf8_sequence_length(s, i);
        if (len == 0) {
            return line;
        }
        line += s[i] == '\n';
        i += len;
    }
    return 0;
}

std::string valid_utf8(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        std::size_t len = utf8_sequence_length(text, i);
        if (len == 0) {
            out += "\uFFFD";
            ++i;
        } else {
            out.append(text.substr(i, len));
            i += len;
        }
    }
    return out;
}

std::string display_path(std::string_view raw) {
    std::string out;
    out.reserve(raw.size());
    for (std::size_t i = 0; i < raw.size();) {
        auto c = static_cast<unsigned char>(raw[i]);
        std::size_t len = utf8_sequence_length(raw, i);
        if (len == 0 || c < 0x20 || c == 0x7F || c == '\\') {
            out += fmt::format("\\x{:02X}", c);
            ++i;
        } else {
            out.append(raw.substr(i, len));
            i += len;
        }
    }
    return out;
}

Expected<Article> make_article(std::string path, std::string bytes) {
    if (bytes.size() > kMaxArticleBytes) {
        return Error{fmt::format("{}: too large ({:.1f} MiB; articles are limited to {} MiB)", path,
                                 bytes.size() / 1048576.0, kMaxArticleBytes / 1048576)};
    }
    if (bytes.find('\0') != std::string::npos) {
        return Error{fmt::format("{}: binary file (contains NUL bytes), not an article", path)};
    }
    if (bytes.starts_with("\xEF\xBB\xBF")) {
        bytes.erase(0, 3);
    }
    if (int line = first_invalid_utf8_line(bytes)) {
        return Error{fmt::format("{}:{}: invalid UTF-8", path, line)};
    }
    // CRLF and lone CR become LF so that line numbers are the ones an editor shows.
    std::string text;
    text.reserve(bytes.size());
    for (std::size_t i = 0; i < bytes.size(); ++i) {
        if (bytes[i] == '\r') {
            text.push_back('\n');
            if (i + 1 < bytes.size() && bytes[i + 1] == '\n') {
                ++i;
            }
        } else {
            text.push_back(bytes[i]);
        }
    }
    Article a{std::move(path), std::move(text), ArticleFormat::PlainText};
    std::string ext = fs::path(a.path).extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
    if (ext == ".md" || ext == ".markdown" || ext == ".mdx") {
        a.format = ArticleFormat::Markdown;
    } else if (ext == ".html" || ext == ".htm") {
        a.format = ArticleFormat::Html;
    } else if (looks_like_markdown(a.text)) {
        a.format = ArticleFormat::Markdown;
    }
    return a;
}

Expected<Article> read_article(const std::string& path) {
    const std::string shown = display_path(path);
    std::error_code ec;
    auto size = fs::file_size(path, ec);
    if (ec) {
        return Error{fmt::format("{}: cannot read: {}", shown, ec.message())};
    }
    if (size > kMaxArticleBytes) {
        return Error{fmt::format("{}: too large ({:.1f} MiB; articles are limited to {} MiB)", shown,
                                 size / 1048576.0, kMaxArticleBytes / 1048576)};
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        return Error{fmt::format("{}: cannot read: {}", shown, std::strerror(errno))};
    }
    std::ostringstream buf;
    buf << in.rdbuf();
    return make_article(shown, buf.str());
}

Expected<std::vector<std::string>> collect_articles(const std::vector<std::string>& paths,
                                                    std::vector<std::string>* warnings) {
    auto sources = collect_sources(paths, WalkOptions{}, warnings);
    if (!sources) {
        return sources.error();
    }
    std::vector<std::string> out;
    for (const auto& source : *sources) {
        out.push_back(source.path);
    }
    return out;
}

std::string article_stem(const std::string& path) { return fs::path(path).stem().string(); }

}  // namespace snipcheck
