#include "extractor/line_classifier.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <string>
#include <vector>

namespace snipcheck {

namespace {

std::string_view trim(std::string_view s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) {
        s.remove_prefix(1);
    }
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) {
        s.remove_suffix(1);
    }
    return s;
}

std::vector<std::string_view> tokens(std::string_view s) {
    std::vector<std::string_view> out;
    std::size_t i = 0;
    while (i < s.size()) {
        while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) {
            ++i;
        }
        std::size_t j = i;
        while (j < s.size() && !std::isspace(static_cast<unsigned char>(s[j]))) {
            ++j;
        }
        if (j > i) {
            out.push_back(s.substr(i, j - i));
        }
        i = j;
    }
    return out;
}

bool contains(std::string_view s, std::string_view needle) {
    return s.find(needle) != std::string_view::npos;
}

// A word of running text: letters (an initial capital allowed), maybe one trailing punctuation.
bool is_plain_word(std::string_view w) {
    if (!w.empty() && std::string_view(",.:;!?").find(w.back()) != std::string_view::npos) {
        w.remove_suffix(1);
    }
    if (w.empty() || !std::isalpha(static_cast<unsigned char>(w[0]))) {
        return false;
    }
    for (std::size_t i = 1; i < w.size(); ++i) {
        auto c = static_cast<unsigned char>(w[i]);
        if (!(std::islower(c) || c == '\'' || c == '-')) {
            return false;
        }
    }
    return true;
}

// Typographic characters that code almost never has outside strings: em/en dash, curly quotes.
bool has_typography(std::string_view s) {
    for (std::string_view t : {"\u2014", "\u2013", "\u201C", "\u201D", "\u2019", "\u2018", "\u2026"}) {
        if (contains(s, t)) {
            return true;
        }
    }
    return false;
}

// "...word. Next" or "...word." at the end: the shape of sentences.
bool has_sentence_boundary(std::string_view s) {
    for (std::size_t i = 1; i + 2 < s.size(); ++i) {
        char c = s[i];
        if (c != '.' && c != '!' && c != '?') {
            continue;
        }
        if (!std::isalnum(static_cast<unsigned char>(s[i - 1])) && s[i - 1] != ')' && s[i - 1] != '`') {
            continue;
        }
        std::size_t j = i + 1;
        if (j < s.size() && (s[j] == '"' || s[j] == '\'' || s[j] == ')')) {
            ++j;
        }
        if (j + 1 < s.size() && s[j] == ' ' && std::isupper(static_cast<unsigned char>(s[j + 1]))) {
            return true;
        }
    }
    return false;
}

bool ends_with_any(std::string_view s, std::string_view chars) {
    return !s.empty() && chars.find(s.back()) != std::string_view::npos;
}

constexpr std::array<std::string_view, 32> kRustStarts{
    "use ",    "fn ",     "pub ",    "pub(",    "let ",     "impl ",   "impl<",   "struct ",
    "enum ",   "trait ",  "mod ",    "type ",   "const ",   "static ", "async ",  "match ",
    "if ",     "} else",  "else ",   "for ",    "while ",   "loop ",   "return",  "extern ",
    "unsafe ", "where ",  "Ok(",     "Err(",    "Some(",    "macro_rules!", "dyn ", "break"};

constexpr std::array<std::string_view, 64> kCommands{
    "cargo",   "rustup",   "rustc",    "rustfmt",  "cd",        "git",      "curl",   "wget",
    "sudo",    "apt",      "apt-get",  "brew",     "npm",       "npx",      "yarn",   "pnpm",
    "mkdir",   "ls",       "cat",      "echo",     "export",    "source",   "docker", "make",
    "cmake",   "pip",      "pip3",     "python",   "python3",   "rm",       "cp",     "mv",
    "chmod",   "touch",    "grep",     "find",     "sed",       "awk",      "tar",    "ssh",
    "trunk",   "wasm-pack", "cross",   "loco",     "dx",        "just",     "rg",     "sqlx",
    "diesel",  "kubectl",  "helm",     "systemctl", "wasmtime", "wasmer",   "bash",   "sh",
    "env",     "which",    "hyperfine", "cargo-leptos", "sea-orm-cli", "dioxus", "tauri", "rustdoc"};

