#pragma once
// What the scrape detector knows of a region's edges beyond the decoder's states: the margin a
// page indents its paragraphs by (a line there is prose unless the model is sure it is code),
// and the lines at each edge of a region that the model alone is not sure are code (a checker
// may try the region without them).
#include <string_view>
#include <vector>

#include "extractor/line_states.hpp"
#include "extractor/segment.hpp"

namespace snipcheck {

// The code posterior of a line the model alone is sure of.
inline constexpr double kCodeSure = 0.9;

// Which lines start at the page's prose margin. lynx indents every paragraph (by three columns)
// and no preformatted line: where the lines decoded as prose that the model is sure of nearly
// all start at one column past the first, that column is the page's margin. Pages that indent
// nothing, or their code as much as their prose, have no such margin (all false).
std::vector<bool> at_prose_margin(const std::vector<std::string_view>& lines, const std::vector<Emission>& emissions,
                                  const std::vector<int>& state);

// Whether line `k` (a model_text) is part of a sentence written as one: its first line (up
// over the lines `tied` to the line above them, which the dump wrapped) opens with a capital,
// its last ends with a full stop, ! or ? (or a colon, over several lines), and a lone line has
// a space between words.
bool written_sentence(const std::vector<std::string_view>& text, const std::vector<bool>& tied, int k);

// Widens `s` over the comment lines just above it, across blank lines (`// ...`, `/// In lib.rs`,
// `//! docs` heading a listing right below a paragraph, which the decoder leaves with the prose),
// and over those just below it when prose follows them (`// prints 3` below a listing, which the
// decoder leaves with the sentence after it): not when code follows (they head the next
// listing), nor a line that starts lower-case (the rest of a comment the dump wrapped, which may
// head what comes after it). `state` is -1 for blank lines; `excluded` lines stop it.
void take_comments(const std::vector<std::string_view>& text, const std::vector<bool>& excluded,
                   const std::vector<Emission>& emissions, const std::vector<int>& state, Segment& s);

// Sets `s.unsure_head` and `s.unsure_tail`: the lines at each edge of `s` that the decoder took
// for code (`state`, -1 for blank lines) though their own emission is not sure of it (a
// sentence with calls in it, program output; a comment's lean is sure enough), or that are
// `tied` to such a line above (the dump wrapped it). Blank lines between them count with them;
// a region unsure throughout keeps none.
void mark_unsure_edges(const std::vector<Emission>& emissions, const std::vector<int>& state,
                       const std::vector<bool>& tied, Segment& s);

}  // namespace snipcheck
