// The first stage of segmenting a scrape: each line's emission and the Viterbi decoding of
// the prose / code / output HMM (line_states.hpp).
#include "extractor/line_states.hpp"

#include <algorithm>
#include <cctype>
#include <cstdint>

#include "extractor/command_line.hpp"

namespace snipcheck {

namespace {

bool starts_with(std::string_view t, std::string_view p) { return t.substr(0, p.size()) == p; }

// A bare command (a program name and its arguments, nothing of a sentence), or a lone Rust
// item line (a signature quoted between two paragraphs), leans firmly to code: between two
// sentences without blank lines the model reads such lines about half as prose. Firmly
// means: by more than it costs the decoder to enter code and leave it again between two prose
// lines, at the model's emission scale, so that such a line is code whatever scale was fitted.
Emission command_lean(const LineModel& m) {
    double stay = 2 * m.transition(kProse, kProse, false);
    double detour = m.transition(kProse, kCode, false) + m.transition(kCode, kProse, false);
    double ratio = std::exp((stay - detour + 1.0) / m.emission_scale());  // code : prose
    return {-std::log(ratio + 2), std::log(ratio) - std::log(ratio + 2), -std::log(ratio + 2)};
}

}  // namespace

Emission line_emission(std::string_view t, const LineModel& model) {
    if (starts_with(t, "//") || starts_with(t, "/*") || starts_with(t, "*/") || t == "#") {
        return kCommentLean;
    }
    if (starts_with_source_location(t)) {
        return kOutputLean;  // a compiler's message or its quote of a source line, whatever follows
    }
    Emission whole = log_posteriors(model.score(t).state);
    if (starts_with(t, "# ")) {
        // rustdoc's hidden line: `# fn main() {` reads as code once its marker is gone.
        Emission rest = log_posteriors(model.score(t.substr(2)).state);
        if (rest[kCode] > whole[kCode]) {
            return rest;
        }
    }
    if (!reads_as_command(t) && !reads_as_item(t)) {
        return whole;
    }
    Emission lean = command_lean(model);
    return whole[kCode] - whole[kProse] < lean[kCode] - lean[kProse] ? lean : whole;
}

std::size_t width_of(std::string_view line) {
    std::size_t w = 0;
    for (char ch : line) {
        if (ch == '\t') {
            w = (w / 8 + 1) * 8;
        } else if ((static_cast<unsigned char>(ch) & 0xC0) != 0x80) {
            ++w;
        }
    }
    return w;
}

namespace {

std::string_view trim_right(std::string_view t) {
    while (!t.empty() && std::isspace(static_cast<unsigned char>(t.back()))) {
        t.remove_suffix(1);
    }
    return t;
}

constexpr std::size_t kNarrowestPage = 50;  // below this, no page width is trusted
constexpr int kWrappedLines = 3;           // prose lines near the width that show the wrapping
constexpr std::size_t kNear = 8;           // columns from the width that count as near it

}  // namespace

std::vector<bool> wrapped_continuations(const std::vector<std::string_view>& lines,
                                        const std::vector<Emission>& emissions) {
    const std::size_t n = lines.size();
    std::vector<bool> tied(n, false);
    auto prose = [&](std::size_t k) { return emissions[k][kProse] > std::log(0.5); };
    std::vector<std::size_t> widths(n);
    std::size_t page = 0;
    for (std::size_t k = 0; k < n; ++k) {
        widths[k] = width_of(trim_right(lines[k]));
        if (widths[k] > 0 && prose(k)) {
            page = std::max(page, widths[k]);
        }
    }
    int near = 0;
    for (std::size_t k = 0; k < n; ++k) {
        near += widths[k] > 0 && prose(k) && widths[k] + kNear >= page;
    }
    if (page < kNarrowestPage || near < kWrappedLines) {
        return tied;
    }
    for (std::size_t k = 1; k < n; ++k) {
        std::string_view above = trim_right(lines[k - 1]);
        std::string_view t = lines[k];
        std::size_t start = t.find_first_not_of(" \t");
        if (above.empty() || start == std::string_view::npos || emissions[k - 1][kCode] > std::log(0.5)) {
            continue;
        }
        // A paragraph's lines share its margin, and a sentence or a colon may end it there.
        std::size_t margin = above.find_first_not_of(" \t");
        bool may_end = std::string_view(".:!?").find(above.back()) != std::string_view::npos;
        if (margin != start || may_end) {
            continue;
        }
        if (emissions[k][kCode] > std::log(0.5) && std::string_view(";{}").find(trim_right(t).back()) != std::string_view::npos) {
            continue;  // code that starts below a paragraph, not the paragraph's rest
        }
        std::size_t end = std::min(t.find_first_of(" \t", start), t.size());
        tied[k] = widths[k - 1] + 1 + width_of(t.substr(start, end - start)) > page;
    }
    return tied;
}

std::vector<int> viterbi(const std::vector<Emission>& e, const std::vector<int>& rows, const LineModel& m,
                         const std::vector<bool>& tied) {
    const std::size_t n = rows.size();
    std::vector<std::array<std::uint8_t, 3>> back(n);
    std::array<double, 3> cur{};
    for (std::size_t i = 0; i < n; ++i) {
        const Emission& x = e[rows[i]];
        const bool gap = i > 0 && rows[i] > rows[i - 1] + 1;
        std::array<double, 3> next{};
        if (i > 0 && !gap && tied[rows[i]]) {
            for (int b = 0; b < 3; ++b) {
                next[b] = cur[b] + m.transition(b, b, false) + m.emission_scale() * x[b];
                back[i][b] = static_cast<std::uint8_t>(b);
            }
            cur = next;
            continue;
        }
        for (int b = 0; b < 3; ++b) {
            int arg = 0;
            double best = i == 0 ? m.start(b) : cur[0] + m.transition(0, b, gap);
            for (int a = 1; i > 0 && a < 3; ++a) {
                double v = cur[a] + m.transition(a, b, gap);
                if (v > best) {
                    best = v;
                    arg = a;
                }
            }
            next[b] = best + m.emission_scale() * x[b];
            back[i][b] = static_cast<std::uint8_t>(arg);
        }
        cur = next;
    }
    std::vector<int> states(n, kProse);
    if (n == 0) {
        return states;
    }
    int s = static_cast<int>(std::max_element(cur.begin(), cur.end()) - cur.begin());
    for (std::size_t i = n; i-- > 0;) {
        states[i] = s;
        s = back[i][s];
    }
    return states;
}

}  // namespace snipcheck
