#include "toolchains/rust/rust_source.hpp"
#include "model/regex.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <sstream>

namespace snipcheck {

namespace {

std::vector<std::string> split_lines(const std::string& s) {
    std::vector<std::string> out;
    std::string line;
    std::istringstream in(s);
    while (std::getline(in, line)) {
        out.push_back(line);
    }
    if (out.empty()) {
        out.emplace_back();
    }
    return out;
}

std::string trim(const std::string& s) {
    std::size_t b = s.find_first_not_of(" \t");
    std::size_t e = s.find_last_not_of(" \t\r");
    return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

bool starts_with_item_keyword(const std::string& t) {
    static const Regex kItem(
        R"(^(pub(\([^)]*\))?\s+)?((async|const|unsafe|extern(\s+"[^"]*")?)\s+)*(fn|struct|enum|trait|impl|mod|type|const|static|use|union|macro_rules!|extern\s+crate)\b)");
    return kItem.search(t) || t.starts_with("#[") || t.starts_with("#![") ||
           t.starts_with("//") || t.starts_with("/*") || t.starts_with("*") || t.empty();
}

bool has_main(const std::string& stripped) {
    static const Regex kMain(R"(\bfn\s+main\s*\()");
    return kMain.search(stripped);
}

// True when every line that starts at nesting depth 0 starts an item.
bool items_only(const std::vector<std::string>& stripped_lines) {
    int depth = 0;
    bool continuation = false;  // inside an item's signature spread over lines
    for (const auto& line : stripped_lines) {
        std::string t = trim(line);
        if (depth == 0 && !continuation && !t.empty() && !starts_with_item_keyword(t) && t != "}" &&
            !t.starts_with("where") && !t.starts_with(")") && !t.starts_with("->")) {
            return false;
        }
        for (char c : t) {
            depth += (c == '{' || c == '(' || c == '[') ? 1 : (c == '}' || c == ')' || c == ']') ? -1 : 0;
        }
        depth = std::max(depth, 0);
        // A signature goes on over lines until it opens its body or ends: `impl<T> X<T>`,
        // `where`, `T: Trait,`, `{`.
        continuation = depth == 0 && !t.empty() && t.back() != ';' && t.back() != '}' && !t.starts_with("#") &&
                       !t.starts_with("//") && (starts_with_item_keyword(t) || t.starts_with("where") || continuation);
    }
    return true;
}

}  // namespace

int WrappedSource::map_line(int line) const {
    if (line < 1 || line > static_cast<int>(article_line.size())) {
        return 0;
    }
    return article_line[line - 1];
}

namespace {

// Where the raw string literal (`r"..."`, `r#"..."#`) that starts at `i` ends (one past its
// closing quote and hashes, or the text's end), or 0 when none starts there.
std::size_t raw_string_end(const std::string& code, std::size_t i) {
    const std::size_t n = code.size();
    if (code[i] != 'r' || i + 1 >= n || (code[i + 1] != '"' && code[i + 1] != '#') ||
        (i > 0 && (std::isalnum(static_cast<unsigned char>(code[i - 1])) || code[i - 1] == '_'))) {
        return 0;
    }
    std::size_t k = i + 1;
    int hashes = 0;
    while (k < n && code[k] == '#') {
        ++hashes;
        ++k;
    }
    if (k >= n || code[k] != '"') {
        return 0;
    }
    std::string close = "\"" + std::string(hashes, '#');
    std::size_t e = code.find(close, k + 1);
    return e == std::string::npos ? n : e + close.size();
}

}  // namespace

