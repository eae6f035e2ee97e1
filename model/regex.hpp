#pragma once
// Regular expressions over untrusted text (snippets, tool output): RE2, whose matching time is
// linear in the text and whose stack use does not grow with it. std::regex recurses per
// character and overflows the stack on a long line.
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace re2 {
class RE2;
}

namespace snipcheck {

struct RegexMatch {
    std::vector<std::string> groups;  // [0] the whole match, then each group ("" when unset)
    std::size_t position = 0;         // where the whole match starts in the text

    const std::string& operator[](std::size_t i) const { return groups[i]; }
};

class Regex {
public:
    // A pattern in RE2's syntax; a bad pattern throws std::invalid_argument (a programming error).
    explicit Regex(std::string_view pattern);
    ~Regex();
    Regex(Regex&&) noexcept;

    // `text` as a pattern that matches exactly it.
    static std::string quote(std::string_view text);

    bool search(std::string_view text) const;
    // The first match, or false.
    bool search(std::string_view text, RegexMatch& match) const;
    // Every match, left to right, none overlapping.
    std::vector<RegexMatch> find_all(std::string_view text) const;

private:
    std::vector<RegexMatch> find_all_from(std::string_view text, std::size_t most) const;

    std::unique_ptr<re2::RE2> re_;
};

}  // namespace snipcheck
