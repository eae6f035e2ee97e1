#pragma once
// Decides, for one line of text whose formatting may be lost, whether it reads as code or as
// prose, and which language it votes for. The plain-text region detector and the language
// detection of untagged blocks both rest on it.
#include <string_view>

namespace snipcheck {

enum class LineClass {
    Blank,
    Prose,   // a sentence, a heading, a flattened table row
    Code,    // clearly code
    Weak,    // could be code (a lone identifier, `None`): kept only inside a region
    Hash,    // `# text`: a Markdown heading, a shell/TOML comment
    Bullet,  // `- item`, `• item`, `1. item`: a list item
};

enum class LineLanguage { None, Rust, Toml, Shell };

struct LineVerdict {
    LineClass cls = LineClass::Blank;
    LineLanguage language = LineLanguage::None;
};

LineVerdict classify_line(std::string_view line);

// True when the line starts with a command a shell snippet would run (cargo, cd, rustup, ...).
bool starts_with_known_command(std::string_view trimmed);

}  // namespace snipcheck
