#include "extractor/walk.hpp"

#include <fmt/format.h>
#include <fnmatch.h>

#include <algorithm>
#include <array>
#include <filesystem>
#include <fstream>
#include <tuple>

#include "extractor/article.hpp"
#include "model/file_io.hpp"

namespace snipcheck {
namespace fs = std::filesystem;

namespace {

std::string lower_extension(const fs::path& p) {
    std::string ext = p.extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(),
                   [](unsigned char c) { return std::tolower(c); });
    return ext;
}

bool has_article_extension(const fs::path& p) {
    static const std::array<std::string_view, 6> kArticle{".md",  ".markdown", ".mdx",
                                                          ".txt", ".html",     ".htm"};
    std::string ext = lower_extension(p);
    return std::find(kArticle.begin(), kArticle.end(), ext) != kArticle.end();
}

// What a walk keeps before deciding: articles, and the book.toml files that make books.
bool worth_listing(const fs::path& p) {
    return has_article_extension(p) || p.filename() == "book.toml";
}

// A path as reports show it: lexically normal, without a leading "./".
std::string shown(const fs::path& p) {
    std::string s = p.lexically_normal().generic_string();
    while (s.starts_with("./") && s.size() > 2) {
        s.erase(0, 2);
    }
    if (s.size() > 1 && s.back() == '/') {
        s.pop_back();
    }
    return s;
}

// The files under `dir` by the lister when it answers (git: what .gitignore leaves), else by
// a walk; only names worth listing, relative to `dir`.
Expected<std::vector<std::string>> candidate_files(const std::string& dir, const WalkOptions& options) {
    std::vector<std::string> candidates;
    std::optional<std::vector<std::string>> listed;
    if (options.list_files) {
        listed = options.list_files(dir);
    }
    if (listed) {
        std::copy_if(listed->begin(), listed->end(), std::back_inserter(candidates),
                     [](const std::string& rel) { return worth_listing(rel); });
        return candidates;
    }
    std::error_code ec;
    for (auto it = fs::recursive_directory_iterator(dir, fs::directory_options::skip_permission_denied, ec);
         !ec && it != fs::end(it); it.increment(ec)) {
        if (worth_listing(it->path())) {
            candidates.push_back(it->path().lexically_relative(dir).generic_string());
        }
    }
    if (ec) {
        return Error{fmt::format("{}: cannot list: {}", display_path(dir), ec.message())};
    }
    return candidates;
}

// The files under `dir` worth listing, relative to it: from the lister when it answers (git:
// what .gitignore leaves), else from a walk. Symbolic links are kept only when they resolve to
// a file inside the directory, and a file reached twice (itself and through a link) once.
Expected<std::vector<std::string>> list_directory(const std::string& dir,
                                                  const WalkOptions& options,
                                                  std::vector<std::string>* warnings) {
    std::error_code ec;
    const fs::path root = fs::canonical(dir, ec);
    if (ec) {
        return Error{fmt::format("{}: cannot list: {}", display_path(dir), ec.message())};
    }
    auto candidates = candidate_files(dir, options);
    if (!candidates) {
        return candidates.error();
    }
    struct Found {
        std::string target;  // the canonical path: one per file
        bool via_link = false;
        std::string relative;
        bool operator<(const Found& o) const {
            return std::tie(target, via_link, relative) <
                   std::tie(o.target, o.via_link, o.relative);
        }
    };
    std::vector<Found> found;
    for (const auto& rel : *candidates) {
        fs::path p = fs::path(dir) / rel;
        std::error_code entry_ec;
        bool link = fs::is_symlink(p, entry_ec);
        fs::path target = fs::canonical(p, entry_ec);
        if (entry_ec || !fs::is_regular_file(target, entry_ec)) {
            continue;  // gone since git listed it, dangling, or not a file
        }
        if (link && !is_within(target, root)) {
            if (warnings) {
                warnings->push_back(fmt::format("{}: skipped: a symbolic link to a file outside {}",
                                                display_path(p.string()), display_path(dir)));
            }
            continue;
        }
        found.push_back({target.string(), link, rel});
    }
    // Read each file once: the real file wins over a link to it; between links, the first.
    std::sort(found.begin(), found.end());
    std::vector<std::string> out;
    for (std::size_t i = 0; i < found.size(); ++i) {
        if (i == 0 || found[i].target != found[i - 1].target) {
            out.push_back(found[i].relative);
        }
    }
    std::sort(out.begin(), out.end());
    return out;
}

bool is_tool_output_file(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::string head(4096, '\0');
    in.read(head.data(), static_cast<std::streamsize>(head.size()));
    head.resize(static_cast<std::size_t>(in.gcount()));
    return looks_like_tool_output(head);
}

// The book a file named on the command line belongs to: the nearest folder above it with a
// book.toml whose source folder holds the file.
std::shared_ptr<const Book> book_around(const std::string& file) {
    std::error_code ec;
    fs::path here = fs::absolute(file, ec).lexically_normal();
    fs::path rel_up;
    for (fs::path dir = here.parent_path(); !dir.empty(); dir = dir.parent_path()) {
        rel_up /= "..";
        if (is_book(dir.string())) {
            fs::path shown_dir = fs::path(file).parent_path() / rel_up.parent_path();
            auto book = read_book(shown(shown_dir.empty() ? "." : shown_dir));
            if (!book) {
                return nullptr;
            }
            if (!is_within(here, fs::absolute(book->src, ec).lexically_normal())) {
                return nullptr;
            }
            return std::make_shared<const Book>(std::move(*book));
        }
        if (dir == dir.parent_path()) {
            break;
        }
    }
    return nullptr;
}

}  // namespace

