#include "model/regex.hpp"

#include <re2/re2.h>

#include <stdexcept>

namespace snipcheck {

namespace {

RE2::Options options() {
    RE2::Options o;
    o.set_log_errors(false);
    o.set_max_mem(64 << 20);
    return o;
}

}  // namespace

Regex::Regex(std::string_view pattern) : re_(std::make_unique<RE2>(re2::StringPiece(pattern.data(), pattern.size()), options())) {
    if (!re_->ok()) {
        throw std::invalid_argument("bad regular expression: " + re_->error());
    }
}

Regex::~Regex() = default;
Regex::Regex(Regex&&) noexcept = default;

std::string Regex::quote(std::string_view text) { return RE2::QuoteMeta(re2::StringPiece(text.data(), text.size())); }

bool Regex::search(std::string_view text) const {
    return RE2::PartialMatch(re2::StringPiece(text.data(), text.size()), *re_);
}

bool Regex::search(std::string_view text, RegexMatch& match) const {
    auto all = find_all_from(text, 1);
    if (all.empty()) {
        return false;
    }
    match = std::move(all.front());
    return true;
}

std::vector<RegexMatch> Regex::find_all(std::string_view text) const { return find_all_from(text, SIZE_MAX); }

std::vector<RegexMatch> Regex::find_all_from(std::string_view text, std::size_t most) const {
    std::vector<RegexMatch> out;
    re2::StringPiece whole(text.data(), text.size());
    int n = re_->NumberOfCapturingGroups() + 1;
    std::vector<re2::StringPiece> groups(static_cast<std::size_t>(n));
    std::size_t pos = 0;
    while (out.size() < most && pos <= text.size() &&
           re_->Match(whole, pos, text.size(), RE2::UNANCHORED, groups.data(), n)) {
        RegexMatch m;
        m.position = static_cast<std::size_t>(groups[0].data() - text.data());
        for (const auto& g : groups) {
            m.groups.emplace_back(g.data() ? std::string(g.data(), g.size()) : std::string());
        }
        std::size_t end = m.position + groups[0].size();
        pos = groups[0].empty() ? end + 1 : end;
        out.push_back(std::move(m));
    }
    return out;
}

}  // namespace snipcheck