std::string strip_comments_and_strings(const std::string& code) {
    std::string out = code;
    std::size_t i = 0;
    const std::size_t n = code.size();
    auto blank = [&](std::size_t from, std::size_t to) {
        for (std::size_t k = from; k < to && k < n; ++k) {
            if (out[k] != '\n') {
                out[k] = ' ';
            }
        }
    };
    while (i < n) {
        char c = code[i];
        if (c == '/' && i + 1 < n && code[i + 1] == '/') {
            std::size_t e = code.find('\n', i);
            e = e == std::string::npos ? n : e;
            blank(i, e);
            i = e;
        } else if (c == '/' && i + 1 < n && code[i + 1] == '*') {
            std::size_t e = code.find("*/", i + 2);
            e = e == std::string::npos ? n : e + 2;
            blank(i, e);
            i = e;
        } else if (std::size_t e = raw_string_end(code, i); e != 0) {
            blank(i + 1, e);
            i = e;
        } else if (c == '"') {
            std::size_t k = i + 1;
            while (k < n && code[k] != '"') {
                k += code[k] == '\\' ? 2 : 1;
            }
            blank(i + 1, k);
            i = k + 1;
        } else if (c == '\'' && i + 2 < n && (code[i + 2] == '\'' || (code[i + 1] == '\\' && i + 3 < n))) {
            std::size_t e = code.find('\'', i + 2);
            if (e != std::string::npos && e - i <= 10) {
                blank(i + 1, e);
                i = e + 1;
            } else {
                ++i;
            }
        } else {
            ++i;
        }
    }
    return out;
}

std::vector<std::string> declared_features(const std::string& code) {
    static const Regex kFeature(R"(#!\s*\[\s*feature\s*\(([^)]*)\)\s*\])");
    static const Regex kName(R"([A-Za-z_][A-Za-z0-9_]*)");
    std::vector<std::string> out;
    for (const auto& m : kFeature.find_all(strip_comments_and_strings(code))) {
        for (const auto& n : kName.find_all(m[1])) {
            if (std::find(out.begin(), out.end(), n[0]) == out.end()) {
                out.push_back(n[0]);
            }
        }
    }
    return out;
}

std::set<std::string> path_roots(const std::string& code, std::set<std::string>* declared_in_use) {
    std::string s = strip_comments_and_strings(code);
    static const std::set<std::string> kNotCrates{"std", "core", "alloc", "self", "super", "crate", "proc_macro", "test"};
    std::set<std::string> declared_mods;
    static const Regex kMod(R"(\bmod\s+([a-z_][a-z0-9_]*))");
    for (const auto& it : kMod.find_all(s)) {
        declared_mods.insert(it[1]);
    }
    std::set<std::string> roots;
    auto add = [&](const std::string& name, bool from_use) {
        if (kNotCrates.count(name) || declared_mods.count(name)) {
            return;
        }
        roots.insert(name);
        if (from_use && declared_in_use) {
            declared_in_use->insert(name);
        }
    };
    // `use a::{b::c, D}` makes b, c and D local names: they are not crate roots later.
    static const Regex kUse(R"((?:^|[;{}\s])(?:pub(?:\([^)]*\))?\s+)?use\s+(?:::)?([a-z_][a-z0-9_]*)([^;]*);?)");
    static const Regex kIdent(R"([A-Za-z_][A-Za-z0-9_]*)");
    for (const auto& it : kUse.find_all(s)) {
        add(it[1], true);
        std::string tree = it[2];
        for (const auto& jt : kIdent.find_all(tree)) {
            if (jt[0] != "self" && jt[0] != "as") {
                declared_mods.insert(jt[0]);
            }
        }
    }
    // `use {defmt_rtt as _, panic_probe as _};`: a group of crates at the root.
    static const Regex kUseGroup(R"((?:^|[;{}\s])use\s+(?:::)?\{([^;]*)\}\s*;)");
    static const Regex kGroupRoot(R"((?:^|[{,])\s*([a-z_][a-z0-9_]*))");
    for (const auto& it : kUseGroup.find_all(s)) {
        std::string group = it[1];
        int depth = 0;
        std::string top;  // the group with nested braces removed
        for (char c : group) {
            depth += c == '{' ? 1 : c == '}' ? -1 : 0;
            if (depth == 0 && c != '}') {
                top += c;
            }
        }
        for (const auto& jt : kGroupRoot.find_all(top)) {
            add(jt[1], true);
        }
    }
    static const Regex kExtern(R"(\bextern\s+crate\s+([a-z_][a-z0-9_]*))");
    for (const auto& it : kExtern.find_all(s)) {
        add(it[1], true);
    }
    // `name::item` or `name::{...}`; not `f::<T>()`, whose `::<` starts generic arguments.
    static const Regex kPath(R"((^|[^A-Za-z0-9_:.'])([a-z_][a-z0-9_]*)::\s*[A-Za-z_{*])");
    for (const auto& it : kPath.find_all(s)) {
        add(it[2], false);
    }
    // `use a::{b, c}` inner names are not roots, but a `use` group of crates is rare; ignore.
    return roots;
}

