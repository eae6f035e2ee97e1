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

// A line that starts with a source location (`main.rs:3:8: error`) is a compiler's output.
inline const Emission kOutputLean{std::log(0.05), std::log(0.05), std::log(0.9)};

// Columns a text browser gives a line: UTF-8 code points, a tab to the next multiple of 8.
std::size_t width_of(std::string_view line);

// The emission of a non-blank line (its model_text).
Emission line_emission(std::string_view t, const LineModel& model);

// The lines (indices into `lines`) that go on a paragraph the dump wrapped: directly below a
// line that reads as prose or output, whose first word would not have fitted at the end of the
// line above at the page's width. A text browser fills a paragraph's lines greedily, so such a
// line is the same paragraph as the line above, whatever its words look like (`depends."`),
// unless its margin differs or the line above ends a sentence or a colon (the paragraph may
// end there, and a listing start below it).
// The width is that of the widest lines the model reads as prose; without several prose lines
// near it the page shows no wrapping and no line is tied.
std::vector<bool> wrapped_continuations(const std::vector<std::string_view>& lines,
                                        const std::vector<Emission>& emissions);

// Viterbi over the non-blank lines `rows` (indices into `e`; a blank line is no observation):
// the state of each of them. A row whose line is `tied` keeps the state of the row above.
std::vector<int> viterbi(const std::vector<Emission>& e, const std::vector<int>& rows, const LineModel& m,
                         const std::vector<bool>& tied);

}  // namespace snipcheck
