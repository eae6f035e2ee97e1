#pragma once
// Whole-file reads and writes. A write is atomic (a temporary file renamed into place), so a
// reader never sees half a report, cache entry or manifest, and a failure leaves nothing.
#include <string>

namespace snipcheck {

// The whole file as bytes; "" when it cannot be read.
std::string read_file(const std::string& path);

// Writes `text` to `path` whole or not at all. Safe from several threads and processes at
// once: each writer has a temporary name of its own.
bool write_file_atomically(const std::string& path, const std::string& text);

}  // namespace snipcheck