std::vector<std::string> find_placeholders(const std::string& code) {
    std::vector<std::string> out;
    auto lines = split_lines(code);
    std::string stripped = strip_comments_and_strings(code);
    auto slines = split_lines(stripped);
    static const Regex kDots(R"((^|[\s(,{\[])\.\.\.($|[\s)},;\]]))");
    static const Regex kTodo(R"(\b(todo|unimplemented)!\s*\()");
    for (std::size_t i = 0; i < slines.size(); ++i) {
        if (kDots.search(slines[i])) {
            out.push_back(fmt::format("`...` stands for code (snippet line {})", i + 1));
        }
        if (kTodo.search(slines[i])) {
            out.push_back(fmt::format("`todo!()` placeholder (snippet line {})", i + 1));
        }
    }
    // A block whose only content is a comment: `{ // Implementation }` over lines.
    for (std::size_t i = 0; i + 2 < lines.size() + 1 && i < lines.size(); ++i) {
        std::string t = trim(slines[i]);
        if (t.empty() || t.back() != '{' || t.find("fn ") == std::string::npos) {
            continue;
        }
        std::size_t k = i + 1;
        bool only_comments = false;
        while (k < lines.size() && trim(slines[k]).empty() && !trim(lines[k]).empty()) {
            only_comments = true;
            ++k;
        }
        if (only_comments && k < lines.size() && trim(slines[k]).starts_with("}")) {
            out.push_back(fmt::format("function body is only a comment (`{}`, snippet line {})", trim(lines[i + 1]), i + 2));
        }
    }
    return out;
}

WrappedSource wrap_rust(const Snippet& snippet, const std::string& context,
                        const std::vector<std::string>& externs) {
    WrappedSource w;
    auto lines = split_lines(snippet.code);
    std::string stripped = strip_comments_and_strings(snippet.code);
    auto slines = split_lines(stripped);
    std::vector<std::pair<std::string, int>> head;  // hoisted lines with their article lines
    std::vector<std::pair<std::string, int>> body;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        int article = snippet.start_line + static_cast<int>(i);
        std::string t = trim(i < slines.size() ? slines[i] : "");
        if (t.starts_with("#![") || t.starts_with("extern crate ")) {
            head.emplace_back(lines[i], article);
            body.emplace_back("", article);  // keep the line count so that lines still map
        } else {
            body.emplace_back(lines[i], article);
        }
    }
    bool main = has_main(stripped);
    bool items = !main && items_only(slines);
    w.crate_type = main ? "bin" : items ? "lib" : "bin";
    w.wrapped_in_main = !main && !items;
    auto emit = [&](const std::string& text, int article) {
        w.text += text;
        w.text += '\n';
        w.article_line.push_back(article);
    };
    emit("#![allow(unused)]", 0);
    for (const auto& [text, article] : head) {
        emit(text, article);
    }
    for (const auto& name : externs) {
        emit(fmt::format("extern crate {};", name), 0);
    }
    if (!context.empty()) {
        for (const auto& line : split_lines(context)) {
            emit(line, 0);
        }
    }
    if (w.wrapped_in_main) {
        emit("fn main() {", 0);
    }
    for (const auto& [text, article] : body) {
        emit(text, article);
    }
    if (w.wrapped_in_main) {
        emit("}", 0);
    }
    return w;
}

std::string items_of(const std::string& code) {
    auto lines = split_lines(code);
    auto slines = split_lines(strip_comments_and_strings(code));
    std::string out;
    int depth = 0;
    bool keep = false;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        std::string t = trim(slines[i]);
        if (depth == 0) {
            static const Regex kMain(R"(\bfn\s+main\s*\()");
            keep = !t.empty() && starts_with_item_keyword(t) && !kMain.search(t) &&
                   !t.starts_with("//") && !t.starts_with("#![");
        }
        for (char c : t) {
            depth += c == '{' ? 1 : c == '}' ? -1 : 0;
        }
        depth = std::max(depth, 0);
        if (keep) {
            out += lines[i];
            out += '\n';
        }
    }
    return out;
}

}  // namespace snipcheck
