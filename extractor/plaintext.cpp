#include "extractor/plaintext.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <string>

#include "extractor/line_model.hpp"
#include "extractor/segment.hpp"

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

enum class Shape { Blank, Hash, Bullet, Other };

// The Markdown shape of a line: `# heading`, a list item, blank, or anything else.
Shape markdown_shape(std::string_view line) {
    std::string_view t = model_text(line);
    if (t.empty()) {
        return Shape::Blank;
    }
    if (t[0] == '#') {
        return t.starts_with("#[") || t.starts_with("#!") ? Shape::Other : Shape::Hash;
    }
    for (std::string_view bullet : {"\u2022", "\u00B7", "\u25AA", "\u25E6", "- ", "* ", "+ "}) {
        if (t.starts_with(bullet)) {
            return Shape::Bullet;
        }
    }
    std::size_t digits = 0;
    while (digits < t.size() && std::isdigit(static_cast<unsigned char>(t[digits]))) {
        ++digits;
    }
    bool numbered = digits > 0 && digits + 1 < t.size() && (t[digits] == '.' || t[digits] == ')') && t[digits + 1] == ' ';
    return numbered ? Shape::Bullet : Shape::Other;
}

// Markdown blocks that a page rendered as code: a `# Heading` followed only by headings and
// list items (blank lines allowed), with one list item at least. For each line, the last line
// of the block it opens, or -1. One backward pass keeps this linear.
std::vector<int> markdown_block_ends(const std::vector<Shape>& v) {
    const int n = static_cast<int>(v.size());
    std::vector<int> run_last(n + 1, -1);
    std::vector<int> bullets(n + 1, 0);
    std::vector<int> ends(n, -1);
    for (int i = n - 1; i >= 0; --i) {
        if (v[i] == Shape::Blank) {
            run_last[i] = run_last[i + 1];
            bullets[i] = bullets[i + 1];
        } else if (v[i] == Shape::Hash || v[i] == Shape::Bullet) {
            run_last[i] = run_last[i + 1] >= 0 ? run_last[i + 1] : i;
            bullets[i] = bullets[i + 1] + (v[i] == Shape::Bullet);
        }
        if (v[i] == Shape::Hash && bullets[i] > 0 && run_last[i] > i) {
            ends[i] = run_last[i];
        }
    }
    return ends;
}

// A region's lines without the `> ` quote markers every line carries and without the
// indentation they all share (a list's, a blockquote's).
std::string region_code(const std::vector<std::string_view>& lines, int first, int last) {
    std::vector<std::string_view> body(lines.begin() + first, lines.begin() + last + 1);
    auto quoted = [](std::string_view l) {
        std::size_t a = l.find_first_not_of(" \t");
        return a == std::string_view::npos || (l[a] == '>' && (a + 1 == l.size() || l[a + 1] == ' '));
    };
    while (std::all_of(body.begin(), body.end(), quoted) &&
           std::any_of(body.begin(), body.end(), [](auto l) { return l.find('>') != std::string_view::npos; })) {
        for (auto& l : body) {
            std::size_t a = l.find('>');
            l = a == std::string_view::npos ? std::string_view{} : l.substr(std::min(l.size(), a + 2));
        }
    }
    std::size_t indent = std::string_view::npos;
    for (auto l : body) {
        if (std::size_t a = l.find_first_not_of(" \t"); a != std::string_view::npos) {
            indent = std::min(indent, a);
        }
    }
    std::string out;
    for (std::size_t k = 0; k < body.size(); ++k) {
        out.append(body[k].size() > indent ? body[k].substr(indent) : std::string_view{});
        out += k + 1 < body.size() ? "\n" : "";
    }
    return out;
}

