#pragma once
// The knowledge base of API changes (toolchains/api_changes.json): what a compiler cannot
// say offline because the crate is missing or only its newest release breaks the snippet.
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "model/regex.hpp"

namespace snipcheck {

struct ApiRule {
    std::string id;
    std::string crate;      // library name as code writes it; "std" for the standard library
    std::string fixed_in;   // first version in which the old API is gone
    std::string pattern;    // RE2 pattern over the snippet's code (comments and strings blanked)
    std::string change;
    std::string source;
    std::shared_ptr<const Regex> compiled;  // `pattern`, compiled once with the rules
};

struct ApiMatch {
    const ApiRule* rule;
    int line;  // 1-based line of the snippet where the pattern starts
};

const std::vector<ApiRule>& api_rules();

// Rules that apply to `code`, given the crates it uses and the versions available:
// a rule is skipped when the available version still has the old API (the compiler decides).
std::vector<ApiMatch> match_api_rules(const std::string& code, const std::vector<std::string>& crates_used,
                                      const std::map<std::string, std::string>& available_versions);

// Compares dotted versions numerically: -1, 0, 1.
int compare_versions(const std::string& a, const std::string& b);

}  // namespace snipcheck
