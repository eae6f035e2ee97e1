#include "toolchains/rust/unstable_book.hpp"
#include "model/regex.hpp"

#include <filesystem>
#include <algorithm>
#include <fstream>
#include <sstream>

namespace snipcheck {

namespace fs = std::filesystem;

UnstableBook::UnstableBook(const std::string& sysroot) {
    fs::path dir = fs::path(sysroot) / "share/doc/rust/html/unstable-book/language-features";
    std::error_code ec;
    static const Regex kIssue(R"(rust-lang/rust/issues/([0-9]+))");
    for (const auto& entry : fs::directory_iterator(dir, ec)) {
        if (entry.path().extension() != ".html") {
            continue;
        }
        std::string feature = entry.path().stem().string();
        std::replace(feature.begin(), feature.end(), '-', '_');
        std::ifstream in(entry.path());
        std::ostringstream buf;
        buf << in.rdbuf();
        std::string html = buf.str();
        RegexMatch m;
        if (kIssue.search(html, m)) {
            by_issue_.emplace(std::stoi(m[1]), feature);
        }
    }
}

std::vector<std::string> UnstableBook::features_for_issue(int issue) const {
    std::vector<std::string> out;
    auto [a, b] = by_issue_.equal_range(issue);
    for (auto it = a; it != b; ++it) {
        out.push_back(it->second);
    }
    return out;
}

std::vector<int> tracking_issues(const std::vector<std::string>& notes) {
    static const Regex kSee(R"(see issue #([0-9]+))");
    std::vector<int> out;
    for (const auto& n : notes) {
        RegexMatch m;
        if (kSee.search(n, m)) {
            out.push_back(std::stoi(m[1]));
        }
    }
    return out;
}

}  // namespace snipcheck
