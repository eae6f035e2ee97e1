#include "extractor/item_syntax.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <initializer_list>

namespace snipcheck {

namespace {

bool starts_with(std::string_view t, std::string_view p) { return t.substr(0, p.size()) == p; }

std::string_view skip_words(std::string_view t, std::initializer_list<std::string_view> words) {
    for (bool again = true; again;) {
        again = false;
        for (auto w : words) {
            if (starts_with(t, w)) {
                t.remove_prefix(w.size());
                again = true;
            }
        }
    }
    return t;
}

}  // namespace

namespace {

// Depth change of t read from a string literal (`in_string`) or from code; in_string ends as
// whether a string is still open at the end of the line.
int depth_from(std::string_view t, bool& in_string) {
    int d = 0;
    for (std::size_t i = 0; i < t.size(); ++i) {
        char c = t[i];
        if (in_string) {
            in_string = !(c == '"' && (i == 0 || t[i - 1] != '\\'));
        } else if (c == '\'' && t.substr(i, 3) == "'\"'") {
            i += 2;  // the char literal '"'
        } else if (c == '"') {
            in_string = true;
        } else if (c == '/' && i + 1 < t.size() && t[i + 1] == '/') {
            break;
        } else {
            d += (c == '(' || c == '[' || c == '{') - (c == ')' || c == ']' || c == '}');
        }
    }
    return d;
}

}  // namespace

int depth_change(std::string_view t) {
    bool in_string = false;
    return depth_from(t, in_string);
}

std::vector<int> depth_changes(const std::vector<std::string_view>& lines) {
    std::vector<int> out(lines.size());
    bool open = false;  // the line above left a string open
    for (std::size_t k = 0; k < lines.size(); ++k) {
        bool in_string = false;
        out[k] = depth_from(lines[k], in_string);
        if (open && in_string) {
            in_string = true;
            out[k] = depth_from(lines[k], in_string);
            open = false;
        } else {
            open = in_string;
        }
    }
    return out;
}

bool rust_keyword(std::string_view w) {
    static constexpr std::array<std::string_view, 51> kKeywords{
        "as",    "break", "const", "continue", "crate",    "else",    "enum",  "extern", "false",  "fn",     "for",
        "if",    "impl",  "in",    "let",      "loop",     "match",   "mod",   "move",   "mut",    "pub",    "ref",
        "return", "self", "static", "struct",  "super",    "trait",   "true",  "type",   "unsafe", "use",    "where",
        "while", "async", "await", "dyn",      "abstract", "become",  "box",   "do",     "final",  "macro",  "override",
        "priv",  "typeof", "unsized", "virtual", "yield",  "try",     "union"};
    return std::find(kKeywords.begin(), kKeywords.end(), w) != kKeywords.end();
}

std::string defined_name(std::string_view t) {
    t.remove_prefix(t.substr(0, 2) == "# " ? 2 : 0);
    t = skip_words(t, {"pub ", "pub(crate) ", "async ", "unsafe ", "extern \"C\" "});
    for (std::string_view qualified : {"const fn ", "const unsafe ", "const trait ", "const impl", "const async "}) {
        if (starts_with(t, qualified)) {  // a const item is `const NAME`; these are qualifiers
            t = skip_words(t.substr(6), {"async ", "unsafe ", "extern \"C\" "});
            break;
        }
    }
    if (starts_with(t, "use ") || starts_with(t, "impl")) {
        return std::string(t);
    }
    for (std::string_view kw : {"fn ", "struct ", "enum ", "trait ", "type ", "mod ", "union ", "static ", "const "}) {
        if (starts_with(t, kw)) {
            std::string_view rest = t.substr(kw.size());
            std::size_t end = 0;
            while (end < rest.size() && (std::isalnum(static_cast<unsigned char>(rest[end])) || rest[end] == '_')) {
                ++end;
            }
            return std::string(kw) + std::string(rest.substr(0, end));
        }
    }
    return "";
}

bool heads_item(std::string_view t) { return t.starts_with("//") || t.starts_with("#[") || t.starts_with("#!["); }

bool opens_macro_body(std::string_view t) {
    if (depth_change(t) <= 0) {
        return false;
    }
    auto drop = [&t](std::string_view chars) {
        std::size_t before = t.size();
        while (!t.empty() && chars.find(t.back()) != std::string_view::npos) {
            t.remove_suffix(1);
        }
        return t.size() < before;
    };
    drop(" \t");
    if (!drop("({[")) {
        return false;
    }
    drop(" \t");
    if (t.empty() || t.back() != '!') {
        return false;
    }
    t.remove_suffix(1);
    return !t.empty() && (std::isalnum(static_cast<unsigned char>(t.back())) || t.back() == '_');
}

}  // namespace snipcheck
