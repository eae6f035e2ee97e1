// The rungs of the Rust ladder for what stable's parser or gates reject: nightly with the
// feature gates the Unstable Book and nightly itself name, until it asks for no more, then
// repairs (typography, placeholders, delimiters, cut endings) before anything is called
// invented. RustChecker::check (rust_checker.cpp) climbs them after the older versions.
#include "toolchains/rust/rust_checker.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "toolchains/rust/rust_diagnosis.hpp"
#include "toolchains/rust/rust_repair.hpp"
#include "toolchains/rust/rust_source.hpp"

namespace snipcheck {

namespace {

bool parse_free(const Attempt& a) {
    return a.harness_error.empty() && std::none_of(a.diagnostics.begin(), a.diagnostics.end(), is_parse_error);
}

// The texts the repair rung tries after typography, in order: the fragment repaired, the
// fragment repaired with `..` placeholders too, then each with an ending for a cut signature.
// `fragment` is left as the widest repair.
std::vector<std::string> repair_candidates(const std::string& text, Repair& fragment) {
    fragment = repair_fragment(text);
    std::vector<std::string> candidates;
    if (!fragment.what.empty()) {
        candidates.push_back(fragment.text);
    }
    if (Repair wider = repair_fragment(text, true); wider.text != fragment.text) {
        fragment = wider;
        candidates.push_back(fragment.text);
    }
    for (const auto& ending : cut_endings()) {
        std::string cut = fragment.text;
        while (!cut.empty() && (cut.back() == '\n' || cut.back() == ' ')) {
            cut.pop_back();
        }
        candidates.push_back(cut + ending + "\n");
    }
    return candidates;
}

}  // namespace

// The gates the Unstable Book gives for stable's tracking issues, each with its evidence.
std::vector<std::string> RustChecker::book_gates(const Attempt& first, CheckResult& r) const {
    std::vector<std::string> gates;
    for (const auto& d : first.diagnostics) {
        if (!is_gate_error(d)) {
            continue;
        }
        for (int issue : tracking_issues(d.notes)) {
            auto features = book_->features_for_issue(issue);
            if (features.size() == 1 && std::find(gates.begin(), gates.end(), features[0]) == gates.end()) {
                gates.push_back(features[0]);
                r.evidence.push_back({"unstable-book", "", "", d.code, "note",
                                      fmt::format("tracking issue #{} is the `{}` feature", issue, features[0]),
                                      first.wrapped.map_line(d.line)});
            }
        }
    }
    return gates;
}

// Nightly with `gates` and those its "add #![feature(..)]" help asks for, until it asks for
// no more (four rounds at most); then only the gates that are needed: nightly asks for some
// only because others were off (yield_expr before gen_blocks). Returns the last run.
Attempt RustChecker::nightly_with_gates(const Ladder& l, std::vector<std::string>& gates) const {
    Attempt probe;
    for (int round = 0; round < 4; ++round) {
        probe = compile(nightly_, nullptr, *l.s, l.edition, gates, "", {});
        std::size_t before = gates.size();
        for (const auto& g : requested_feature_gates(probe.diagnostics)) {
            if (std::find(gates.begin(), gates.end(), g) == gates.end()) {
                gates.push_back(g);
            }
        }
        if (gates.size() == before) {
            break;
        }
    }
    bool still_parse = std::any_of(probe.diagnostics.begin(), probe.diagnostics.end(), is_parse_error);
    bool still_gated = std::any_of(probe.diagnostics.begin(), probe.diagnostics.end(), is_gate_error);
    if (still_parse || still_gated || gates.size() <= 1) {
        return probe;
    }
    for (std::size_t g = gates.size(); g-- > 0;) {
        std::vector<std::string> fewer = gates;
        fewer.erase(fewer.begin() + static_cast<long>(g));
        Attempt trial = compile(nightly_, nullptr, *l.s, l.edition, fewer, "", {});
        bool ok = std::none_of(trial.diagnostics.begin(), trial.diagnostics.end(),
                               [](const Diagnostic& d) { return is_gate_error(d) || is_parse_error(d); });
        if (ok && trial.harness_error.empty()) {
            gates = fewer;
            probe = trial;
        }
    }
    return probe;
}

// Nightly, with the gates nightly asks for, until it asks for no more; then repairs
// before anything is called invented.
void RustChecker::nightly_rung(Ladder& l) const {
    if (!l.gate_errors && !l.parse_errors && l.unknown_attributes.empty()) {
        return;
    }
    const Snippet& s = *l.s;
    CheckResult& r = l.r;
    // Seed with what the Unstable Book says of stable's tracking issues; nightly's own
    // "add #![feature(..)]" help adds the rest, and unneeded ones are dropped.
    std::vector<std::string> gates = book_gates(l.first, r);
    Attempt probe = nightly_with_gates(l, gates);
    bool still_parse = std::any_of(probe.diagnostics.begin(), probe.diagnostics.end(), is_parse_error);
    bool still_gated = std::any_of(probe.diagnostics.begin(), probe.diagnostics.end(), is_gate_error);
    bool removed = std::any_of(probe.diagnostics.begin(), probe.diagnostics.end(), says_removed);
    if (probe.harness_error.empty()) {
        add_evidence(r, probe, 4);
    }
    auto nightly_only = [&](std::vector<std::string> features, const std::string& message) {
        r.verdict = Verdict::SpeculativeSyntax;
        r.subkind = "nightly-only";
        r.feature_gates = std::move(features);
        r.findings.push_back({Verdict::SpeculativeSyntax, "nightly-only", message});
    };
    if (removed) {
        r.findings.push_back({Verdict::OutdatedApi, "removed-feature", "nightly says the feature was removed or renamed"});
    } else if (!l.missing.empty() && !probe.passed) {
        // A missing crate's attributes and macros change what the parser sees: what
        // nightly says of the rest without them is no evidence of nightly-only syntax.
    } else if (std::vector<std::string> declared = declared_features(s.code);
               gates.empty() && probe.passed && !declared.empty()) {
        // The snippet names its own gates (`#![feature(..)]`, E0554 on stable): nightly takes them.
        nightly_only(declared, fmt::format("nightly {} accepts it with the #![feature({})] it declares", nightly_.release,
                                           fmt::join(declared, ", ")));
    } else if (!gates.empty() && !still_parse && !still_gated) {
        nightly_only(gates, fmt::format("nightly {} accepts the syntax with #![feature({})]", nightly_.release, fmt::join(gates, ", ")));
    } else if (l.compile_fail && (still_parse || !l.unknown_attributes.empty())) {
        // The author says it does not compile: the parse error is the example's point.
        r.findings.push_back({Verdict::Error, "compile_fail", "rejected by the parser, as the block's compile_fail says"});
    } else if (!l.unknown_attributes.empty() || (still_parse && !l.outdated && !repair_rung(s, l.edition, l.externs, r))) {
        r.verdict = Verdict::SpeculativeSyntax;
        r.subkind = "invented";
        std::string what = !l.unknown_attributes.empty()
                               ? fmt::format("attributes that no toolchain or crate defines: {}", fmt::join(l.unknown_attributes, ", "))
                               : "rejected by the parsers of stable and nightly in every edition";
        r.findings.push_back({Verdict::SpeculativeSyntax, "invented", what});
    }
}

bool RustChecker::repair_rung(const Snippet& s, const std::string& edition, const std::vector<std::string>& externs,
                              CheckResult& r) const {
    auto attempt = [&](const std::string& text) {
        Snippet fixed = s;
        fixed.code = text;
        return compile(stable_, &crates_, fixed, edition, {}, "", externs);
    };
    // Typography first: curly quotes in code are the article's own mistake, said as such.
    Repair typo = ascii_typography(s.code);
    if (!typo.what.empty()) {
        Attempt a = attempt(typo.text);
        if (parse_free(a)) {
            r.findings.push_back({Verdict::Error, "typography",
                                  fmt::format("typographic quotes or dashes in code (left by publishing): {}", typo.what.front())});
            add_pass(r, a, fmt::format("parses once repaired: {}", typo.what.front()));
            return true;
        }
    }
    Repair fragment;
    for (const auto& candidate : repair_candidates(typo.text, fragment)) {
        Attempt a = attempt(candidate);
        if (!parse_free(a)) {
            continue;
        }
        std::vector<std::string> what = typo.what;
        what.insert(what.end(), fragment.what.begin(), fragment.what.end());
        if (candidate != fragment.text) {
            what.push_back("a body or `;` given to the signature the listing stops after");
        }
        std::string how = fmt::format("{}", fmt::join(what, "; "));
        r.findings.push_back({Verdict::Incomplete, "repaired", fmt::format("a fragment: it parses once repaired ({})", how)});
        r.evidence.push_back({stable_.name, edition, a.command, "", "note", "parses once repaired: " + how, 0});
        return true;
    }
    return false;
}

// A region found in a scrape is the detector's guess at where a listing starts and ends. When
// no parser takes it and the first parse error sits on one of the lines at its edge that the
// line model alone is not sure are code, those lines are the paragraph (or the output) beside
// the listing: the region is checked again without that edge's unsure lines, and the answer for the
// rest stands unless it is rejected by the parsers too.
bool RustChecker::unsure_edges_rung(const Ladder& l, CheckResult& out) const {
    const Snippet& s = *l.s;
    if (l.r.verdict != Verdict::SpeculativeSyntax || l.r.subkind != "invented" || s.unsure_head + s.unsure_tail == 0) {
        return false;
    }
    auto parse = std::find_if(l.first.diagnostics.begin(), l.first.diagnostics.end(), is_parse_error);
    const int line = parse == l.first.diagnostics.end() ? 0 : l.first.wrapped.map_line(parse->line);
    const bool head = line >= s.start_line && line < s.start_line + s.unsure_head;
    const bool tail = line > s.end_line - s.unsure_tail && line <= s.end_line;
    std::vector<std::string> lines;
    for (std::size_t from = 0; from <= s.code.size();) {
        std::size_t nl = std::min(s.code.find('\n', from), s.code.size());
        lines.push_back(s.code.substr(from, nl - from));
        from = nl + 1;
    }
    if ((!head && !tail) || static_cast<int>(lines.size()) != s.end_line - s.start_line + 1) {
        return false;
    }
    Snippet core = s;
    const int drop_head = head ? s.unsure_head : 0;
    const int drop_tail = tail ? s.unsure_tail : 0;
    core.start_line += drop_head;
    core.end_line -= drop_tail;
    core.unsure_head = head ? 0 : s.unsure_head;
    core.unsure_tail = tail ? 0 : s.unsure_tail;
    core.code = fmt::format("{}", fmt::join(lines.begin() + drop_head, lines.end() - drop_tail, "\n"));
    out = check(core, *l.context, nullptr);
    if (out.verdict == Verdict::SpeculativeSyntax && out.subkind == "invented") {
        return false;
    }
    const int from = head ? s.start_line : core.end_line + 1;
    const int to = head ? core.start_line - 1 : s.end_line;
    out.evidence.insert(out.evidence.begin(),
                        {stable_.name, l.edition, l.first.command, "", "note",
                         fmt::format("lines {}-{} read as prose beside the listing, and the parser stops there: the "
                                     "verdict is for lines {}-{}",
                                     from, to, core.start_line, core.end_line),
                         line});
    return true;
}

}  // namespace snipcheck
