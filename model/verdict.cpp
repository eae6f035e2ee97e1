#include "model/verdict.hpp"

#include <array>

namespace snipcheck {
namespace {

// Priority follows SPEC section 3: speculative-syntax > outdated-api > missing-dependency >
// incomplete > error > compiles. Skipped and harness-error never compete with the others.
constexpr std::array<VerdictInfo, 8> kVerdicts{{
    {Verdict::Compiles, "compiles", 10, "accepted by the reference toolchain"},
    {Verdict::OutdatedApi, "outdated-api", 50, "an API or syntax it uses was removed or renamed"},
    {Verdict::SpeculativeSyntax, "speculative-syntax", 60,
     "rejected by stable: nightly-only or invented syntax"},
    {Verdict::MissingDependency, "missing-dependency", 40,
     "needs a crate or command that is not available"},
    {Verdict::Incomplete, "incomplete", 30, "a fragment: names defined nowhere, placeholders"},
    {Verdict::Error, "error", 20, "a compile error not explained otherwise"},
    {Verdict::Skipped, "skipped", 0, "not checked: marked ignore/text, or not a checked language"},
    {Verdict::HarnessError, "harness-error", 70, "the harness failed: timeout, sandbox, toolchain"},
}};

}  // namespace

std::span<const VerdictInfo> all_verdicts() { return kVerdicts; }

const VerdictInfo& info(Verdict v) {
    for (const auto& row : kVerdicts) {
        if (row.verdict == v) {
            return row;
        }
    }
    return kVerdicts.back();
}

std::string_view to_string(Verdict v) { return info(v).id; }

std::optional<Verdict> verdict_from_string(std::string_view id) {
    for (const auto& row : kVerdicts) {
        if (row.id == id) {
            return row.verdict;
        }
    }
    return std::nullopt;
}

}  // namespace snipcheck
