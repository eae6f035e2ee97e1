#include "toolchains/rust/rust_fix.hpp"

#include <algorithm>
#include <set>

#include "extractor/plaintext.hpp"
#include "model/regex.hpp"
#include "toolchains/rust/rust_checker.hpp"

namespace snipcheck {

namespace {

// The oldest edition the snippet compiles with, when it is older than `target`: where the
// migration lints have something to say.
std::string lint_edition(const CheckResult& r, const std::string& target) {
    std::string oldest;
    for (const auto& e : r.editions_passing) {
        if (e < target && (oldest.empty() || e < oldest)) {
            oldest = e;
        }
    }
    return oldest;
}

// A keyword used as a name (`let dyn = 5;`) renamed `r#dyn` where the lint saw it is renamed
// everywhere it is a name: the lint is silent inside macro arguments.
void spread_keyword_renames(std::vector<CodeEdit>& edits, const std::string& code) {
    auto lines = split_lines(code);
    auto stripped = strip_comments_and_strings(code);
    auto slines = split_lines(stripped);
    std::set<std::string> names;
    for (const auto& e : edits) {
        if (e.source.starts_with("lint:keyword_idents") && e.line <= static_cast<int>(lines.size())) {
            names.insert(std::string(lines[e.line - 1].substr(e.begin, e.end - e.begin)));
        }
    }
    for (const auto& name : names) {
        Regex word("(^|[^A-Za-z0-9_#])(" + Regex::quote(name) + ")\\b");
        for (std::size_t i = 0; i < slines.size(); ++i) {
            for (const auto& m : word.find_all(slines[i])) {
                std::size_t at = m.position + m[1].size();
                edits.push_back({static_cast<int>(i + 1), at, at + name.size(), "r#" + name,
                                 "lint:keyword_idents", 0});
            }
        }
    }
}

// The migration lints' edits on an edition the snippet compiles with.
std::vector<CodeEdit> lint_edits(const RustChecker& rust, const Snippet& cur, const std::string& context,
                                 const std::string& older) {
    std::vector<std::string> extra;
    for (const auto& lint : migration_lints()) {
        extra.insert(extra.end(), {"--force-warn", lint});
    }
    Attempt b = rust.recheck(cur, older, context, extra);
    auto edits = suggestion_edits(b.diagnostics, b.wrapped, cur, "MachineApplicable");
    auto more = deprecation_edits(b.diagnostics, b.wrapped, cur);
    edits.insert(edits.end(), more.begin(), more.end());
    spread_keyword_renames(edits, cur.code);
    return edits;
}

// One round's candidate edits for `cur`, whose compile on the target edition is `a`: the
// target's suggestions, deprecations and rules first; the migration lints' on lines those
// leave alone (a parse error hides the later ones); rustc's less sure suggestions last.
std::vector<CodeEdit> round_edits(const RustChecker& rust, const Snippet& cur, const std::string& context,
                                  const Attempt& a, const std::string& older) {
    auto edits = suggestion_edits(a.diagnostics, a.wrapped, cur, "MachineApplicable");
    auto more = deprecation_edits(a.diagnostics, a.wrapped, cur);
    edits.insert(edits.end(), more.begin(), more.end());
    more = knowledge_base_edits(cur.code);
    edits.insert(edits.end(), more.begin(), more.end());
    if (!older.empty() && (edits.empty() || !a.passed)) {
        std::set<int> touched;
        for (const auto& e : edits) {
            touched.insert(e.line);
        }
        for (auto& e : lint_edits(rust, cur, context, older)) {
            if (!touched.count(e.line)) {
                edits.push_back(std::move(e));
            }
        }
    }
    if (edits.empty() && !a.passed) {
        edits = suggestion_edits(a.diagnostics, a.wrapped, cur, "MaybeIncorrect");
    }
    return edits;
}

// A failed compile's errors, and whether each is a name defined nowhere: what a fragment lacks.
struct Errors {
    int count = 0;
    bool only_undefined = true;
};

Errors errors_of(const Attempt& a) {
    static const std::set<std::string> undefined{"E0405", "E0412", "E0422", "E0423", "E0425", "E0433", "E0531"};
    Errors e;
    for (const auto& d : a.diagnostics) {
        if (d.level == "error") {
            ++e.count;
            e.only_undefined = e.only_undefined && undefined.count(d.code) > 0;
        }
    }
    return e;
}

// A fix that does not make the snippet compile still counts for a fragment when the edits
// leave only names defined nowhere, and fewer errors or fewer of other kinds (an early error,
// such as `try!`, hides the missing names behind it), and the whole ladder then calls the
// edited snippet `incomplete`: the same verdict a fresh run gives it, closer to right. Only
// sure edits count here: a compile cannot vouch for what rustc itself calls maybe incorrect,
// nor for an edit of a line with a placeholder (`{ .. }` read as a value).
void judge_fragment(const RustChecker& rust, const Snippet& s, const Snippet& cur, const std::string& context,
                    Fix& f, const Errors& first, const Errors& last) {
    bool unsure = std::any_of(f.sources.begin(), f.sources.end(),
                              [](const std::string& src) { return src.ends_with("(maybe-incorrect)"); });
    static const Regex elided_body(R"(\{\s*\.\.\.?\s*\})");  // `{ .. }`, `{ ... }`
    auto before = split_lines(s.code);
    auto after = split_lines(cur.code);
    for (std::size_t i = 0; i < before.size() && i < after.size(); ++i) {
        bool placeholder = !find_placeholders(std::string(before[i])).empty() || elided_body.search(before[i]);
        unsure = unsure || (before[i] != after[i] && placeholder);
    }
    if (!f.verified && !unsure && f.edits > 0 && last.count > 0 && last.only_undefined &&
        (last.count < first.count || !first.only_undefined) &&
        rust.check(cur, context).verdict == Verdict::Incomplete) {
        f.verified = true;
        f.outcome = "incomplete";
        f.errors_before = first.count;
        f.errors_after = last.count;
    }
}

// The edit-and-recheck rounds of one snippet in one context.
Fix fix_rounds(const RustChecker& rust, const Snippet& s, const std::string& context, const std::string& target,
               const std::string& older) {
    Fix f;
    Snippet cur = s;
    Errors first;
    Errors last;
    for (int round = 0;; ++round) {
        Attempt a = rust.recheck(cur, target, context);
        if (!a.harness_error.empty()) {
            last = first;  // nothing to compare with
            break;
        }
        last = errors_of(a);
        first = round == 0 ? last : first;
        auto edits = round_edits(rust, cur, context, a, older);
        if (a.passed && (edits.empty() || round == kMaxFixRounds)) {
            f.verified = f.edits > 0;
            break;
        }
        if (edits.empty() || round == kMaxFixRounds) {
            break;
        }
        int applied = 0;
        std::string code = apply_edits(cur.code, edits, applied, f.sources);
        if (code == cur.code) {  // nothing left that changes the text
            f.verified = a.passed && f.edits > 0;
            break;
        }
        cur.code = code;
        f.edits += applied;
        f.rounds = round + 1;
    }
    f.outcome = f.verified ? "compiles" : "";
    judge_fragment(rust, s, cur, context, f, first, last);
    f.code = cur.code;
    return f;
}

}  // namespace

namespace {

// A snippet meant to fail: `compile_fail`, an author's expectation, or (for an `error`) a
// comment that says the line is wrong ("// ERROR", "❌", "does not compile"). Mending the
// mistake an example shows on purpose would break the article.
bool fails_on_purpose(const Snippet& s, const CheckResult& r) {
    static const Regex says_wrong(
        R"((?i)//.*(\berror\b|\billegal\b|❌|does ?n[o']t compile|won't compile|will not compile|fails to compile))");
    return s.has_attribute("compile_fail") || !s.expectation.empty() ||
           (r.verdict == Verdict::Error && says_wrong.search(s.code));
}

}  // namespace

std::optional<Fix> fix_rust(const RustChecker& rust, const Snippet& s, const std::string& context,
                            const CheckResult& r) {
    if ((r.verdict != Verdict::OutdatedApi && r.verdict != Verdict::Error) || s.language != "rust" ||
        fails_on_purpose(s, r)) {
        return std::nullopt;
    }
    // Alone first, as the ladder's first rung compiles it (the earlier snippets' items may be
    // outdated too); with them when the snippet needs them.
    const std::string target = rust.edition_of(s);
    const std::string older = lint_edition(r, target);
    Fix f = fix_rounds(rust, s, "", target, older);
    if (!f.verified && !context.empty()) {
        Fix with = fix_rounds(rust, s, context, target, older);
        if (with.verified || with.edits > f.edits) {
            f = with;
        }
    }
    if (f.edits == 0) {
        return std::nullopt;
    }
    return f;
}

}  // namespace snipcheck
