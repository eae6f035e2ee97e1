#pragma once
// The knowledge base of API changes (toolchains/rust/api_changes.json): what a compiler cannot
// say offline because the crate is missing or only its newest release breaks the snippet.
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "model/regex.hpp"

namespace snipcheck {

// A rewrite a rule states: every match of `find` on a line becomes `replace`, in which
// `$1`..`$9` are the match's groups (issue 16: a candidate edit, kept only when it compiles).
struct ApiRewrite {
    std::shared_ptr<const Regex> find;
    std::string replace;
};

struct ApiRule {
    std::string id;
    std::string crate;      // library name as code writes it; "std" for the standard library
    std::string fixed_in;   // first version in which the old API is gone
    std::string pattern;    // RE2 pattern over the snippet's code (comments and strings blanked)
    std::string change;
    std::string source;
    std::shared_ptr<const Regex> compiled;  // `pattern`, compiled once with the rules
    std::vector<ApiRewrite> rewrites;       // the rule's optional "rewrite" list
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

// `replace` with `$N` replaced by group N of `m`.
std::string expand_rewrite(const std::string& replace, const RegexMatch& m);

// Compares dotted versions numerically: -1, 0, 1.
int compare_versions(const std::string& a, const std::string& b);

}  // namespace snipcheck