bool looks_like_tool_output(std::string_view text) {
    static const std::array<std::string_view, 11> kMarkers{
        "$ cargo ", "   Compiling ", "    Checking ", "    Finished ", "     Running ", "error[E",
        "error: ",  "warning: ",     "thread '",      "   Doc-tests ", "    Blocking "};
    int lines = 0;
    std::size_t start = 0;
    while (start < text.size() && lines < 5) {
        std::size_t nl = text.find('\n', start);
        std::string_view line =
            text.substr(start, nl == std::string_view::npos ? std::string_view::npos : nl - start);
        start = nl == std::string_view::npos ? text.size() : nl + 1;
        if (line.find_first_not_of(" \t") == std::string_view::npos) {
            continue;
        }
        ++lines;
        for (auto marker : kMarkers) {
            if (line.starts_with(marker)) {
                return true;
            }
        }
    }
    return false;
}

bool is_excluded(const std::string& relative, const std::vector<std::string>& globs) {
    if (globs.empty()) {
        return false;
    }
    // The path itself and each of its parent folders: `drafts` excludes everything below it.
    std::vector<std::string> prefixes{relative};
    for (std::size_t slash = relative.find('/'); slash != std::string::npos;
         slash = relative.find('/', slash + 1)) {
        prefixes.push_back(relative.substr(0, slash));
    }
    for (const auto& glob : globs) {
        std::string g = glob;
        while (g.size() > 1 && g.back() == '/') {
            g.pop_back();
        }
        std::vector<std::string> forms{g};
        if (g.starts_with("**/")) {
            forms.push_back(g.substr(3));  // `**/output.txt` also matches at the top
        }
        for (const auto& form : forms) {
            for (const auto& p : prefixes) {
                if (fnmatch(form.c_str(), p.c_str(), 0) == 0) {
                    return true;
                }
            }
        }
    }
    return false;
}

namespace {

// The folders of `listed` that hold a book.toml (not excluded), sorted.
std::vector<std::string> book_folders(const std::vector<std::string>& listed, const WalkOptions& options) {
    std::vector<std::string> book_dirs;
    for (const auto& rel : listed) {
        if (fs::path(rel).filename() == "book.toml" && !is_excluded(rel, options.excludes)) {
            book_dirs.push_back(fs::path(rel).parent_path().generic_string());
        }
    }
    std::sort(book_dirs.begin(), book_dirs.end());
    return book_dirs;
}

// A book's chapters as sources, each under the path it is shown by.
std::optional<Error> add_book(const std::string& p, const std::string& d, const WalkOptions& options,
                              std::vector<ArticleSource>& out) {
    std::string root = shown(fs::path(p) / d);
    auto book = read_book(root);
    if (!book) {
        return book.error();
    }
    auto shared = std::make_shared<const Book>(std::move(*book));
    for (const auto& chapter : shared->chapters) {
        std::string rel = fs::path(chapter).lexically_relative(shown(p)).generic_string();
        if (shown(p) == "." || p == ".") {
            rel = chapter;
        }
        if (!is_excluded(rel, options.excludes)) {
            out.push_back({chapter, shared, shared->root});
        }
    }
    return std::nullopt;
}

// The articles of directory `p` (its files `listed`): books first, a folder with book.toml
// read as its chapters and nothing else; then every other article file.
std::optional<Error> collect_directory(const std::string& p, const std::vector<std::string>& listed,
                                       const WalkOptions& options, std::vector<ArticleSource>& out) {
    std::vector<std::string> book_dirs = book_folders(listed, options);
    auto in_book = [&](const std::string& rel) {
        return std::any_of(book_dirs.begin(), book_dirs.end(),
                           [&](const std::string& d) { return d.empty() || rel.starts_with(d + "/"); });
    };
    for (const auto& rel : listed) {
        fs::path file = fs::path(p) / rel;
        if (!has_article_extension(rel) || in_book(rel) || is_excluded(rel, options.excludes)) {
            continue;
        }
        if (lower_extension(rel) == ".txt" && is_tool_output_file(file)) {
            continue;  // cargo's or rustc's output kept beside the sources, not an article
        }
        out.push_back({shown(file), nullptr, ""});
    }
    for (const auto& d : book_dirs) {
        bool nested = std::any_of(book_dirs.begin(), book_dirs.end(), [&](const std::string& outer) {
            return outer != d && (outer.empty() || d.starts_with(outer + "/"));
        });
        if (nested) {
            continue;  // a book inside a book is whatever the outer one includes
        }
        if (auto failed = add_book(p, d, options, out)) {
            return failed;
        }
    }
    return std::nullopt;
}

}  // namespace

Expected<std::vector<ArticleSource>> collect_sources(const std::vector<std::string>& paths,
                                                     const WalkOptions& options,
                                                     std::vector<std::string>* warnings) {
    std::vector<ArticleSource> out;
    for (const auto& p : paths) {
        std::error_code ec;
        auto st = fs::status(p, ec);
        if (ec || !fs::exists(st)) {
            return Error{fmt::format("{}: no such file or directory", display_path(p))};
        }
        if (!fs::is_directory(st)) {
            auto book = lower_extension(p) == ".md" ? book_around(p) : nullptr;
            out.push_back({shown(p), book, book ? book->root : ""});
            continue;
        }
        auto listed = list_directory(p, options, warnings);
        if (!listed) {
            return listed.error();
        }
        std::size_t before = out.size();
        if (auto failed = collect_directory(p, *listed, options, out)) {
            return *failed;
        }
        if (out.size() == before) {
            return Error{
                fmt::format("{}: no articles found (looked for *.md, *.markdown, *.txt, *.html)",
                            display_path(p))};
        }
    }
    return out;
}

}  // namespace snipcheck
