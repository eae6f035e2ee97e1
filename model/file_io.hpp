#pragma once
// Whole-file reads and writes. A write is atomic (a temporary file renamed into place), so a
// reader never sees half a report, cache entry or manifest, and a failure leaves nothing.
#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace snipcheck {

// The whole file as bytes; "" when it cannot be read.
std::string read_file(const std::string& path);
// The whole file as bytes; nullopt when it cannot be opened.
std::optional<std::string> read_whole_file(const std::string& path);

// Writes `text` to `path` whole or not at all. Safe from several threads and processes at
// once: each writer has a temporary name of its own.
bool write_file_atomically(const std::string& path, const std::string& text);

// Writes several files all or none: each goes to a temporary beside its target, and only
// when every one is written are they renamed into place. Returns "" on success, otherwise
// the path that failed (and none of the files is left).
std::string write_files_atomically(const std::vector<std::pair<std::string, std::string>>& files);

// True when `inside` is `root` or below it, component by component (both already absolute and
// normal: canonical paths, or lexically normal ones).
bool is_within(const std::filesystem::path& inside, const std::filesystem::path& root);

}  // namespace snipcheck
