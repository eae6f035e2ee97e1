// The first stage of segmenting a scrape: each line's emission and the Viterbi decoding of
// the prose / code / output HMM (line_states.hpp).
#include "extractor/line_states.hpp"

#include <algorithm>
#include <cstdint>

#include "extractor/command_line.hpp"

namespace snipcheck {

namespace {

bool starts_with(std::string_view t, std::string_view p) { return t.substr(0, p.size()) == p; }

// A bare command (a program name and its arguments, nothing of a sentence) leans firmly to code:
// between two sentences without blank lines the model reads it about half as prose.
const Emission kCommandLean{std::log(0.04), std::log(0.94), std::log(0.02)};

}  // namespace

Emission line_emission(std::string_view t, const LineModel& model) {
    if (starts_with(t, "//") || starts_with(t, "/*") || starts_with(t, "*/") || t == "#") {
        return kCommentLean;
    }
    Emission whole = log_posteriors(model.score(t).state);
    if (starts_with(t, "# ")) {
        // rustdoc's hidden line: `# fn main() {` reads as code once its marker is gone.
        Emission rest = log_posteriors(model.score(t.substr(2)).state);
        if (rest[kCode] > whole[kCode]) {
            return rest;
        }
    }
    return reads_as_command(t) && whole[kCode] < kCommandLean[kCode] ? kCommandLean : whole;
}

std::vector<int> viterbi(const std::vector<Emission>& e, const std::vector<int>& rows, const LineModel& m) {
    const std::size_t n = rows.size();
    std::vector<std::array<std::uint8_t, 3>> back(n);
    std::array<double, 3> cur{};
    for (std::size_t i = 0; i < n; ++i) {
        const Emission& x = e[rows[i]];
        const bool gap = i > 0 && rows[i] > rows[i - 1] + 1;
        std::array<double, 3> next{};
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
