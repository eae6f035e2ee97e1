#include "extractor/article.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace snipcheck {
namespace fs = std::filesystem;

namespace {

bool has_article_extension(const fs::path& p) {
    std::string ext = p.extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
    return ext == ".md" || ext == ".markdown" || ext == ".txt" || ext == ".html" || ext == ".htm";
}

// Returns the 1-based line of the first invalid UTF-8 sequence, or 0 when the text is valid.
int first_invalid_utf8_line(std::string_view s) {
    int line = 1;
    for (std::size_t i = 0; i < s.size();) {
        auto c = static_cast<unsigned char>(s[i]);
        if (c == '\n') {
            ++line;
        }
        int len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
        if (len == 0 || i + len > s.size()) {
            return line;
        }
        for (int k = 1; k < len; ++k) {
            if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) {
                return line;
            }
        }
        i += len;
    }
    return 0;
}

bool looks_like_markdown(std::string_view text) {
    if (text.starts_with("---\n") || text.starts_with("+++\n")) {
        return true;  // front matter: a static-site article saved as .txt
    }
    return text.find("\n```") != std::string_view::npos || text.starts_with("```") ||
           text.find("\n~~~") != std::string_view::npos;
}

}  // namespace

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
    if (ext == ".md" || ext == ".markdown") {
        a.format = ArticleFormat::Markdown;
    } else if (ext == ".html" || ext == ".htm") {
        a.format = ArticleFormat::Html;
    } else if (looks_like_markdown(a.text)) {
        a.format = ArticleFormat::Markdown;
    }
    return a;
}

Expected<Article> read_article(const std::string& path) {
    std::error_code ec;
    auto size = fs::file_size(path, ec);
    if (ec) {
        return Error{fmt::format("{}: cannot read: {}", path, ec.message())};
    }
    if (size > kMaxArticleBytes) {
        return Error{fmt::format("{}: too large ({:.1f} MiB; articles are limited to {} MiB)", path,
                                 size / 1048576.0, kMaxArticleBytes / 1048576)};
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        return Error{fmt::format("{}: cannot read: {}", path, std::strerror(errno))};
    }
    std::ostringstream buf;
    buf << in.rdbuf();
    return make_article(path, buf.str());
}

Expected<std::vector<std::string>> collect_articles(const std::vector<std::string>& paths) {
    std::vector<std::string> out;
    for (const auto& p : paths) {
        std::error_code ec;
        auto st = fs::status(p, ec);
        if (ec || !fs::exists(st)) {
            return Error{fmt::format("{}: no such file or directory", p)};
        }
        if (fs::is_directory(st)) {
            std::vector<std::string> found;
            for (auto it = fs::recursive_directory_iterator(p, ec); !ec && it != fs::end(it);
                 it.increment(ec)) {
                if (it->is_regular_file() && has_article_extension(it->path())) {
                    found.push_back(it->path().string());
                }
            }
            if (ec) {
                return Error{fmt::format("{}: cannot list: {}", p, ec.message())};
            }
            if (found.empty()) {
                return Error{fmt::format(
                    "{}: no articles found (looked for *.md, *.markdown, *.txt, *.html)", p)};
            }
            std::sort(found.begin(), found.end());
            out.insert(out.end(), found.begin(), found.end());
        } else {
            out.push_back(p);
        }
    }
    return out;
}

std::string article_stem(const std::string& path) { return fs::path(path).stem().string(); }

}  // namespace snipcheck
