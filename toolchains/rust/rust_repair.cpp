#include "toolchains/rust/rust_repair.hpp"

#include <fmt/format.h>

#include "toolchains/rust/rust_source.hpp"

namespace snipcheck {

namespace {

const char* const kEllipsis = "\xE2\x80\xA6";  // …

// The last code character before `pos` (skipping blanks), or 0.
char previous_code_char(const std::string& stripped, std::size_t pos) {
    while (pos > 0) {
        char c = stripped[--pos];
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
            return c;
        }
    }
    return 0;
}

char next_code_char(const std::string& stripped, std::size_t pos) {
    for (; pos < stripped.size(); ++pos) {
        char c = stripped[pos];
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
            return c;
        }
    }
    return 0;
}

// A stand-in for a placeholder: an expression where one is expected, nothing where items,
// statements, fields or arms go.
std::string stand_in(char before, char after) {
    bool expression = before == '=' || before == '(' || before == '[' || before == '>' || (before == ',' && after == ')');
    if (after == ';' && before != '{' && before != ';' && before != '}') {
        expression = true;
    }
    return expression ? "todo!()" : "";
}

bool ident_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

}  // namespace

Repair ascii_typography(const std::string& code) {
    static const std::pair<const char*, const char*> kMarks[] = {
        {"\xE2\x80\x98", "'"}, {"\xE2\x80\x99", "'"}, {"\xE2\x80\x9C", "\""}, {"\xE2\x80\x9D", "\""},
        {"\xE2\x80\x93", "-"}, {"\xE2\x80\x94", "-"}, {"\xE2\x80\xB2", "'"}};
    Repair r{code, {}};
    int n = 0;
    for (const auto& [from, to] : kMarks) {
        for (std::size_t at = r.text.find(from); at != std::string::npos; at = r.text.find(from, at)) {
            r.text.replace(at, 3, to);
            ++n;
        }
    }
    if (n > 0) {
        r.what.push_back(fmt::format("{} typographic quote{} or dash{} replaced by ASCII", n, n == 1 ? "" : "s", n == 1 ? "" : "es"));
    }
    return r;
}

namespace {

// The length of a placeholder at `i` of the stripped text (`…`, `...`, with `two_dots` a `..`
// between an opener and a closer), or 0.
std::size_t placeholder_at(const std::string& stripped, std::size_t i, bool two_dots) {
    std::size_t len = 0;
    if (stripped.compare(i, 3, kEllipsis) == 0) {
        len = 3;
    } else if (stripped.compare(i, 3, "...") == 0 && (i + 3 >= stripped.size() || stripped[i + 3] != '.') &&
               (i == 0 || !ident_char(stripped[i - 1]) || stripped[i - 1] == ' ')) {
        len = 3;
        // `0...9` and `a...b` are range patterns an older edition accepts: not placeholders.
        char before = i > 0 ? stripped[i - 1] : ' ';
        char after = i + 3 < stripped.size() ? stripped[i + 3] : ' ';
        if (ident_char(before) && ident_char(after)) {
            len = 0;
        }
    }
    if (len == 0 && two_dots && stripped.compare(i, 2, "..") == 0 && (i + 2 >= stripped.size() || stripped[i + 2] != '.') &&
        (i == 0 || stripped[i - 1] != '.')) {
        char before = previous_code_char(stripped, i);
        char after = next_code_char(stripped, i + 2);
        bool opens = std::string_view("(<[{,=:").find(before) != std::string_view::npos;
        bool closes = std::string_view(")>]},;").find(after) != std::string_view::npos || after == 0;
        len = opens && closes ? 2 : 0;
    }
    return len;
}

// 1. Placeholders, right to left so that positions hold. `/* ... */` and `// ...` are
// comments already: rustc reads past them.
void replace_placeholders(Repair& r, bool two_dots) {
    std::string stripped = strip_comments_and_strings(r.text);
    std::vector<std::pair<std::size_t, std::size_t>> spots;  // position, length
    for (std::size_t i = 0; i < stripped.size(); ++i) {
        if (std::size_t len = placeholder_at(stripped, i, two_dots); len > 0) {
            spots.emplace_back(i, len);
            i += len - 1;
        }
    }
    for (auto it = spots.rbegin(); it != spots.rend(); ++it) {
        char before = previous_code_char(stripped, it->first);
        char after = next_code_char(stripped, it->first + it->second);
        r.text.replace(it->first, it->second, stand_in(before, after));
    }
    if (!spots.empty()) {
        r.what.push_back(fmt::format("{} placeholder{} (`...`{}) replaced by stand-ins", spots.size(), spots.size() == 1 ? "" : "s",
                                     two_dots ? " or `..`" : ""));
    }
}

// 2. A continuation line first: `.expect("...")` continues an expression the article cut.
void give_receiver(Repair& r) {
    std::string stripped = strip_comments_and_strings(r.text);
    std::size_t first = stripped.find_first_not_of(" \t\r\n");
    if (first != std::string::npos && stripped[first] == '.' && first + 1 < stripped.size() &&
        (std::isalpha(static_cast<unsigned char>(stripped[first + 1])) || stripped[first + 1] == '_')) {
        r.text.insert(first, "todo!()");
        r.what.push_back("a receiver given to the leading `.method()` line");
    }
}

// 3. Delimiters: drop closers that close nothing, then close what is left open.
void balance_delimiters(Repair& r) {
    std::string stripped = strip_comments_and_strings(r.text);
    std::string stack;
    std::vector<std::size_t> unmatched;
    for (std::size_t i = 0; i < stripped.size(); ++i) {
        char c = stripped[i];
        if (c == '(' || c == '[' || c == '{') {
            stack.push_back(c);
        } else if (c == ')' || c == ']' || c == '}') {
            char open = c == ')' ? '(' : c == ']' ? '[' : '{';
            if (!stack.empty() && stack.back() == open) {
                stack.pop_back();
            } else {
                unmatched.push_back(i);
            }
        }
    }
    for (auto it = unmatched.rbegin(); it != unmatched.rend(); ++it) {
        r.text.erase(*it, 1);
    }
    if (!unmatched.empty()) {
        r.what.push_back(fmt::format("{} unmatched closing delimiter{} dropped", unmatched.size(), unmatched.size() == 1 ? "" : "s"));
    }
    if (!stack.empty()) {
        std::string closers;
        for (auto it = stack.rbegin(); it != stack.rend(); ++it) {
            closers += *it == '(' ? ')' : *it == '[' ? ']' : '}';
        }
        if (!r.text.empty() && r.text.back() != '\n') {
            r.text += '\n';
        }
        r.text += closers + "\n";
        r.what.push_back(fmt::format("`{}` appended to close what the listing left open", closers));
    }
}

}  // namespace

Repair repair_fragment(const std::string& code, bool two_dots) {
    Repair r{code, {}};
    replace_placeholders(r, two_dots);
    give_receiver(r);
    balance_delimiters(r);
    return r;
}

const std::vector<std::string>& cut_endings() {
    static const std::vector<std::string> endings{" {}", ";", " { todo!() }"};
    return endings;
}

}  // namespace snipcheck
