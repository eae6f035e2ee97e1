#pragma once
// Segmentation of a plain-text scrape into code regions: a three-state HMM (prose / code /
// program output) decoded with Viterbi over the line model's scores, then a syntax-aware
// refinement: comment lines, rustdoc hidden `# ` lines and bare commands lean to code, a
// region whose braces are still open runs on to the line that closes them, and a blank line
// between two complete items splits a region when the second redefines a name of the first or
// speaks another language.
#include <string>
#include <string_view>
#include <vector>

#include "extractor/line_model.hpp"
#include "extractor/line_states.hpp"

namespace snipcheck {

struct Segment {
    int first = 0;  // 0-based line indices, inclusive
    int last = 0;
    std::string language;  // rust, toml, shell
    // Lines at each edge that the model alone is not sure are code (or that continue such a line
    // the dump wrapped), taken for code from their neighbours: a checker may try the region
    // without them.
    int unsure_head = 0;
    int unsure_tail = 0;
};

// The code segments of `lines`; lines marked in `excluded` (already taken, say by a Markdown
// block) are prose whatever they look like.
std::vector<Segment> segment_lines(const std::vector<std::string_view>& lines, const std::vector<bool>& excluded,
                                   const LineModel& model);

// The language the lines vote for (rust, toml, shell), every non-blank line voting; "" when all
// are blank.
std::string vote_language(const std::vector<std::string_view>& lines, const LineModel& model);

}  // namespace snipcheck
