// Segmentation of a plain-text scrape into code regions (segment.hpp): runs of the lines the
// HMM decodes as code (line_states.hpp), their braces balanced, cut at sentences and where a
// second listing starts, each with the language its lines vote for.
#include "extractor/segment.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <numeric>
#include <set>

#include "extractor/command_line.hpp"
#include "extractor/item_syntax.hpp"
#include "extractor/line_states.hpp"
#include "extractor/region_edges.hpp"

namespace snipcheck {

namespace {

constexpr double kForbidden = -1e9;
constexpr int kBalanceReach = 40;     // lines a region may run on to close its braces
constexpr double kLoneLineSure = 0.9;  // code posterior a one-line region needs
constexpr double kSentenceSure = 0.9;  // prose posterior of a line that ends the code before it
constexpr int kOpenGap = 2;            // lines read as prose that an open brace carries code over

struct Context {
    const std::vector<std::string_view>& text;  // model_text of each line
    const std::vector<bool>& excluded;
    const std::vector<Emission>& emissions;
    const std::vector<int>& state;  // per line; -1 for blank lines
    const LineModel& model;
    const std::vector<bool>& tied;  // per line: it continues the line above, which the dump wrapped
    const std::vector<bool>& at_margin;  // per line: it starts at the page's prose margin
    const std::vector<int>& change;      // per line: its depth_change, strings read across lines
};

// Runs of code lines (blank lines between code lines belong to the run).
std::vector<Segment> code_runs(const Context& c) {
    std::vector<Segment> out;
    int open = -1;
    int last_code = -1;
    for (int i = 0; i < static_cast<int>(c.state.size()); ++i) {
        if (c.state[i] < 0) {
            continue;
        }
        if (c.state[i] == kCode) {
            if (open < 0) {
                open = i;
            }
            last_code = i;
        } else if (open >= 0) {
            out.push_back({open, last_code, ""});
            open = -1;
        }
    }
    if (open >= 0) {
        out.push_back({open, last_code, ""});
    }
    return out;
}

// Moves one edge of a region whose brackets do not balance over the lines that balance them,
// within reach and over at most two prose lines; `step` is +1 (forward) or -1 (backward).
int balance_edge(const Context& c, int edge, int need, int step) {
    int prose = 0;
    for (int k = edge + step, reach = 0; k >= 0 && k < static_cast<int>(c.text.size()) && reach < kBalanceReach;
         k += step, ++reach) {
        if (c.excluded[k] || (c.state[k] != kCode && c.state[k] >= 0 && ++prose > 2)) {
            break;
        }
        need += step * c.change[k];
        if (need <= 0) {
            return k;
        }
    }
    return edge;
}

// A run whose brackets are still open at its end goes on into the next run when at most
// kOpenGap lines (read as prose) stand between them: a blank line or a stray sentence inside an
// open brace does not end the code.
std::vector<Segment> join_open(const Context& c, const std::vector<Segment>& runs) {
    std::vector<Segment> out;
    int depth = 0;  // brackets open at the end of out.back()
    for (const Segment& s : runs) {
        int between = 0;
        bool taken = false;
        for (int k = out.empty() ? s.first : out.back().last + 1; k < s.first; ++k) {
            between += c.state[k] >= 0;
            taken = taken || c.excluded[k];
        }
        if (!out.empty() && depth > 0 && between <= kOpenGap && !taken) {
            depth = std::accumulate(c.change.begin() + out.back().last + 1, c.change.begin() + s.last + 1, depth);
            out.back().last = s.last;
        } else {
            out.push_back(s);
            depth = std::accumulate(c.change.begin() + s.first, c.change.begin() + s.last + 1, 0);
        }
    }
    return out;
}

void balance(const Context& c, Segment& s) {
    int depth = 0;
    int lowest = 0;
    for (int k = s.first; k <= s.last; ++k) {
        depth += c.change[k];
        lowest = std::min(lowest, depth);
    }
    if (depth - lowest > 0) {
        s.last = balance_edge(c, s.last, depth - lowest, +1);
    }
    if (lowest < 0) {
        s.first = balance_edge(c, s.first, -lowest, -1);
    }
}

using Votes = std::array<double, kLanguages>;

// The votes of the lines first..last for each language, each line with its language posterior;
// only lines whose code posterior reaches `floor` vote, and none inside a macro's body (`view! {`
// holds markup, `sql!(` SQL: the macro's syntax, in a Rust listing).
Votes votes(const Context& c, int first, int last, double floor = std::log(0.5)) {
    Votes sum{};
    int depth = 0;
    int macro = -1;  // the depth a macro body opened at, while in one: its lines do not vote
    for (int k = first; k <= last; ++k) {
        bool in_macro = macro >= 0;
        if (c.state[k] >= 0) {
            macro = macro < 0 && opens_macro_body(c.text[k]) ? depth : macro;
            depth += c.change[k];
            macro = depth <= macro ? -1 : macro;
        }
        std::string_view t = c.state[k] < 0 ? "" : hidden_rust(c.text[k]);
        if (in_macro || t.empty() || c.emissions[k][kCode] < floor) {
            continue;
        }
        auto p = log_posteriors(c.model.score(t).language);
        for (int l = 0; l < kLanguages; ++l) {
            sum[l] += std::exp(p[l]);
        }
    }
    return sum;
}

// The language snipcheck checks that won the votes, "" when nothing voted.
std::string winner(const Votes& sum) {
    if (sum[kRust] + sum[kToml] + sum[kShell] <= 0) {
        return "";
    }
    static constexpr std::array<const char*, 3> kNames{"rust", "toml", "shell"};
    return kNames[std::max_element(sum.begin(), sum.begin() + 3) - sum.begin()];
}

// Code in a language snipcheck does not check (JavaScript, C, HTML, ...): its lines vote for
// that more than for Rust, TOML and shell together. Decided on a whole region, never on one of
// its pieces, so that a Rust listing with some lines of markup in a macro stays whole.
bool other_language(const Votes& sum) { return sum[kOtherLanguage] > sum[kRust] + sum[kToml] + sum[kShell]; }

}  // namespace

namespace {

struct Piece {
    Segment lines;
    bool after_sentence = false;  // a sentence, not a blank line, ends the piece before
    std::set<std::string> names;  // that its top-level items define
};

// A line the model is sure is a sentence, outside any item, ends the code before it, even
// where the decoder carried the code across it; so does a line the model leans to prose that is
// written as a sentence (region_edges.hpp: alone or over the lines the dump wrapped it over);
// on a page that indents its paragraphs, so does a line at that margin that the model is not
// sure is code, and does not read as output.
bool sentence(const Context& c, int k, int depth) {
    if (depth > 0 || c.emissions[k] == kCommentLean) {
        return false;
    }
    std::string_view t = c.text[k];
    if (introduces(t) || alert_marker(t) || connective(t) || starts_as_sentence(t)) {
        return true;
    }
    const Emission& e = c.emissions[k];
    if (c.at_margin[k] && e[kCode] < std::log(kCodeSure) && e[kProse] > e[kOutput]) {
        return true;  // where the page indents its paragraphs, not where it puts its code
    }
    bool written = written_sentence(c.text, c.tied, k);
    // Two capitalised bare words in a row are no Rust outside brackets: a heading is prose.
    return heading(t) || c.emissions[k][kProse] > std::log(written ? 0.5 : kSentenceSure);
}

// A region cut at its blank lines and sentences outside brackets, and before a top-level item
// that defines a name its piece defined already (a dumper that keeps no blank line between two
// listings): complete runs of items. So is an item that defines a name of an earlier piece when
// its own piece defined nothing before it but ran statements: they show the code above at work,
// the item starts the next listing. A comment right below code at the top level starts a piece:
// it heads what follows, and goes with it where split() sees a second listing.
std::vector<Piece> pieces(const Context& c, const Segment& s) {
    std::vector<Piece> out;
    int depth = 0;
    int start = -1;
    int last = -1;
    bool sentence_seen = false;  // since the last piece ended
    bool after_sentence = false;  // of the piece being read
    std::set<std::string> defined;  // by the piece being read
    std::set<std::string> earlier;  // by the pieces before it
    bool heads_only = true;  // the piece being read is comments and attributes so far
    bool prompted = false;  // the piece being read is a shell prompt's line
    for (int k = s.first; k <= s.last; ++k) {
        bool cut = c.state[k] < 0 || sentence(c, k, depth);
        std::string name = cut || depth > 0 ? "" : defined_name(c.text[k]);
        bool prompt = !cut && depth <= 0 && shell_prompt(c.text[k]);
        bool heads = !cut && depth <= 0 && start >= 0 && last == k - 1 && c.text[k].starts_with("//") &&
                     !c.text[k - 1].starts_with("//");
        bool again = !name.empty() && (defined.count(name) > 0 ||
                                       (earlier.count(name) > 0 && defined.empty() && !heads_only));
        if (start >= 0 && depth <= 0 && (cut || prompt || prompted || heads || again)) {
            earlier.insert(defined.begin(), defined.end());
            out.push_back({{start, last, ""}, after_sentence, std::move(defined)});
            start = -1;
            defined.clear();
        }
        if (!name.empty()) {
            defined.insert(name);
        }
        if (cut) {
            sentence_seen = sentence_seen || (start < 0 && c.state[k] >= 0);
            continue;
        }
        if (start < 0) {
            start = k;
            after_sentence = sentence_seen;
            sentence_seen = false;
            heads_only = true;
        }
        prompted = prompt;
        heads_only = heads_only && heads_item(c.text[k]);
        last = k;
        depth += c.change[k];
    }
    if (start >= 0) {
        out.push_back({{start, last, ""}, after_sentence, std::move(defined)});
    }
    return out;
}

// Joins the pieces back, except after a sentence or where the next one redefines a name of the
// region so far or speaks another language: two listings the page showed one after the other.
// A comment standing alone between blank lines ("// Desugars to:") divides one listing into two
// versions of the same code: what follows may define the names again.
std::vector<Segment> split(const Context& c, const Segment& s) {
    std::vector<Segment> out;
    std::set<std::string> seen;
    std::vector<Votes> region;  // the votes of each of out, kept as it grows: one pass over the lines
    bool divider = false;       // the piece before is comments alone, between blank lines
    for (const Piece& piece : pieces(c, s)) {
        Segment p = piece.lines;
        Votes own = votes(c, p.first, p.last);
        p.language = winner(own);
        if (divider && !piece.after_sentence) {
            seen.clear();  // "// Desugars to:"
        }
        divider = p.first > 0 && c.state[p.first - 1] < 0 &&
                  std::all_of(c.emissions.begin() + p.first, c.emissions.begin() + p.last + 1,
                              [](const Emission& e) { return e == kCommentLean; });
        const std::set<std::string>& defined = piece.names;
        bool clash = std::any_of(defined.begin(), defined.end(), [&](const auto& d) { return seen.count(d) > 0; });
        bool other = !out.empty() && !p.language.empty() && !out.back().language.empty() &&
                     p.language != out.back().language;
        if (out.empty() || clash || other || piece.after_sentence) {
            out.push_back(p);
            seen.clear();
            region.push_back(own);
        } else {
            out.back().last = p.last;
            for (int l = 0; l < kLanguages; ++l) {
                region.back()[l] += own[l];
            }
            out.back().language = winner(region.back());
        }
        seen.insert(defined.begin(), defined.end());
    }
    for (std::size_t i = 0; i < out.size(); ++i) {
        if (other_language(region[i])) {
            out[i].language = "other";
        }
    }
    return out;
}

// A region needs one line with a word that the model itself reads as code (not only comments,
// nor only rules and brackets like a table's `|---|---|`); a region of one line, a line the model
// is sure of: a lone line between sentences is more often inline code
// or a separator the page lost than a snippet.
bool has_code(const Context& c, const Segment& s) {
    int lines = 0;
    double best = -1e9;
    for (int k = s.first; k <= s.last; ++k) {
        if (c.state[k] >= 0) {
            ++lines;
            auto word = [](char ch) { return std::isalnum(static_cast<unsigned char>(ch)) != 0; };
            bool counts = c.emissions[k] != kCommentLean && std::any_of(c.text[k].begin(), c.text[k].end(), word);
            best = counts ? std::max(best, c.emissions[k][kCode]) : best;
        }
    }
    return best > std::log(lines == 1 ? kLoneLineSure : 0.5);
}

}  // namespace

std::vector<Segment> segment_lines(const std::vector<std::string_view>& lines, const std::vector<bool>& excluded,
                                   const LineModel& model) {
    const int n = static_cast<int>(lines.size());
    std::vector<std::string_view> text(n);
    std::vector<Emission> emissions(n);
    std::vector<int> rows;
    for (int i = 0; i < n; ++i) {
        text[i] = model_text(lines[i]);
        if (!text[i].empty()) {
            rows.push_back(i);
            emissions[i] = excluded[i] ? Emission{0, kForbidden, kForbidden} : line_emission(text[i], model);
        }
    }
    std::vector<int> state(n, -1);
    const std::vector<bool> tied = wrapped_continuations(lines, emissions);
    std::vector<int> decoded = viterbi(emissions, rows, model, tied);
    for (std::size_t r = 0; r < rows.size(); ++r) {
        state[rows[r]] = decoded[r];
    }
    const std::vector<bool> margin = at_prose_margin(lines, emissions, state);
    const std::vector<int> change = depth_changes(text);
    const Context c{text, excluded, emissions, state, model, tied, margin, change};
    std::vector<Segment> merged;
    for (Segment& s : join_open(c, code_runs(c))) {
        balance(c, s);
        take_comments(c.text, excluded, emissions, state, s);
        // Balancing made them overlap, or only blank lines stand between them: one stretch of
        // code, which split() cuts into listings where its pieces say so.
        bool adjacent = !merged.empty() && std::all_of(state.begin() + std::min(merged.back().last + 1, s.first),
                                                       state.begin() + s.first, [](int st) { return st < 0; });
        if (!merged.empty() && (s.first <= merged.back().last || adjacent)) {
            merged.back().last = std::max(merged.back().last, s.last);
        } else {
            merged.push_back(s);
        }
    }
    std::vector<Segment> out;
    for (const Segment& s : merged) {
        for (Segment& p : split(c, s)) {
            if (!p.language.empty() && p.language != "other" && has_code(c, p)) {
                mark_unsure_edges(emissions, state, tied, p);
                out.push_back(std::move(p));
            }
        }
    }
    return out;
}

std::string vote_language(const std::vector<std::string_view>& lines, const LineModel& model) {
    const std::vector<bool> none(lines.size(), false);
    std::vector<std::string_view> text;
    std::vector<Emission> emissions;
    std::vector<int> state;
    for (auto line : lines) {
        text.push_back(model_text(line));
        emissions.push_back(text.back().empty() ? Emission{} : line_emission(text.back(), model));
        state.push_back(text.back().empty() ? -1 : kCode);
    }
    const std::vector<int> change = depth_changes(text);
    const Context c{text, none, emissions, state, model, none, none, change};
    if (lines.empty()) {
        return "";
    }
    Votes sum = votes(c, 0, static_cast<int>(lines.size()) - 1, kForbidden);
    return other_language(sum) ? "other" : winner(sum);
}

}  // namespace snipcheck
