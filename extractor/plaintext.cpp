#include "extractor/plaintext.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <string>

#include "extractor/command_line.hpp"
#include "extractor/item_syntax.hpp"
#include "extractor/line_model.hpp"
#include "extractor/line_states.hpp"
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

std::size_t indentation(std::string_view line) {
    std::size_t a = line.find_first_not_of(" \t");
    return a == std::string_view::npos ? 0 : a;
}

// Where a `//` comment starts on a line (outside double-quoted strings), or npos.
std::size_t comment_start(std::string_view t) {
    bool quoted = false;
    for (std::size_t i = 0; i + 1 < t.size(); ++i) {
        if (t[i] == '\\' && quoted) {
            ++i;
        } else if (t[i] == '"') {
            quoted = !quoted;
        } else if (!quoted && t[i] == '/' && t[i + 1] == '/') {
            return i;
        }
    }
    return std::string_view::npos;
}

// How a text browser wrapped the page's preformatted lines (lynx cuts them at its page width,
// mid-token, and starts the rest at the margin): the widest lines' width, and whether several
// lines reach it exactly (then every line that wide was cut).
// Others (html2text) wrap them as they wrap prose, at a space they drop, at the page's width:
// the widest width that several lines reach (a few longer lines are words it could not break).
struct Wrap {
    std::size_t width = 0;  // 0: the text shows no such edge
    bool edge = false;
    std::size_t page = 0;  // 0: no width that several lines reach
};

constexpr std::size_t kWrapWidth = 60;  // narrower pages are not taken for wrapped ones
constexpr std::size_t kReaching = 3;    // lines that must reach a width for it to be the page's
constexpr std::size_t kCutSlack = 8;   // columns short of the page a line dumped flat was cut at
constexpr double kOwnLineCode = 0.8;    // code posterior of a line below a comment that is no rest

Wrap wrap_of(const std::vector<std::string_view>& lines) {
    std::vector<std::size_t> count;
    for (auto l : lines) {
        std::size_t w = width_of(l);
        count.resize(std::max(count.size(), w + 1));
        ++count[w];
    }
    Wrap wrap;
    std::size_t widest = count.empty() ? 0 : count.size() - 1;
    // Prose as wide as the widest lines: the dumper wraps there at spaces, and cuts nothing. (A
    // comment's words read as prose too, but a comment is preformatted text like the code.)
    const LineModel& model = LineModel::embedded();
    bool prose_reaches = std::any_of(lines.begin(), lines.end(), [&](std::string_view l) {
        return width_of(l) == widest && comment_start(l) != indentation(l) &&
               log_posteriors(model.score(l).state)[kProse] > std::log(0.5);
    });
    if (widest >= kWrapWidth && !prose_reaches) {
        wrap.width = widest;
        wrap.edge = count[widest] >= kReaching;
    }
    for (std::size_t w = widest; w >= kWrapWidth && w < count.size(); --w) {
        if (count[w] >= kReaching) {
            wrap.page = w;
            break;
        }
    }
    return wrap;
}

// A character of a word or name: a cut between two of them is a cut inside a token.
bool word_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

// Whether a line below a comment is code of its own, not the comment's rest. Code has no
// backticks outside strings; a line with one is words. Else it is code when it carries a comment
// of its own, ends as a statement or block does (before that comment), ends as a field, variant
// or arm does (a comma after no space, a colon or `=>`), or the model is sure of it and it is
// more than one word (a lone word is as often a sentence's last).
bool code_of_its_own(std::string_view rest) {
    if (rest.empty() || rest.find('`') != std::string_view::npos) {
        return false;
    }
    std::size_t comment = comment_start(rest);
    if (comment != std::string_view::npos && comment > 0) {
        return true;
    }
    if (reads_as_statement(rest) ||
        (rest.back() == ',' && (rest.find(' ') == std::string_view::npos || rest.find(':') != std::string_view::npos ||
                                rest.find("=>") != std::string_view::npos))) {
        return true;
    }
    bool word = std::all_of(rest.begin(), rest.end(), word_char);
    return !word && log_posteriors(LineModel::embedded().score(rest).state)[kCode] > std::log(kOwnLineCode);
}

// Whether line `k` of a region was cut by the dumper and goes on in line `k + 1`: it is as wide
// as the page, and either many lines are (an edge), or the rest starts at the margin below an
// indented line (code goes on indented; a cut line's rest does not).
bool cut_at(const std::vector<std::string_view>& lines, std::size_t k, const Wrap& wrap) {
    if (wrap.width == 0 || k + 1 >= lines.size() || width_of(lines[k]) != wrap.width ||
        lines[k + 1].find_first_not_of(" \t") == std::string_view::npos) {
        return false;
    }
    if (wrap.edge || (indentation(lines[k]) > 0 && indentation(lines[k + 1]) == 0)) {
        return true;
    }
    // A comment as wide as the page, whose rest starts at the margin and ends as no statement,
    // argument or element does.
    std::string_view next = lines[k + 1];
    next = next.substr(0, next.find_last_not_of(" \t") + 1);
    return comment_start(lines[k]) != std::string_view::npos && indentation(next) == 0 && !code_of_its_own(next) &&
           std::string_view(",)]").find(next.back()) == std::string_view::npos && !next.starts_with("#");
}

