#include "model/run.hpp"

#include <algorithm>

namespace snipcheck {

std::size_t CheckRun::size() const {
    std::size_t n = 0;
    for (const auto& a : articles) {
        n += a.entries.size();
    }
    return n;
}

void CheckRun::add(Entry entry) {
    if (articles.empty() || articles.back().path != entry.snippet.article) {
        articles.push_back({entry.snippet.article, {}});
    }
    articles.back().entries.push_back(std::move(entry));
}

bool all_meet_policy(const CheckRun& run) {
    auto entries = run.entries();
    return std::all_of(entries.begin(), entries.end(), [](const Entry& e) { return e.outcome.meets; });
}

}  // namespace snipcheck