bool looks_like_toml(std::string_view t) {
    if (t.size() >= 3 && t.front() == '[' && t.back() == ']') {
        for (char c : t) {
            if (!(std::isalnum(static_cast<unsigned char>(c)) || std::string_view("[]_.-\" ").find(c) != std::string_view::npos)) {
                return false;
            }
        }
        return true;
    }
    std::size_t eq = t.find('=');
    if (eq == std::string_view::npos || eq == 0 || eq + 1 >= t.size() || t[eq + 1] == '=') {
        return false;
    }
    std::string_view key = trim(t.substr(0, eq));
    std::string_view value = trim(t.substr(eq + 1));
    if (key.empty() || value.empty()) {
        return false;
    }
    for (char c : key) {
        if (!(std::isalnum(static_cast<unsigned char>(c)) || std::string_view("_-.\"").find(c) != std::string_view::npos)) {
            return false;
        }
    }
    char v = value.front();
    bool value_ok = v == '"' || v == '\'' || v == '{' || v == '[' || std::isdigit(static_cast<unsigned char>(v)) ||
                    value == "true" || value == "false";
    return value_ok && !ends_with_any(value, ";");
}

// Shell: a known command, or a command-shaped line with --flags, or a `tool   # comment` list.
bool looks_like_shell(std::string_view t, const std::vector<std::string_view>& toks) {
    if (t.starts_with("$ ") || t.starts_with("./")) {
        return true;
    }
    if (toks.empty() || toks.size() > 16 || ends_with_any(t, ".:;{}")) {
        return false;
    }
    if (starts_with_known_command(t)) {
        return true;
    }
    std::string_view first = toks[0];
    bool command_shaped = std::all_of(first.begin(), first.end(), [](char c) {
        return std::islower(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) ||
               c == '-' || c == '_' || c == '.';
    });
    if (!command_shaped) {
        return false;
    }
    if (toks.size() >= 2 && toks[1].starts_with("#")) {
        return true;  // a list of tools, each with a comment: `rg   # replaces grep`
    }
    return std::any_of(toks.begin() + 1, toks.end(), [](std::string_view w) {
        return (w.starts_with("--") && w.size() > 2 && std::isalpha(static_cast<unsigned char>(w[2]))) ||
               (w.size() == 2 && w[0] == '-' && std::isalpha(static_cast<unsigned char>(w[1])));
    });
}

int count_code_punct(std::string_view t) {
    return static_cast<int>(std::count_if(t.begin(), t.end(), [](char c) {
        return std::string_view("{}()[];=<>&|*!:?").find(c) != std::string_view::npos;
    }));
}

LineVerdict classify_rust_or_prose(std::string_view t, const std::vector<std::string_view>& toks);

}  // namespace

bool starts_with_known_command(std::string_view t) {
    auto toks = tokens(t);
    if (toks.empty()) {
        return false;
    }
    std::string_view first = toks[0];
    return std::find(kCommands.begin(), kCommands.end(), first) != kCommands.end();
}