// Characters in a line (UTF-8 code points), as a text browser counts columns.
std::size_t columns(std::string_view line) {
    return static_cast<std::size_t>(
        std::count_if(line.begin(), line.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

// How a text browser wrapped the page's preformatted lines (lynx cuts them at its page width,
// mid-token, and starts the rest at the margin): the widest lines' width, and whether several
// lines reach it exactly (then every line that wide was cut).
struct Wrap {
    std::size_t width = 0;  // 0: the text shows no such edge
    bool edge = false;
};

Wrap wrap_of(const std::vector<std::string_view>& lines) {
    std::size_t widest = 0;
    std::size_t reaching = 0;
    for (auto l : lines) {
        std::size_t w = columns(l);
        if (w > widest) {
            widest = w;
            reaching = 0;
        }
        reaching += w == widest;
    }
    return widest >= 60 ? Wrap{widest, reaching >= 3} : Wrap{};
}

std::size_t indentation(std::string_view line) {
    std::size_t a = line.find_first_not_of(" \t");
    return a == std::string_view::npos ? 0 : a;
}

// Whether line `k` of a region was cut by the dumper and goes on in line `k + 1`: it is as wide
// as the page, and either many lines are (an edge), or the rest starts at the margin below an
// indented line (code goes on indented; a cut line's rest does not).
bool cut_at(const std::vector<std::string_view>& lines, std::size_t k, const Wrap& wrap) {
    if (wrap.width == 0 || k + 1 >= lines.size() || columns(lines[k]) != wrap.width ||
        lines[k + 1].find_first_not_of(" \t") == std::string_view::npos) {
        return false;
    }
    return wrap.edge || (indentation(lines[k]) > 0 && indentation(lines[k + 1]) == 0);
}

// A region's lines with each one the dumper cut joined to its rest, which is left blank: the
// code reads as the article wrote it, and every line keeps its number.
std::vector<std::string> unwrapped(const std::vector<std::string_view>& lines, int first, int last, const Wrap& wrap) {
    std::vector<std::string> out(lines.begin() + first, lines.begin() + last + 1);
    for (std::size_t k = 0; k < out.size(); ++k) {
        std::size_t piece = k;
        while (static_cast<int>(first + piece) < last && cut_at(lines, first + piece, wrap)) {
            out[k] += out[piece + 1];
            out[++piece].clear();
        }
        k = piece;
    }
    return out;
}

// A region found in lines first..last (0-based, inclusive): its language decided here, not
// declared by the article. A region that is nothing but quote markers keeps its lines as written.
Block region_block(const std::vector<std::string_view>& lines, int first, int last, std::string language,
                   const Wrap& wrap) {
    Block b;
    b.start_line = first + 1;
    b.end_line = last + 1;
    b.origin = Origin::Detected;
    b.language = std::move(language);
    const std::vector<std::string> joined = unwrapped(lines, first, last, wrap);
    const std::vector<std::string_view> views(joined.begin(), joined.end());
    b.code = region_code(views, 0, last - first);
    if (b.code.empty()) {
        for (int k = first; k <= last; ++k) {
            b.code.append(lines[k]);
            b.code += k < last ? "\n" : "";
        }
    }
    return b;
}

}  // namespace

std::vector<Block> detect_regions(std::string_view text) {
    auto lines = split_lines(text);
    const int n = static_cast<int>(lines.size());
    std::vector<Shape> shapes;
    shapes.reserve(lines.size());
    for (auto line : lines) {
        shapes.push_back(markdown_shape(line));
    }
    const std::vector<int> markdown_end = markdown_block_ends(shapes);
    std::vector<bool> excluded(lines.size(), false);
    std::vector<Block> out;
    for (int i = 0; i < n; ++i) {
        if (markdown_end[i] >= 0) {
            out.push_back(region_block(lines, i, markdown_end[i], "markdown", Wrap{}));
            std::fill(excluded.begin() + i, excluded.begin() + markdown_end[i] + 1, true);
            i = markdown_end[i];
        }
    }
    const Wrap wrap = wrap_of(lines);
    for (const Segment& s : segment_lines(lines, excluded, LineModel::embedded())) {
        out.push_back(region_block(lines, s.first, s.last, s.language, wrap));
    }
    std::sort(out.begin(), out.end(), [](const Block& a, const Block& b) { return a.start_line < b.start_line; });
    return out;
}

std::string detect_language(std::string_view code) {
    auto lines = split_lines(code);
    bool markdown = false;
    bool other = false;
    for (auto line : lines) {
        Shape s = markdown_shape(line);
        markdown |= s == Shape::Hash;
        other |= s == Shape::Other;
    }
    if (markdown && !other) {
        return "markdown";
    }
    // A block reads as code when, summed over its lines, the code posterior outweighs both
    // prose and program output.
    const LineModel& model = LineModel::embedded();
    std::array<double, 3> sum{};
    for (auto line : lines) {
        if (!model_text(line).empty()) {
            auto p = log_posteriors(model.score(line).state);
            for (int k = 0; k < 3; ++k) {
                sum[k] += std::exp(p[k]);
            }
        }
    }
    bool reads_as_code = sum[kCode] > std::max(sum[kProse], sum[kOutput]);
    std::string language = reads_as_code ? vote_language(lines, model) : "";
    return language.empty() || language == "other" ? "text" : language;
}

}  // namespace snipcheck
