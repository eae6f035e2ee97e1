#include "extractor/static_site.hpp"

#include <algorithm>

#include "extractor/plaintext.hpp"
#include "model/regex.hpp"

namespace snipcheck {

namespace {

// A Markdown fence line: its character and length, or 0 when the line is not one.
std::pair<char, std::size_t> fence_of(std::string_view line) {
    std::size_t i = line.find_first_not_of(' ');
    if (i == std::string_view::npos || i > 3 || (line[i] != '`' && line[i] != '~')) {
        return {0, 0};
    }
    std::size_t n = line.find_first_not_of(line[i], i);
    n = (n == std::string_view::npos ? line.size() : n) - i;
    return n >= 3 ? std::make_pair(line[i], n) : std::make_pair(char{0}, std::size_t{0});
}

// `<!-- snipcheck: expect X -->` on the line before a block, as markdown.cpp reads it.
std::string expectation_of(std::string_view line) {
    std::size_t at = line.find("snipcheck:");
    if (!line.starts_with("<!--") || at == std::string_view::npos) {
        return "";
    }
    std::string rest(line.substr(at + 10));
    rest = rest.substr(0, rest.find("-->"));
    std::size_t b = rest.find_first_not_of(' ');
    std::size_t e = rest.find_last_not_of(' ');
    rest = b == std::string::npos ? "" : rest.substr(b, e - b + 1);
    return rest.starts_with("expect ") ? rest.substr(7) : rest;
}

}  // namespace

namespace {

// The open and close lines of Hugo's and Jekyll's highlight shortcodes.
struct Shortcodes {
    Regex hugo_open{R"re(^\s*\{\{[<%]\s*highlight\s+"?([\w+#.-]+)"?[^>%]*[>%]\}\}\s*$)re"};
    Regex hugo_close{R"(^\s*\{\{[<%]\s*/highlight\s*[>%]\}\}\s*$)"};
    Regex jekyll_open{R"(^\s*\{%-?\s*highlight\s+([\w+#.-]+)[^%]*-?%\}\s*$)"};
    Regex jekyll_close{R"(^\s*\{%-?\s*endhighlight\s*-?%\}\s*$)"};
};

// Tracks Markdown fences, so that a shortcode shown inside a code block stays code.
class FenceTracker {
public:
    // True when `line` is inside a fenced block or opens or closes one.
    bool in_fence(const std::string& line) {
        auto [fc, fl] = fence_of(line);
        if (char_ != 0) {
            if (fc == char_ && fl >= len_ && line.find_first_not_of(std::string(1, fc) + " ", line.find(fc)) == std::string::npos) {
                char_ = 0;
            }
            return true;
        }
        if (fc != 0) {
            char_ = fc;
            len_ = fl;
            return true;
        }
        return false;
    }

private:
    char char_ = 0;
    std::size_t len_ = 0;
};

// The block opened at line `i` (0-based) and closed by `close` at the returned line (or the
// end of the text); its code is the lines between.
std::size_t read_shortcode_block(const std::vector<std::string_view>& lines, std::size_t i, const Regex& close,
                                 Block& b) {
    std::size_t end = i + 1;
    while (end < lines.size() && !close.search(lines[end])) {
        ++end;
    }
    for (std::size_t k = i + 1; k < end; ++k) {
        b.code += std::string(lines[k]);
        if (k + 1 < end) {
            b.code += '\n';
        }
    }
    b.start_line = static_cast<int>(i) + 2;
    b.end_line = static_cast<int>(end);
    return end;
}

}  // namespace

ShortcodeBlocks take_highlight_blocks(std::string_view text) {
    static const Shortcodes codes;
    ShortcodeBlocks out;
    out.text = std::string(text);
    if (text.find("highlight") == std::string_view::npos) {
        return out;
    }
    std::vector<std::string_view> lines = split_lines(text);
    std::vector<std::size_t> starts;
    std::size_t pos = 0;
    for (auto l : lines) {
        starts.push_back(pos);
        pos += l.size() + 1;
    }
    auto blank = [&](std::size_t first, std::size_t last) {  // 0-based lines, inclusive
        for (std::size_t i = first; i <= last && i < lines.size(); ++i) {
            std::fill_n(out.text.begin() + static_cast<long>(starts[i]), lines[i].size(), ' ');
        }
    };
    FenceTracker fences;
    std::string prev;  // the last non-blank line before this one
    for (std::size_t i = 0; i < lines.size(); ++i) {
        std::string line(lines[i]);
        if (fences.in_fence(line)) {
            continue;
        }
        RegexMatch m;
        bool hugo = codes.hugo_open.search(line, m);
        if (!hugo && !codes.jekyll_open.search(line, m)) {
            prev = line.find_first_not_of(" \t") != std::string::npos ? line : prev;
            continue;
        }
        Block b;
        b.info = m[1];
        b.expectation = expectation_of(prev);
        std::size_t end = read_shortcode_block(lines, i, hugo ? codes.hugo_close : codes.jekyll_close, b);
        if (end == lines.size()) {
            out.warnings.push_back({static_cast<int>(i) + 1, "highlight block is never closed; the block runs to the end of the file"});
        }
        blank(i, end);
        if (end > i + 1) {
            out.blocks.push_back(std::move(b));
        }
        i = end;
        prev.clear();
    }
    return out;
}

}  // namespace snipcheck
