#pragma once
// The trained line model of plain-text scrapes (extractor/model/train.py makes it from the
// Rust toolchain's HTML documentation dumped to text): for one line, how well it reads as
// prose, code or program output, and among code which language it votes for. Multinomial
// logistic regression over hashed features; the weights are embedded at build time.
#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "model/error.hpp"

namespace snipcheck {

enum LineState { kProse = 0, kCode = 1, kOutput = 2 };
enum LineLang { kRust = 0, kToml = 1, kShell = 2 };

struct LineScores {
    std::array<double, 3> state{};     // log-likelihoods per LineState, calibrated (temperature)
    std::array<double, 3> language{};  // log-likelihoods per LineLang
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
    std::array<double, 6> bias_{};
    std::array<double, 3> start_{};
    std::array<double, 18> transitions_{};
    std::vector<std::int16_t> weights_;  // 6 per bucket: 3 states, 3 languages
    std::size_t rows_ = 0;
};

// Log-posteriors of three scores under a uniform prior (a log-softmax).
std::array<double, 3> log_posteriors(const std::array<double, 3>& scores);

// A line without surrounding white space and `>` quote markers: what the model reads.
std::string_view model_text(std::string_view line);

// The hashed features of a model_text (CRC-32 of each feature's bytes, masked to `bits`).
std::vector<std::uint32_t> line_features(std::string_view t, int bits);

}  // namespace snipcheck
