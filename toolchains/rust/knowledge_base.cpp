#include "toolchains/rust/knowledge_base.hpp"
#include "model/regex.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <sstream>

#include "toolchains/rust/api_changes.hpp"
#include "toolchains/rust/rust_source.hpp"

namespace snipcheck {

const std::vector<ApiRule>& api_rules() {
    static const std::vector<ApiRule> rules = [] {
        std::vector<ApiRule> out;
        auto j = nlohmann::json::parse(kApiChanges);
        for (const auto& r : j["rules"]) {
            std::string pattern = r["pattern"];
            out.push_back({r["id"], r["crate"], r["fixed_in"], pattern, r["change"], r["source"],
                           std::make_shared<const Regex>(pattern), {}});
            for (const auto& w : r.value("rewrite", nlohmann::json::array())) {
                out.back().rewrites.push_back({std::make_shared<const Regex>(w["find"].get<std::string>()), w["replace"]});
            }
        }
        return out;
    }();
    return rules;
}

std::string expand_rewrite(const std::string& replace, const RegexMatch& m) {
    std::string out;
    for (std::size_t i = 0; i < replace.size(); ++i) {
        if (replace[i] == '$' && i + 1 < replace.size() && replace[i + 1] >= '0' && replace[i + 1] <= '9') {
            std::size_t g = static_cast<std::size_t>(replace[++i] - '0');
            out += g < m.groups.size() ? m.groups[g] : std::string();
        } else {
            out += replace[i];
        }
    }
    return out;
}

int compare_versions(const std::string& a, const std::string& b) {
    std::istringstream sa(a);
    std::istringstream sb(b);
    for (int i = 0; i < 3; ++i) {
        long x = 0;
        long y = 0;
        char dot;
        sa >> x;
        sb >> y;
        sa >> dot;
        sb >> dot;
        if (x != y) {
            return x < y ? -1 : 1;
        }
    }
    return 0;
}

std::vector<ApiMatch> match_api_rules(const std::string& code, const std::vector<std::string>& crates_used,
                                      const std::map<std::string, std::string>& available_versions) {
    std::vector<ApiMatch> out;
    std::string stripped = strip_comments_and_strings(code);
    for (const auto& rule : api_rules()) {
        bool uses = rule.crate == "std" ||
                    std::find(crates_used.begin(), crates_used.end(), rule.crate) != crates_used.end();
        if (!uses) {
            continue;
        }
        auto avail = available_versions.find(rule.crate);
        if (avail != available_versions.end() && compare_versions(avail->second, rule.fixed_in) < 0) {
            continue;  // the configured crate still has the old API: let the compiler judge
        }
        // String literals matter to some rules (route paths): match the code with comments
        // blanked only when the pattern looks into strings.
        const std::string& haystack = rule.pattern.find('"') != std::string::npos ? code : stripped;
        RegexMatch m;
        if (rule.compiled->search(haystack, m)) {
            int line = 1 + static_cast<int>(std::count(haystack.begin(), haystack.begin() + static_cast<long>(m.position), '\n'));
            out.push_back({&rule, line});
        }
    }
    return out;
}

}  // namespace snipcheck
