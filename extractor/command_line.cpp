#include "extractor/command_line.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <set>
#include <vector>

#include "extractor/item_syntax.hpp"

namespace snipcheck {

namespace {

// General-purpose command-line tools and the Rust toolchain's own: no article's names.
constexpr std::array<std::string_view, 40> kCommands{
    "cargo", "rustup", "rustc", "rustfmt", "rustdoc", "cd",      "git",     "curl",
    "wget",  "sudo",   "apt",   "apt-get", "brew",    "npm",     "npx",     "yarn",
    "pip",   "pip3",   "mkdir", "ls",      "cat",     "echo",    "export",  "docker",
    "make",  "cmake",  "rm",    "cp",      "mv",      "chmod",   "touch",   "grep",
    "tar",   "ssh",    "bash",  "sh",      "env",     "python3", "kubectl", "systemctl"};

// English function words: a sentence has them, a command's unquoted arguments do not.
constexpr std::array<std::string_view, 24> kFunctionWords{
    "the", "a",  "an",   "and",  "or",   "of",   "to", "in", "is", "are", "it",   "you",
    "for", "on", "with", "from", "that", "this", "by", "as", "be", "we",  "your", "then"};

// The words of a line outside single and double quotes.
std::vector<std::string_view> unquoted_words(std::string_view t) {
    std::vector<std::string_view> out;
    char quote = 0;
    std::size_t start = std::string_view::npos;
    for (std::size_t i = 0; i <= t.size(); ++i) {
        char c = i < t.size() ? t[i] : ' ';
        bool split = quote == 0 && (c == ' ' || c == '\t' || c == '\'' || c == '"');
        if (split && start != std::string_view::npos) {
            out.push_back(t.substr(start, i - start));
            start = std::string_view::npos;
        }
        if (c == '\'' || c == '"') {
            quote = quote == 0 ? c : (quote == c ? 0 : quote);
        } else if (!split && quote == 0 && start == std::string_view::npos) {
            start = i;
        }
    }
    return out;
}

bool is_option(std::string_view w) {
    auto alpha = [](char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; };
    return (w.size() > 2 && w.starts_with("--") && alpha(w[2])) ||
           (w.size() == 2 && w[0] == '-' && alpha(w[1]));
}

bool program_shaped(std::string_view w) {
    return !w.empty() && std::islower(static_cast<unsigned char>(w[0])) &&
           std::all_of(w.begin(), w.end(), [](char c) {
               return std::islower(static_cast<unsigned char>(c)) ||
                      std::isdigit(static_cast<unsigned char>(c)) || c == '-' || c == '_' ||
                      c == '.';
           });
}

bool sentence_word(std::string_view w) {
    if (std::any_of(w.begin(), w.end(),
                    [](char c) { return static_cast<unsigned char>(c) >= 0x80; })) {
        return true;  // typography (dashes, arrows, quotes): commands are written in ASCII
    }
    bool capitalised = std::isupper(static_cast<unsigned char>(w[0])) &&
                       std::all_of(w.begin() + 1, w.end(), [](char c) {
                           return std::islower(static_cast<unsigned char>(c));
                       });
    return capitalised ||
           std::find(kFunctionWords.begin(), kFunctionWords.end(), w) != kFunctionWords.end();
}

}  // namespace

bool reads_as_command(std::string_view t) {
    if (t.empty() || std::string_view(".:?!,;").find(t.back()) != std::string_view::npos) {
        return false;
    }
    auto words = unquoted_words(t);
    if (words.size() < 2 || !program_shaped(words[0]) ||
        std::any_of(words.begin(), words.end(), sentence_word)) {
        return false;
    }
    bool known = std::find(kCommands.begin(), kCommands.end(), words[0]) != kCommands.end();
    return known || std::any_of(words.begin() + 1, words.end(), is_option);
}

bool shell_prompt(std::string_view t) {
    if (t.size() < 3 || t.substr(0, 2) != "$ ") {
        return false;
    }
    unsigned char first = t[2];
    return std::isalpha(first) || first == '.' || first == '/' || first == '~';
}

bool starts_with_source_location(std::string_view t) {
    std::size_t colon = t.find(':');
    if (colon == std::string_view::npos || colon < 4 || t.substr(colon - 3, 3) != ".rs" ||
        t.substr(0, colon).find_first_of(" \t\"'(") != std::string_view::npos) {
        return false;
    }
    std::size_t digits = colon + 1;
    while (digits < t.size() && std::isdigit(static_cast<unsigned char>(t[digits]))) {
        ++digits;
    }
    return digits > colon + 1 && (digits == t.size() || t[digits] == ':' || t[digits] == ' ' || t[digits] == '\t');
}

std::string_view hidden_rust(std::string_view t) {
    std::string_view rest = t.substr(std::min<std::size_t>(2, t.size()));
    bool hidden = t.starts_with("# ") && (rest.starts_with("#") || rest.starts_with("//") || reads_as_statement(rest));
    return t == "#" ? "" : hidden ? rest : t;
}

bool reads_as_statement(std::string_view t) {
    return !t.empty() && (std::string_view(";{}(").find(t.back()) != std::string_view::npos || reads_as_item(t));
}

bool reads_as_item(std::string_view t) {
    for (std::string_view q : {"pub ", "pub(crate) ", "async ", "unsafe ", "const fn ", "extern \"C\" "}) {
        if (t.starts_with(q)) {
            t.remove_prefix(q == "const fn " ? 6 : q.size());
        }
    }
    static constexpr std::array<std::string_view, 11> kKeywords{"fn", "impl", "struct", "enum", "trait", "type",
                                                                "use", "let", "mod", "static", "where"};
    std::size_t end = 0;
    while (end < t.size() && std::islower(static_cast<unsigned char>(t[end]))) {
        ++end;
    }
    bool keyword = std::find(kKeywords.begin(), kKeywords.end(), t.substr(0, end)) != kKeywords.end() &&
                   end < t.size() && (t[end] == ' ' || t[end] == '<' || t[end] == '!');
    std::string_view code = t.substr(0, std::min(t.find("//"), t.size()));
    while (!code.empty() && code.back() == ' ') {
        code.remove_suffix(1);
    }
    if (!keyword || code.empty() || std::string_view(".?!,").find(code.back()) != std::string_view::npos ||
        code.find_first_of("(<{:;=") == std::string_view::npos) {
        return false;
    }
    // English function words that are neither Rust keywords nor likely names (`for`, `in`, `as`
    // and `a` are).
    static constexpr std::array<std::string_view, 19> kEnglish{"the", "an", "and", "or", "of", "to", "is",
                                                               "are", "it", "you", "with", "from", "that",
                                                               "this", "by", "be", "we", "your", "then"};
    if (std::any_of(code.begin(), code.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x80; })) {
        return false;
    }
    for (std::size_t i = 0; i < code.size();) {
        std::size_t j = i;
        while (j < code.size() && (std::isalnum(static_cast<unsigned char>(code[j])) || code[j] == '_')) {
            ++j;
        }
        if (j > i && std::find(kEnglish.begin(), kEnglish.end(), code.substr(i, j - i)) != kEnglish.end()) {
            return false;
        }
        i = j + (j == i);
    }
    return true;
}

