#include "extractor/plaintext.hpp"

#include "extractor/line_classifier.hpp"

namespace snipcheck {

std::vector<std::string_view> split_lines(std::string_view text) {
    std::vector<std::string_view> lines;
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t nl = text.find('\n', start);
        if (nl == std::string_view::npos) {
            if (start < text.size()) {
                lines.push_back(text.substr(start));
            }
            break;
        }
        lines.push_back(text.substr(start, nl - start));
        start = nl + 1;
    }
    return lines;
}

namespace {

bool is_code_like(LineClass c) {
    return c == LineClass::Code || c == LineClass::Weak || c == LineClass::Hash ||
           c == LineClass::Blank;
}

// The language most lines vote for; Hash lines are comments in TOML and shell.
std::string vote(const std::vector<LineVerdict>& v, int from, int to) {
    int rust = 0;
    int toml = 0;
    int shell = 0;
    for (int i = from; i <= to; ++i) {
        rust += v[i].language == LineLanguage::Rust;
        toml += v[i].language == LineLanguage::Toml;
        shell += v[i].language == LineLanguage::Shell;
    }
    if (rust == 0 && toml == 0 && shell == 0) {
        return "text";
    }
    if (toml > rust && toml >= shell) {
        return "toml";
    }
    if (shell > rust && shell > toml) {
        return "shell";
    }
    return "rust";
}

// Markdown blocks that a page rendered as code: a `# Heading` followed only by headings and
// list items (blank lines allowed). For each line, the last line of the block it opens, or -1.
// One backward pass keeps this linear however long the runs are.
std::vector<int> markdown_block_ends(const std::vector<LineVerdict>& v) {
    const int n = static_cast<int>(v.size());
    std::vector<int> run_last(n + 1, -1);
    std::vector<int> bullets(n + 1, 0);
    std::vector<int> ends(n, -1);
    for (int i = n - 1; i >= 0; --i) {
        LineClass c = v[i].cls;
        if (c == LineClass::Blank) {
            run_last[i] = run_last[i + 1];
            bullets[i] = bullets[i + 1];
        } else if (c == LineClass::Hash || c == LineClass::Bullet) {
            run_last[i] = run_last[i + 1] >= 0 ? run_last[i + 1] : i;
            bullets[i] = bullets[i + 1] + (c == LineClass::Bullet);
        }
        if (c == LineClass::Hash && bullets[i] > 0 && run_last[i] > i) {
            ends[i] = run_last[i];
        }
    }
    return ends;
}

// Classifies every line; the body of a multi-line raw string (r#"...\n..."#) is code whatever
// it looks like (SQL, say), so those lines are carried as Weak Rust.
std::vector<LineVerdict> classify_all(const std::vector<std::string_view>& lines) {
    std::vector<LineVerdict> v;
    v.reserve(lines.size());
    bool in_raw_string = false;
    for (auto line : lines) {
        if (in_raw_string) {
            v.push_back({LineClass::Weak, LineLanguage::Rust});
            in_raw_string = line.find("\"#") == std::string_view::npos;
            continue;
        }
        v.push_back(classify_line(line));
        std::size_t open = line.find("r#\"");
        if (open != std::string_view::npos && v.back().cls == LineClass::Code) {
            in_raw_string = line.find("\"#", open + 3) == std::string_view::npos;
        }
    }
    return v;
}

}  // namespace

std::vector<Region> detect_regions(std::string_view text) {
    auto lines = split_lines(text);
    auto v = classify_all(lines);
    const int n = static_cast<int>(v.size());
    const std::vector<int> markdown_end = markdown_block_ends(v);
    std::vector<Region> out;
    int i = 0;
    while (i < n) {
        if (v[i].cls == LineClass::Hash) {
            int end = markdown_end[i];
            if (end >= 0) {
                out.push_back({i + 1, end + 1, "markdown"});
                i = end + 1;
                continue;
            }
        }
        if (v[i].cls == LineClass::Weak) {
            // A lone heading word ("Challenges") before a Markdown block must not swallow it.
            int k = i;
            while (k < n && (v[k].cls == LineClass::Weak || v[k].cls == LineClass::Blank)) {
                ++k;
            }
            if (k < n && markdown_end[k] >= 0) {
                i = k;
                continue;
            }
        }
        if (!is_code_like(v[i].cls) || v[i].cls == LineClass::Blank) {
            ++i;
            continue;
        }
        int j = i;
        while (j + 1 < n && is_code_like(v[j + 1].cls) && markdown_end[j + 1] < 0) {
            ++j;
        }
        // Trim what cannot end a region: blanks, lone words and comments at the end; blanks and
        // lone words at the start (a leading `# comment` stays: it introduces the code).
        int first = i;
        int last = j;
        while (last > first && (v[last].cls == LineClass::Blank || v[last].cls == LineClass::Weak ||
                                v[last].cls == LineClass::Hash)) {
            --last;
        }
        while (first < last && (v[first].cls == LineClass::Blank || v[first].cls == LineClass::Weak)) {
            ++first;
        }
        int code_lines = 0;
        int non_blank = 0;
        for (int k = first; k <= last; ++k) {
            code_lines += v[k].cls == LineClass::Code;
            non_blank += v[k].cls != LineClass::Blank;
        }
        std::string language = vote(v, first, last);
        // One line of code on its own is only a snippet when it is a command; a lone Rust-looking
        // line between sentences is usually inline code that lost its spacing.
        bool enough = code_lines >= 2 || (code_lines == 1 && non_blank >= 2 && language != "text") ||
                      (code_lines == 1 && language == "shell");
        if (enough && language != "text") {
            out.push_back({first + 1, last + 1, language});
        }
        i = j + 1;
    }
    return out;
}

std::string detect_language(std::string_view code) {
    auto lines = split_lines(code);
    auto v = classify_all(lines);
    if (v.empty()) {
        return "text";
    }
    bool only_markdown = true;
    bool any_hash = false;
    for (const auto& lv : v) {
        any_hash |= lv.cls == LineClass::Hash;
        only_markdown &= lv.cls == LineClass::Hash || lv.cls == LineClass::Bullet ||
                         lv.cls == LineClass::Blank || lv.cls == LineClass::Prose;
    }
    std::string language = vote(v, 0, static_cast<int>(v.size()) - 1);
    if (language == "text" && only_markdown && any_hash) {
        return "markdown";
    }
    return language;
}

}  // namespace snipcheck
