#include "toolchains/rust/release_notes.hpp"

#include <sstream>

#include "model/file_io.hpp"

namespace snipcheck {

ReleaseNotes::ReleaseNotes(const std::string& sysroot) { read(read_file(sysroot + "/share/doc/rust/html/releases.md")); }

ReleaseNotes ReleaseNotes::from_text(const std::string& text) {
    ReleaseNotes notes;
    notes.read(text);
    return notes;
}

void ReleaseNotes::read(const std::string& text) {
    std::istringstream in(text);
    std::string line;
    std::string version;
    bool pre_1_0 = false;
    int n = 0;
    while (std::getline(in, line)) {
        ++n;
        if (line.starts_with("Version ")) {
            version = line.substr(8, line.find(' ', 8) - 8);
            // Pre-releases of 1.0 (alpha, beta) and every 0.x: what changed before 1.0.
            pre_1_0 = version.starts_with("0.") || (version.starts_with("1.0.0-"));
            continue;
        }
        if (!pre_1_0) {
            continue;
        }
        std::string trimmed = line.substr(std::min(line.size(), line.find_first_not_of(" \t*-")));
        for (std::size_t open = line.find('`'); open != std::string::npos;) {
            std::size_t close = line.find('`', open + 1);
            if (close == std::string::npos) {
                break;
            }
            std::string quoted = line.substr(open + 1, close - open - 1);
            // Each segment of a path (`std::comm`, `fmt::Show`) that is a plain identifier.
            std::size_t start = 0;
            while (start <= quoted.size()) {
                std::size_t end = quoted.find("::", start);
                std::string seg = quoted.substr(start, end == std::string::npos ? std::string::npos : end - start);
                bool ident = !seg.empty() && (std::isalpha(static_cast<unsigned char>(seg[0])) || seg[0] == '_');
                for (char c : seg) {
                    ident = ident && (std::isalnum(static_cast<unsigned char>(c)) || c == '_');
                }
                if (ident && seg != "std" && seg != "core" && !names_.count(seg)) {
                    names_[seg] = {version, n, trimmed};
                }
                if (end == std::string::npos) {
                    break;
                }
                start = end + 2;
            }
            open = line.find('`', close + 1);
        }
    }
}

std::optional<ReleaseNote> ReleaseNotes::before_1_0(const std::string& name) const {
    auto it = names_.find(name);
    if (it == names_.end()) {
        return std::nullopt;
    }
    return it->second;
}

}  // namespace snipcheck
