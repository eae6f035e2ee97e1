#pragma once
// The first stage of segmenting a plain-text scrape (segment.hpp): how each line reads as
// prose, code or program output (the line model's posteriors, with comment lines, rustdoc
// hidden lines and bare commands leaning to code), and the Viterbi decoding of the
// three-state HMM over those emissions.
#include <array>
#include <cmath>
#include <string_view>
#include <vector>

#include "extractor/line_model.hpp"

namespace snipcheck {

// Log-posteriors per LineState under a uniform prior: the emission of a hybrid HMM.
using Emission = std::array<double, 3>;

// A comment line leans to code: kept inside a region, and at its edges, but not a region alone.
inline const Emission kCommentLean{std::log(0.3), std::log(0.65), std::log(0.05)};

// The emission of a non-blank line (its model_text).
Emission line_emission(std::string_view t, const LineModel& model);

// Viterbi over the non-blank lines `rows` (indices into `e`; a blank line is no observation):
// the state of each of them.
std::vector<int> viterbi(const std::vector<Emission>& e, const std::vector<int>& rows, const LineModel& m);

}  // namespace snipcheck
