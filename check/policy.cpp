#include "check/policy.hpp"

#include <fmt/format.h>
#include <fnmatch.h>

#include <sstream>

namespace snipcheck {

namespace {

// The verdicts a list of expectation words allows.
std::vector<Verdict> allowed_by(const std::vector<std::string>& words, bool& any) {
    std::vector<Verdict> out;
    for (const auto& w : words) {
        if (w == "ignore" || w == "any") {
            any = true;
        } else if (w == "nightly" || w == "nightly-only") {
            out.push_back(Verdict::SpeculativeSyntax);
        } else if (w == "outdated") {
            out.push_back(Verdict::OutdatedApi);
        } else if (auto v = verdict_from_string(w)) {
            out.push_back(*v);
        }
    }
    return out;
}

std::vector<std::string> words_of(const std::string& s) {
    std::vector<std::string> out;
    std::istringstream in(s);
    std::string w;
    while (in >> w) {
        while (!w.empty() && w.back() == ',') {
            w.pop_back();
        }
        out.push_back(w);
    }
    return out;
}

}  // namespace

Baseline baseline_from(const CheckRun& run) {
    Baseline b;
    for (const Entry& e : run.entries()) {
        b.met_by_id[e.snippet.id] = e.outcome.meets;
        b.met_by_sha[e.snippet.sha256] = e.outcome.meets;
    }
    return b;
}

PolicyOutcome decide(const Snippet& s, const CheckResult& r, const std::vector<PolicyRule>& rules,
                     const Baseline* baseline) {
    PolicyOutcome out;
    bool any = false;
    std::vector<Verdict> allowed{Verdict::Compiles, Verdict::Skipped};
    out.expected = "compiles";
    for (const auto& rule : rules) {
        if (fnmatch(rule.glob.c_str(), s.article.c_str(), 0) == 0) {
            auto extra = allowed_by(rule.expect, any);
            allowed.insert(allowed.end(), extra.begin(), extra.end());
            out.expected = fmt::format("{}", fmt::join(rule.expect, " or "));
        }
    }
    if (!s.expectation.empty()) {
        auto words = words_of(s.expectation);
        allowed = allowed_by(words, any);
        allowed.push_back(Verdict::Skipped);
        out.expected = fmt::format("{}", fmt::join(words, " or "));
    }
    if (s.has_attribute("compile_fail")) {
        out.meets = r.verdict != Verdict::Compiles && r.verdict != Verdict::HarnessError;
        out.expected = "a compile error (compile_fail)";
    } else {
        out.meets = any || std::find(allowed.begin(), allowed.end(), r.verdict) != allowed.end();
    }
    if (!out.meets && baseline != nullptr) {
        // Forgiven when it already failed in the baseline: only a change for the worse fails.
        // A snippet the baseline does not know (new, or edited) is judged on its own.
        auto it = baseline->met_by_id.find(s.id);
        if (it == baseline->met_by_id.end()) {
            it = baseline->met_by_sha.find(s.sha256);
            if (it == baseline->met_by_sha.end()) {
                return out;
            }
        }
        if (!it->second) {
            out.meets = true;
            out.expected += " (failed in the baseline too)";
        }
    }
    return out;
}

}  // namespace snipcheck
