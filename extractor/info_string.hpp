#pragma once
// A fence's info string (```rust,ignore / ``` {.rust} / ```console) as rustdoc and mdBook read
// it: a language tag plus rustdoc's attributes, comma- or space-separated.
#include <string>
#include <string_view>
#include <vector>

namespace snipcheck {

struct InfoString {
    std::string language;  // normalised: rust, toml, shell, markdown, text, or the tag as written
    std::string dialect;   // the tag as written when it matters: "console" keeps only `$ ` lines
    std::vector<std::string> attributes;  // rustdoc attributes, in order
};

// Parses an info string. An empty language means "detect it from the content".
InfoString parse_info_string(std::string_view info);

// Maps a tag such as "rs", "bash", "language-rust" to the normalised language, or "" if the
// tag is not a language snipcheck knows (it is then kept as written and not checked).
std::string normalize_language(std::string_view tag);

// True for rustdoc's code block attributes (ignore, no_run, compile_fail, edition2021, ...).
bool is_rustdoc_attribute(std::string_view word);

}  // namespace snipcheck