// A heading that lost its markup: two to eight words, each capitalised (short joining words
// aside), letters, digits and hyphens only ("Database Access", "Error Handling in Rust").
bool heading(std::string_view t) {
    static const std::set<std::string_view> kJoining{"a", "an", "and", "as", "at", "by", "for", "in",
                                                     "of", "on", "or", "the", "to", "with", "vs"};
    int words = 0;
    std::size_t i = 0;
    while (i < t.size()) {
        std::size_t end = std::min(t.find(' ', i), t.size());
        std::string_view w = t.substr(i, end - i);
        bool plain = !w.empty() && std::all_of(w.begin(), w.end(), [](char ch) {
            return std::isalnum(static_cast<unsigned char>(ch)) || ch == '-';
        });
        if (!plain || (!std::isupper(static_cast<unsigned char>(w[0])) && (words == 0 || !kJoining.count(w)))) {
            return false;
        }
        ++words;
        i = end + 1;
    }
    return words >= 2 && words <= 8;
}

// Words that end with one colon outside any item introduce what follows ("Let's change that:",
// "short for break:", "Output:"); no line of Rust, TOML or shell ends so outside brackets.
bool introduces(std::string_view t) {
    bool words = t.find(' ') != std::string_view::npos || std::isupper(static_cast<unsigned char>(t.front()));
    return t.size() > 2 && t.back() == ':' && t[t.size() - 2] != ':' && words;
}

bool connective(std::string_view t) {
    auto words = unquoted_words(t);
    auto letters = [](std::string_view w) {
        return std::all_of(w.begin(), w.end(), [](char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; });
    };
    std::string_view last = words.empty() ? "" : words.back();
    return !words.empty() && words.size() <= 4 && t.find_first_of("\"'") == std::string_view::npos &&
           std::all_of(words.begin(), words.end(), letters) && last.size() > 1 && !rust_keyword(last) &&
           std::find(kFunctionWords.begin(), kFunctionWords.end(), last) != kFunctionWords.end();
}

bool starts_as_sentence(std::string_view t) {
    std::array<std::string_view, 3> words;
    for (auto& w : words) {
        std::size_t end = 0;
        while (end < t.size() && std::isalpha(static_cast<unsigned char>(t[end]))) {
            ++end;
        }
        if (end < 2 || (end < t.size() && t[end] != ' ')) {
            return false;
        }
        w = t.substr(0, end);
        t.remove_prefix(std::min(end + 1, t.size()));
    }
    auto lower = [](std::string_view w) {
        return std::all_of(w.begin(), w.end(), [](char c) { return std::islower(static_cast<unsigned char>(c)) != 0; });
    };
    return std::isupper(static_cast<unsigned char>(words[0][0])) && lower(words[0].substr(1)) && lower(words[1]) &&
           lower(words[2]) && !rust_keyword(words[1]) && !rust_keyword(words[2]);
}

// A GitHub or mdBook alert's marker the page kept as text (`[!NOTE]`, `[!EXAMPLE]`).
bool alert_marker(std::string_view t) {
    return t.size() > 4 && t.substr(0, 2) == "[!" && t.back() == ']' &&
           std::all_of(t.begin() + 2, t.end() - 1, [](char ch) { return std::isupper(static_cast<unsigned char>(ch)); });
}

}  // namespace snipcheck
