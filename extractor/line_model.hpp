#pragma once
// The trained line model of plain-text scrapes (extractor/model/train.py makes it from the
// Rust toolchain's HTML documentation dumped to text): for one line, how well it reads as
// prose, code or program output, and among code which language it votes for (Rust, TOML,
// shell, or another language that snipcheck does not check). Multinomial
// logistic regression over hashed features; the weights are embedded at build time.
#include <array>
#include <cmath>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "model/error.hpp"

namespace snipcheck {

enum LineState { kProse = 0, kCode = 1, kOutput = 2 };
enum LineLang { kRust = 0, kToml = 1, kShell = 2, kOtherLanguage = 3 };
constexpr int kLanguages = 4;

struct LineScores {
    std::array<double, 3> state{};     // log-likelihoods per LineState, calibrated (temperature)
    std::array<double, kLanguages> language{};  // log-likelihoods per LineLang
};

class LineModel {
public:
    // Reads the model's text form (see train.py's write_model); an error names the bad line.
    static Expected<LineModel> parse(std::string_view text);

    // The model embedded in the binary.
    static const LineModel& embedded();

    // Scores a line (surrounding space and `> ` quote markers are ignored). Empty: all zeros.
    LineScores score(std::string_view line) const;

    // HMM parameters: log-probabilities of the first state and of state a -> b, between
    // adjacent lines or across blank lines (gap).
    double start(int s) const { return start_[s]; }
    double transition(int a, int b, bool gap) const { return transitions_[(gap ? 9 : 0) + a * 3 + b]; }
    std::size_t rows() const { return rows_; }
    // The weight of a line's log-posteriors against the transitions (fitted on held-out pages).
    double emission_scale() const { return emission_scale_; }

private:
    int bits_ = 0;
    double scale_ = 1;
    double temperature_ = 1;
    double emission_scale_ = 1;
    static constexpr int kWeights = 3 + kLanguages;  // per bucket: 3 states, then the languages
    std::array<double, kWeights> bias_{};
    std::array<double, 3> start_{};
    std::array<double, 18> transitions_{};
    std::vector<std::int16_t> weights_;  // kWeights per bucket
    std::size_t rows_ = 0;
};

// Log-posteriors of scores under a uniform prior (a log-softmax).
template <std::size_t N>
std::array<double, N> log_posteriors(const std::array<double, N>& s) {
    double m = s[0];
    for (double x : s) {
        m = x > m ? x : m;
    }
    double sum = 0;
    for (double x : s) {
        sum += std::exp(x - m);
    }
    std::array<double, N> out{};
    for (std::size_t k = 0; k < N; ++k) {
        out[k] = s[k] - m - std::log(sum);
    }
    return out;
}

// A line without surrounding white space and `>` quote markers: what the model reads.
std::string_view model_text(std::string_view line);

// The hashed features of a model_text (CRC-32 of each feature's bytes, masked to `bits`).
std::vector<std::uint32_t> line_features(std::string_view t, int bits);

}  // namespace snipcheck