// Whether line `k` ends in a comment that the dumper wrapped at a space and that goes on in line
// `k + 1`: the first word below would not have fitted on line `k` at the page's width, and the
// line below starts with a word, no further in than line `k` (the rest starts at the margin;
// code goes on indented).
// `in_comment`: line `k` is itself the rest of a wrapped comment; `depth`: the brackets open
// before line `k`. A dump that lost its indentation (line `k` at the margin inside brackets)
// is measured with rustfmt's four columns a bracket given back. The line below is no rest when
// it is code of its own (`Box::new(t)`, `NotReady,`, `f(x); // ✅`).
bool comment_wrapped_at(const std::vector<std::string_view>& lines, std::size_t k, const Wrap& wrap, bool in_comment,
                        int depth) {
    if (wrap.page == 0 || k + 1 >= lines.size() || (!in_comment && comment_start(lines[k]) == std::string_view::npos)) {
        return false;
    }
    std::string_view next = lines[k + 1];
    std::size_t start = next.find_first_not_of(" \t");
    if (start == std::string_view::npos || std::string_view("})]/#.").find(next[start]) != std::string_view::npos ||
        start > indentation(lines[k])) {
        return false;
    }
    std::string_view rest = next.substr(start, next.find_last_not_of(" \t") + 1 - start);
    if (code_of_its_own(rest)) {
        return false;
    }
    std::size_t end = std::min(rest.find_first_of(" \t"), rest.size());
    std::size_t width = width_of(lines[k]);
    width += indentation(lines[k]) == 0 && depth > 0 ? 4 * static_cast<std::size_t>(depth) : 0;
    return width <= wrap.page && width + 1 + width_of(rest.substr(0, end)) > wrap.page;
}

// Whether line `k` was cut mid-word by a dumper that cuts its preformatted lines (lynx), where
// the page's width does not show it exactly (a listing in a list or quote; a dump that lost
// its indentation, measured with rustfmt's four columns a bracket open before it, `depth`): it
// comes within kCutSlack columns of the page's width and its rest starts at the margin. Code
// cut so leaves a bracket open, ends in a word's letter and goes on with lower-case letters that
// are no Rust keyword (`.to_strin` / `g());`): code breaks no line that long that way, but after
// an open bracket with an argument of its own, or a `.`. A comment cut so ends in a word's
// letter and goes on with the rest of the word, which is no code of its own (`goin` / `g)`).
bool cut_mid_word(const std::vector<std::string_view>& lines, std::size_t k, const Wrap& wrap, int depth) {
    if (k + 1 >= lines.size() || lines[k + 1].empty()) {
        return false;
    }
    std::string_view line = lines[k];
    line = line.substr(0, line.find_last_not_of(" \t") + 1);
    if (line.ends_with(" /") && lines[k + 1].substr(indentation(lines[k + 1])).starts_with("/")) {
        return true;  // a `//` cut between its slashes: no Rust line ends in a lone `/`
    }
    if (wrap.page == 0 || indentation(lines[k + 1]) > 0) {
        return false;
    }
    std::size_t given_back = indentation(line) == 0 ? 4 * static_cast<std::size_t>(std::max(depth, 0)) : 0;
    if (line.empty() || width_of(line) + given_back + kCutSlack < wrap.page) {
        return false;
    }
    std::string_view next = lines[k + 1];
    next = next.substr(0, next.find_last_not_of(" \t") + 1);
    std::size_t end = 0;
    while (end < next.size() && word_char(next[end])) {
        ++end;
    }
    if (!word_char(line.back()) || end == 0 || rust_keyword(next.substr(0, end))) {
        return false;
    }
    if (comment_start(line) != std::string_view::npos) {
        return !code_of_its_own(next);
    }
    return depth_change(line) > 0 && std::islower(static_cast<unsigned char>(next[0]));
}

// A region's lines with each one the dumper cut joined to its rest, which is left blank: the
// code reads as the article wrote it, and every line keeps its number. A line cut mid-token
// joins its rest as it is; a comment wrapped at a space gets the space back.
std::vector<std::string> unwrapped(const std::vector<std::string_view>& lines, int first, int last, const Wrap& wrap) {
    std::vector<std::string> out(lines.begin() + first, lines.begin() + last + 1);
    int depth = 0;  // brackets open before out[k]
    for (std::size_t k = 0; k < out.size(); ++k) {
        std::size_t piece = k;
        bool in_comment = false;
        while (static_cast<int>(first + piece) < last) {
            if (cut_at(lines, first + piece, wrap)) {
                out[k] += out[piece + 1];
            } else if (comment_wrapped_at(lines, first + piece, wrap, in_comment, depth)) {
                std::string_view rest = out[piece + 1];
                out[k] += " ";
                out[k] += rest.substr(rest.find_first_not_of(" \t"));
                in_comment = true;
            } else if (cut_mid_word(lines, first + piece, wrap, depth)) {
                out[k] += std::string_view(out[piece + 1]).substr(indentation(out[piece + 1]));
            } else {
                break;
            }
            out[++piece].clear();
        }
        depth = std::max(0, depth + depth_change(out[k]));
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
        out.back().unsure_head = s.unsure_head;
        out.back().unsure_tail = s.unsure_tail;
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
