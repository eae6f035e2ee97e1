#pragma once
// Which files a run reads: files named on the command line, and the articles under the
// directories named (honouring .gitignore through a lister the caller provides, `--exclude`
// globs, compiler logs that are not articles, and mdBook books read as books).
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "extractor/mdbook.hpp"
#include "model/error.hpp"

namespace snipcheck {

// The files of a directory as paths relative to it, or nullopt when the caller cannot tell
// (then the directory is walked). check/ gives one that asks git: tracked and untracked
// files, without what .gitignore excludes.
using FileLister = std::function<std::optional<std::vector<std::string>>(const std::string& dir)>;

struct WalkOptions {
    std::vector<std::string> excludes;  // globs on the path relative to the directory walked
    FileLister list_files;              // empty: always walk
};

// One file to read, and the book it is a chapter of (null for a plain article).
struct ArticleSource {
    std::string path;
    std::shared_ptr<const Book> book;
    std::string allowed_root;  // where a chapter's includes may come from
};

// Expands files and directories into the files to read. A file named explicitly is always
// read (a chapter of a book around it reads as one); under a directory, only articles:
// *.md, *.markdown, *.mdx, *.html, *.htm, and *.txt files that are not compiler logs. A
// directory holding book.toml is its book's chapters, in SUMMARY.md order, and nothing else.
// A missing path, or a directory without articles, is an error. A walk never follows a
// symbolic link out of the directory walked (each one skipped is told in `warnings`) and
// reads a file reached twice through links once.
Expected<std::vector<ArticleSource>> collect_sources(const std::vector<std::string>& paths,
                                                     const WalkOptions& options,
                                                     std::vector<std::string>* warnings = nullptr);

// True when a .txt file's text is a compiler's or cargo's output rather than an article:
// its first lines are `$ cargo …`, `   Compiling …`, `error[E…`, `warning: …` and the like.
bool looks_like_tool_output(std::string_view text);

// True when `relative` (a path under the directory walked) or one of its parent folders
// matches one of the globs (fnmatch, `*` crossing `/`; `**/` also matches no folder).
bool is_excluded(const std::string& relative, const std::vector<std::string>& globs);

}  // namespace snipcheck
