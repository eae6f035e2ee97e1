// A region's edges beyond what the decoder says (region_edges.hpp): the page's paragraph
// margin, and the lines at each edge of a region that the model alone is not sure are code.
#include "extractor/region_edges.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>

namespace snipcheck {

namespace {

constexpr double kSureProse = 0.9;     // prose posterior of the lines that show the margin
constexpr int kMarginLines = 5;        // such lines a page needs to show a prose margin
constexpr double kMarginShare = 0.6;   // of them that must start at the margin

}  // namespace

std::vector<bool> at_prose_margin(const std::vector<std::string_view>& lines, const std::vector<Emission>& emissions,
                                  const std::vector<int>& state) {
    std::vector<int> count;
    int sure = 0;
    for (std::size_t k = 0; k < lines.size(); ++k) {
        if (state[k] == kProse && emissions[k][kProse] > std::log(kSureProse)) {
            std::size_t indent = std::min(lines[k].find_first_not_of(" "), lines[k].size());
            count.resize(std::max(count.size(), indent + 1));
            ++count[indent];
            ++sure;
        }
    }
    std::vector<bool> out(lines.size(), false);
    auto mode = std::max_element(count.begin(), count.end());
    if (sure < kMarginLines || mode == count.begin() || mode == count.end() || *mode < kMarginShare * sure) {
        return out;
    }
    const std::size_t margin = static_cast<std::size_t>(mode - count.begin());
    for (std::size_t k = 0; k < lines.size(); ++k) {
        out[k] = lines[k].find_first_not_of(" ") == margin;
    }
    return out;
}

bool written_sentence(const std::vector<std::string_view>& text, const std::vector<bool>& tied, int k) {
    int first = k;
    int last = k;
    while (tied[first] && first > 0) {
        --first;
    }
    while (last + 1 < static_cast<int>(tied.size()) && tied[last + 1]) {
        ++last;
    }
    std::string_view opening = text[first];
    std::string_view closing = text[last];
    return !opening.empty() && !closing.empty() && std::isupper(static_cast<unsigned char>(opening.front())) &&
           (first < last || text[k].find(' ') != std::string_view::npos) &&
           std::string_view(first < last ? ".!?:" : ".!?").find(closing.back()) != std::string_view::npos;
}

void take_comments(const std::vector<std::string_view>& text, const std::vector<bool>& excluded,
                   const std::vector<Emission>& emissions, const std::vector<int>& state, Segment& s) {
    for (int k = s.first - 1; k >= 0 && !excluded[k]; --k) {
        if (state[k] >= 0 && emissions[k] != kCommentLean) {
            break;
        }
        s.first = state[k] >= 0 ? k : s.first;
    }
    const int n = static_cast<int>(text.size());
    int end = s.last;
    int k = s.last + 1;
    for (; k < n && !excluded[k] && (state[k] < 0 || emissions[k] == kCommentLean); ++k) {
        end = state[k] >= 0 ? k : end;
    }
    if (k >= n || excluded[k] || (state[k] != kCode && !std::islower(static_cast<unsigned char>(text[k][0])))) {
        s.last = end;
    }
}

void mark_unsure_edges(const std::vector<Emission>& emissions, const std::vector<int>& state,
                       const std::vector<bool>& tied, Segment& s) {
    std::vector<bool> unsure(s.last - s.first + 1, false);
    for (int k = s.first; k <= s.last; ++k) {
        const Emission& e = emissions[k];
        bool alone = state[k] >= 0 && e != kCommentLean && e[kCode] < std::log(kCodeSure);
        unsure[k - s.first] = alone || (state[k] >= 0 && tied[k] && k > s.first && unsure[k - s.first - 1]);
    }
    auto edge = [&](int from, int step) {  // the lines before the first sure one, blank ones too
        bool seen = false;
        int n = 0;
        for (int k = from; k >= s.first && k <= s.last && (state[k] < 0 || unsure[k - s.first]); k += step, ++n) {
            seen = seen || state[k] >= 0;
        }
        return seen ? n : 0;
    };
    s.unsure_head = edge(s.first, +1);
    s.unsure_tail = edge(s.last, -1);
    if (s.unsure_head + s.unsure_tail >= s.last - s.first + 1) {
        s.unsure_head = s.unsure_tail = 0;  // nothing sure left: the region stands or falls whole
    }
}

}  // namespace snipcheck