namespace {

LineVerdict classify_rust_or_prose(std::string_view t, const std::vector<std::string_view>& toks) {
    const LineVerdict rust{LineClass::Code, LineLanguage::Rust};
    const LineVerdict prose{LineClass::Prose, LineLanguage::None};
    bool code_end = ends_with_any(t, ";{");
    if (!code_end && (has_typography(t) || has_sentence_boundary(t))) {
        return prose;
    }
    if (looks_like_shell(t, toks)) {
        return {LineClass::Code, LineLanguage::Shell};
    }
    if (looks_like_toml(t) && !t.starts_with("let ")) {
        return {LineClass::Code, LineLanguage::Toml};
    }
    int words = static_cast<int>(std::count_if(toks.begin(), toks.end(), is_plain_word));
    int n = static_cast<int>(toks.size());
    int punct = count_code_punct(t);
    bool running_text = words >= 6 && words * 10 >= n * 6;
    if (running_text && !ends_with_any(t, ";{}")) {
        return prose;
    }
    if (ends_with_any(t, ";{}")) {
        return rust;
    }
    if (t.back() == ',' && n <= 10) {
        return rust;  // a field, an argument or a list element: prose lines do not end in commas
    }
    if (t.size() >= 2 && t.front() == '"' && (t.back() == '"' || t.find("\":") != std::string_view::npos)) {
        return {LineClass::Weak, LineLanguage::Rust};  // a string literal or a JSON key on its own line
    }
    if (t.starts_with("r#\"") || t.starts_with("r\"") || t.starts_with("b\"")) {
        return rust;
    }
    for (auto start : kRustStarts) {
        if (t.starts_with(start) && (punct > 0 || n <= 3)) {
            return rust;
        }
    }
    if (t.starts_with(".") && t.size() > 1 && (std::isalpha(static_cast<unsigned char>(t[1])) || t[1] == '_')) {
        return rust;  // a method-chain continuation: .route("/", get(handler))
    }
    if (contains(t, "::") || contains(t, "->") || contains(t, "=>") || contains(t, "|_|") ||
        contains(t, "&mut ") || contains(t, "!(") || contains(t, "![") || t.starts_with("|")) {
        return words * 10 >= n * 7 && n >= 6 ? prose : rust;
    }
    if (ends_with_any(t, ",()]>") && punct >= 1 && n <= 8 && words * 2 <= n + 1) {
        return rust;
    }
    if (t.starts_with("<") && t.back() == '>') {
        return rust;  // markup inside a view!/html!/rsx! macro
    }
    if (n == 1 && punct <= 4) {
        return {LineClass::Weak, LineLanguage::None};
    }
    if (punct >= 2 && words * 2 < n) {
        return {LineClass::Weak, LineLanguage::Rust};
    }
    return prose;
}

}  // namespace

LineVerdict classify_line(std::string_view line) {
    std::string_view t = trim(line);
    if (t.empty()) {
        return {LineClass::Blank, LineLanguage::None};
    }
    if (t.starts_with("//") || t.starts_with("/*") || t.starts_with("*/")) {
        return {LineClass::Code, LineLanguage::Rust};
    }
    if (t.starts_with("#!/")) {
        return {LineClass::Code, LineLanguage::Shell};
    }
    if (t.starts_with("#[") || t.starts_with("#![")) {
        // An attribute, possibly followed by an item on the same line, or by running text
        // when a scrape glued inline code to its sentence ("#[tokio::main] builds a ...").
        int depth = 0;
        std::size_t i = t.find('[');
        for (; i < t.size(); ++i) {
            depth += t[i] == '[' ? 1 : t[i] == ']' ? -1 : 0;
            if (depth == 0) {
                break;
            }
        }
        std::string_view tail = i < t.size() ? trim(t.substr(i + 1)) : std::string_view{};
        if (tail.empty()) {
            return {LineClass::Code, LineLanguage::Rust};
        }
        auto tail_verdict = classify_rust_or_prose(tail, tokens(tail));
        if (tail_verdict.cls == LineClass::Prose) {
            return tail_verdict;
        }
        return {LineClass::Code, LineLanguage::Rust};
    }
    if (t.front() == '#') {
        return {LineClass::Hash, LineLanguage::None};
    }
    if (t.size() >= 2 && t.front() == '|' && t.back() == '|') {
        return {LineClass::Prose, LineLanguage::None};  // a table row
    }
    for (std::string_view bullet : {"\u2022", "\u00B7", "\u25AA", "\u25E6", "- ", "* ", "+ "}) {
        if (t.starts_with(bullet) || t == "-") {
            return {LineClass::Bullet, LineLanguage::None};
        }
    }
    std::size_t digits = 0;
    while (digits < t.size() && std::isdigit(static_cast<unsigned char>(t[digits]))) {
        ++digits;
    }
    if (digits > 0 && digits + 1 < t.size() && (t[digits] == '.' || t[digits] == ')') && t[digits + 1] == ' ') {
        return {LineClass::Bullet, LineLanguage::None};
    }
    return classify_rust_or_prose(t, tokens(t));
}

}  // namespace snipcheck
