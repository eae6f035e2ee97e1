#include "extractor/info_string.hpp"

#include <algorithm>
#include <array>

namespace snipcheck {

namespace {

struct LanguageAlias {
    std::string_view tag;
    std::string_view language;
};

constexpr std::array<LanguageAlias, 16> kAliases{{
    {"rust", "rust"},
    {"rs", "rust"},
    {"toml", "toml"},
    {"sh", "shell"},
    {"bash", "shell"},
    {"shell", "shell"},
    {"console", "shell"},
    {"zsh", "shell"},
    {"shell-session", "shell"},
    {"shellsession", "shell"},
    {"text", "text"},
    {"txt", "text"},
    {"plain", "text"},
    {"plaintext", "text"},
    {"markdown", "markdown"},
    {"md", "markdown"},
}};

std::string lower(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
    return out;
}

}  // namespace

std::string normalize_language(std::string_view tag) {
    std::string t = lower(tag);
    for (std::string_view prefix : {"language-", "lang-", "highlight-", "source-"}) {
        if (t.starts_with(prefix)) {
            t.erase(0, prefix.size());
            break;
        }
    }
    for (const auto& a : kAliases) {
        if (a.tag == t) {
            return std::string(a.language);
        }
    }
    return "";
}

bool is_rustdoc_attribute(std::string_view w) {
    static constexpr std::array<std::string_view, 9> kPlain{
        "ignore", "no_run", "compile_fail", "should_panic", "test_harness",
        "allow_fail", "standalone_crate", "standalone", "edition"};
    if (std::find(kPlain.begin(), kPlain.end(), w) != kPlain.end()) {
        return true;
    }
    bool error_code = w.size() == 5 && (w[0] == 'e' || w[0] == 'E') &&
                      std::all_of(w.begin() + 1, w.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
    return error_code || w.starts_with("ignore-") || (w.starts_with("edition") && w.size() == 11);
}

InfoString parse_info_string(std::string_view info) {
    InfoString out;
    std::vector<std::string> words;
    std::string cur;
    for (char c : info) {
        if (c == ',' || c == ' ' || c == '\t' || c == '{' || c == '}') {
            if (!cur.empty()) {
                words.push_back(cur);
            }
            cur.clear();
        } else {
            cur.push_back(c);
        }
    }
    if (!cur.empty()) {
        words.push_back(cur);
    }
    bool explicit_language = false;
    for (const auto& word : words) {
        std::string w = lower(word);
        if (w.size() == 5 && w[0] == 'e' && is_rustdoc_attribute(w)) {
            w[0] = 'E';  // compile_fail,E0308: rustdoc's expected error code
        }
        if (!w.empty() && w[0] == '.') {
            w.erase(0, 1);  // pandoc-style {.rust}
        }
        if (w == "does_not_compile" || w == "panics") {
            // mdBook books' (the Rust Book's) marks for the same promises as rustdoc's.
            out.attributes.push_back(w == "panics" ? "should_panic" : "compile_fail");
            continue;
        }
        if (is_rustdoc_attribute(w) || (w == "text" && out.language == "rust")) {
            out.attributes.push_back(w);  // ```rust,text is rustdoc's "do not test"
            if (out.language.empty()) {
                out.language = "rust";  // rustdoc: attributes alone mean Rust
            }
            continue;
        }
        if (!explicit_language) {
            std::string lang = normalize_language(w);
            out.language = lang.empty() ? w : lang;
            out.dialect = w;
            explicit_language = true;
        }
    }
    return out;
}

}  // namespace snipcheck
