#include "toolchains/shell/shell_split.hpp"

#include <sstream>

#include "model/regex.hpp"

namespace snipcheck {

namespace {

std::vector<std::string> split_words(const std::string& s) {
    std::vector<std::string> words;
    std::string cur;
    char quote = 0;
    for (char c : s) {
        if (quote) {
            if (c == quote) {
                quote = 0;
            } else {
                cur += c;
            }
        } else if (c == '\'' || c == '"') {
            quote = c;
        } else if (c == ' ' || c == '\t') {
            if (!cur.empty()) {
                words.push_back(cur);
                cur.clear();
            }
        } else {
            cur += c;
        }
    }
    if (!cur.empty()) {
        words.push_back(cur);
    }
    return words;
}

// A line without its comment (a # at a word start outside quotes).
std::string without_comment(std::string line) {
    char quote = 0;
    for (std::size_t i = 0; i < line.size(); ++i) {
        char c = line[i];
        if (quote) {
            quote = c == quote ? 0 : quote;
        } else if (c == '\'' || c == '"') {
            quote = c;
        } else if (c == '#' && (i == 0 || line[i - 1] == ' ' || line[i - 1] == '\t')) {
            line.erase(i);
            break;
        }
    }
    return line;
}

// A logical line cut at ; | || && outside quotes.
std::vector<std::string> pipeline_pieces(const std::string& text) {
    std::vector<std::string> pieces;
    std::string cur;
    char quote = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (quote) {
            quote = c == quote ? 0 : quote;
            cur += c;
        } else if (c == '\'' || c == '"') {
            quote = c;
            cur += c;
        } else if (c == ';' || c == '|' || (c == '&' && i + 1 < text.size() && text[i + 1] == '&')) {
            pieces.push_back(cur);
            cur.clear();
            if (i + 1 < text.size() && (text[i + 1] == '|' || text[i + 1] == '&')) {
                ++i;
            }
        } else {
            cur += c;
        }
    }
    pieces.push_back(cur);
    return pieces;
}

// The command of one piece: its words after VAR=value and prefix words, in any order
// (`FOO=1 env BAR=2 make`, `sudo -E cmd`); empty when nothing is left.
std::vector<std::string> command_words(const std::string& piece) {
    auto words = split_words(piece);
    auto assignment = [](const std::string& w) { return w.find('=') != std::string::npos && w.find('=') > 0 && w[0] != '-'; };
    auto prefix = [](const std::string& w) {
        return w == "sudo" || w == "env" || w == "time" || w == "exec" || w == "then" || w == "do" || w == "else" || w == "!";
    };
    std::size_t k = 0;
    while (k < words.size() && (assignment(words[k]) || prefix(words[k]) ||
                                (k > 0 && prefix(words[k - 1]) && words[k - 1] != "!" && words[k][0] == '-'))) {
        ++k;
    }
    return std::vector<std::string>(words.begin() + static_cast<long>(k), words.end());
}

}  // namespace

std::vector<ShellCommand> shell_commands(const std::string& script) {
    static const Regex kHeredoc(R"(<<-?\s*['"]?([A-Za-z_][A-Za-z0-9_]*)['"]?)");
    std::vector<ShellCommand> out;
    std::istringstream in(script);
    std::string line;
    int n = 0;
    std::string heredoc_end;
    std::string pending;
    int pending_line = 0;
    while (std::getline(in, line)) {
        ++n;
        if (!heredoc_end.empty()) {
            line.erase(0, line.find_first_not_of(" \t"));
            if (line == heredoc_end) {
                heredoc_end.clear();
            }
            continue;
        }
        RegexMatch m;
        if (kHeredoc.search(line, m)) {
            heredoc_end = m[1];
            line = line.substr(0, m.position);
        }
        line = without_comment(line);
        if (pending.empty()) {
            pending_line = n;
        }
        if (!line.empty() && line.back() == '\\') {
            pending += line.substr(0, line.size() - 1) + " ";
            continue;
        }
        std::string text = std::move(pending) + line;
        pending.clear();
        for (const auto& piece : pipeline_pieces(text)) {
            if (auto words = command_words(piece); !words.empty()) {
                out.push_back({std::move(words), pending_line});
            }
        }
    }
    return out;
}

}  // namespace snipcheck
