#include "model/file_io.hpp"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>

namespace snipcheck {

std::optional<std::string> read_whole_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        return std::nullopt;
    }
    std::ostringstream buf;
    buf << in.rdbuf();
    return buf.str();
}

std::string read_file(const std::string& path) { return read_whole_file(path).value_or(""); }

namespace {

// Writes `text` to a temporary name of its own beside `path`; "" when it cannot.
std::string write_temporary(const std::string& path, const std::string& text) {
    static std::atomic<unsigned long> counter{0};
    std::string tmp = path + ".tmp" + std::to_string(::getpid()) + "." + std::to_string(counter++);
    std::ofstream out(tmp, std::ios::binary);
    out << text;
    out.flush();
    if (!out) {
        std::error_code ec;
        std::filesystem::remove(tmp, ec);
        return "";
    }
    return tmp;
}

}  // namespace

bool write_file_atomically(const std::string& path, const std::string& text) {
    return write_files_atomically({{path, text}}).empty();
}

std::string write_files_atomically(const std::vector<std::pair<std::string, std::string>>& files) {
    std::vector<std::string> temps;
    std::string failed;
    for (const auto& [path, text] : files) {
        std::string tmp = write_temporary(path, text);
        if (tmp.empty()) {
            failed = path;
            break;
        }
        temps.push_back(tmp);
    }
    std::error_code ec;
    std::size_t renamed = 0;
    for (; failed.empty() && renamed < temps.size(); ++renamed) {
        std::filesystem::rename(temps[renamed], files[renamed].first, ec);
        if (ec) {
            failed = files[renamed].first;
            break;
        }
    }
    if (failed.empty()) {
        return "";
    }
    for (std::size_t i = 0; i < temps.size(); ++i) {
        std::filesystem::remove(i < renamed ? files[i].first : temps[i], ec);
    }
    return failed;
}

bool is_within(const std::filesystem::path& inside, const std::filesystem::path& root) {
    auto [r, i] = std::mismatch(root.begin(), root.end(), inside.begin(), inside.end());
    return r == root.end();
}

}  // namespace snipcheck
