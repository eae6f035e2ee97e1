#pragma once
// Rust's release notes as they ship with the toolchain (share/doc/rust/html/releases.md).
// Rust before 1.0 had items that no toolchain today accepts (`int`, `fmt::Show`, `std::comm`,
// `proc`); the notes of the 0.x and 1.0 pre-releases name them. A snippet that uses a name
// rustc cannot find and that those notes name was written for that Rust: outdated, not a
// fragment or an invention, and the note is the evidence.
#include <map>
#include <optional>
#include <string>

namespace snipcheck {

struct ReleaseNote {
    std::string version;  // "1.0.0-alpha"
    int line = 0;         // line in releases.md
    std::string text;     // the note's line, trimmed
};

class ReleaseNotes {
public:
    // Reads the notes under `sysroot`; absent notes leave the lookup empty.
    explicit ReleaseNotes(const std::string& sysroot);
    // Parses release notes text (for tests).
    static ReleaseNotes from_text(const std::string& text);

    // The first pre-1.0 note that names `name` in backticks (alone or as a path segment).
    std::optional<ReleaseNote> before_1_0(const std::string& name) const;
    bool empty() const { return names_.empty(); }

private:
    ReleaseNotes() = default;
    void read(const std::string& text);

    std::map<std::string, ReleaseNote> names_;
};

}  // namespace snipcheck
