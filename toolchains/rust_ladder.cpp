#include "toolchains/rust_checker.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "toolchains/knowledge_base.hpp"
#include "model/regex.hpp"
#include "toolchains/rust_diagnosis.hpp"
#include "toolchains/rust_repair.hpp"
#include "toolchains/rust_source.hpp"

// The rungs of the Rust ladder, each a function that reads the snippet's Ladder record and
// adds findings to it; RustChecker::check (rust_checker.cpp) climbs them in order.
namespace snipcheck {

// Which crates the snippet uses and which of them this machine has; the knowledge base's
// rules for them; its placeholders.
void RustChecker::crates_rung(Ladder& l) const {
    const Snippet& s = *l.s;
    CheckResult& r = l.r;
    std::vector<std::string>& externs = l.externs;
    std::set<std::string>& missing = l.missing;
    std::set<std::string>& undefined = l.undefined;
    classify_roots(s, externs, missing, undefined);
    std::set<std::string> roots(externs.begin(), externs.end());
    roots.insert(missing.begin(), missing.end());
    roots.insert(undefined.begin(), undefined.end());
    for (const auto& m : missing) {
        std::string pkg = m;
        std::replace(pkg.begin(), pkg.end(), '_', '-');
        r.missing_crates.push_back(pkg);
    }
    std::map<std::string, std::string> versions;
    for (const auto& name : externs) {
        versions[name] = crates_.crates.at(name).version;
    }
    std::vector<std::string> crates_used(roots.begin(), roots.end());
    for (const auto& m : match_api_rules(s.code, crates_used, versions)) {
        r.findings.push_back({Verdict::OutdatedApi, "knowledge-base",
                              fmt::format("{} [rule {}, {} >= {}; source: {}]", m.rule->change, m.rule->id,
                                          m.rule->crate, m.rule->fixed_in, m.rule->source)});
        r.evidence.push_back({"kb", "", "", m.rule->id, "note", m.rule->change, s.start_line + m.line - 1});
    }
    l.placeholders = find_placeholders(s.code);
}

// The reference toolchain accepted it: compiles, or outdated-api when it warns of deprecation
// or a knowledge-base rule applies.
void RustChecker::passed_rung(Ladder& l) const {
    std::string& edition = l.edition;
    CheckResult& r = l.r;
    Attempt& first = l.first;
        add_pass(r, first, l.batched ? "accepted (type-checked in one rustc run with other snippets, each in a module)" : "accepted");
        r.editions_passing.push_back(edition);
        bool deprecated = false;
        for (const auto& d : first.diagnostics) {
            if (d.level == "warning" && d.code == "deprecated") {
                deprecated = true;
                r.findings.push_back({Verdict::OutdatedApi, "deprecated", d.message});
            }
        }
        add_evidence(r, first);
        bool kb = std::any_of(r.findings.begin(), r.findings.end(), [](const Finding& f) { return f.subkind == "knowledge-base"; });
        r.verdict = deprecated || kb ? Verdict::OutdatedApi : Verdict::Compiles;
        r.subkind = deprecated ? "deprecated" : kb ? "knowledge-base" : "";
}

// Reads the reference toolchain's failure: gates, parse errors, missing crates, undefined
// names, left-out imports, cut listings, paths into present crates, the rest.
void RustChecker::read_failure(Ladder& l) const {
    const Snippet& s = *l.s;
    CheckResult& r = l.r;
    std::vector<std::string>& externs = l.externs;
    std::set<std::string>& missing = l.missing;
    std::set<std::string>& undefined = l.undefined;
    Attempt& first = l.first;
    bool& parse_errors = l.parse_errors;
    bool& needs_database = l.needs_database;
    bool& gate_errors = l.gate_errors;
    bool& other_errors = l.other_errors;
    std::vector<std::string>& unknown_attributes = l.unknown_attributes;
    std::set<std::string>& std_imports = l.std_imports;
    std::vector<std::string>& cut = l.cut;
    std::set<std::string>& gone_items = l.gone_items;
    std::set<std::string>& gated_features = l.gated_features;
    bool glob_from_missing = false;
    std::string stripped = strip_comments_and_strings(s.code);
    auto from_missing = names_from_missing(stripped, missing, glob_from_missing);
    for (const auto& d : first.diagnostics) {
        if (d.level != "error") {
            continue;
        }
        std::string name = backticked_name(d.message);
        std::string root = name.substr(0, name.find("::"));
        bool about_missing = missing.count(root) || from_missing.count(name) || from_missing.count(root) ||
                             (glob_from_missing && (undefined_codes().count(d.code) || d.message.starts_with("cannot find")));
        if (is_gate_error(d)) {
            gate_errors = true;
        } else if (d.message.find("DATABASE_URL") != std::string::npos ||
                   std::any_of(d.notes.begin(), d.notes.end(),
                               [](const std::string& n) { return n.find("DATABASE_URL") != std::string::npos; })) {
            needs_database = true;  // sqlx's query macros ask a live database at compile time
        } else if (d.message.starts_with("cannot find attribute")) {
            auto known = attribute_crates().find(name);
            // `#[wasm_bindgen_test]`, `#[tokio_macros_foo]`: named after a well-known crate.
            std::string crate = known != attribute_crates().end() ? known->second
                                : extends_known_crate(name) || well_known_crates().count(name) ? name : "";
            if (!crate.empty() && !crates_.crates.count(crate)) {
                missing.insert(crate);  // a well-known crate's attribute: the crate is missing
                std::string pkg = crate;
                std::replace(pkg.begin(), pkg.end(), '_', '-');
                if (std::find(r.missing_crates.begin(), r.missing_crates.end(), pkg) == r.missing_crates.end()) {
                    r.missing_crates.push_back(pkg);
                }
            } else if (missing.empty()) {
                unknown_attributes.push_back(name);
            }
        } else if (is_parse_error(d)) {
            parse_errors = true;
        } else if (about_missing) {
            continue;
        } else if (std::string crate = looked_up_in(d.message);
                   !crate.empty() && std::find(externs.begin(), externs.end(), crate) != externs.end()) {
            // `tokio::run`, `reqwest::blocking`: a path into a crate that is here, to an item it
            // does not have (today, or with the features the crate set enables).
            if (std::string feature = gating_feature(d); !feature.empty()) {
                gated_features.insert(feature == "?" ? fmt::format("`{}::{}` (configured out of {})", crate, name, crate)
                                                     : fmt::format("{} (`{}` feature)", crate, feature));
            } else {
                gone_items.insert(fmt::format("{}::{}", crate, name));
            }
        } else if (std::find(externs.begin(), externs.end(), root) != externs.end() || root == "std" || root == "core") {
            other_errors = true;  // a path into a crate that is here: its API, not a fragment
        } else if ((undefined_codes().count(d.code) || d.message.starts_with("cannot find")) && !suggests_std_import(d) &&
                   !name.empty()) {
            undefined.insert(root);
        } else if (suggests_std_import(d) && !name.empty()) {
            std_imports.insert(name);  // the listing left out its `use std::...` line
        } else if (cuts_a_listing(d)) {
            cut.push_back(d.message);  // a signature, method or module shown without its surroundings
        } else {
            other_errors = true;
        }
    }
}

// Older editions, newest first, when the errors are of a kind editions changed.
bool RustChecker::edition_rung(Ladder& l) const {
    const Snippet& s = *l.s;
    std::string& edition = l.edition;
    CheckResult& r = l.r;
    std::vector<std::string>& externs = l.externs;
    std::set<std::string>& missing = l.missing;
    Attempt& first = l.first;
    bool& compile_fail = l.compile_fail;
    if (!compile_fail && missing.empty() && edition_may_matter(first.diagnostics, s.code)) {
        for (const auto& older : options_.profile.editions) {
            if (older >= edition) {
                continue;
            }
            Attempt a = compile(stable_, &crates_, s, older, {}, "", externs);
            if (a.passed) {
                add_pass(r, a, fmt::format("accepted with edition {}", older));
                r.editions_passing.push_back(older);
                break;
            }
        }
        if (!r.editions_passing.empty()) {
            r.verdict = Verdict::OutdatedApi;
            r.subkind = "edition";
            r.findings.push_back({Verdict::OutdatedApi, "edition",
                                  fmt::format("accepted by edition {}, rejected by {}", r.editions_passing.front(), edition)});
            return true;
        }
    }
    return false;
}

// Other versions of the crates it uses: the profile's alternates (Debian ships clap 2, 3
// and 4) and the older universes, newest first. A set must have every crate the snippet
// names; the first that accepts it is the evidence.
bool RustChecker::crate_version_rung(Ladder& l) const {
    const Snippet& s = *l.s;
    std::string& edition = l.edition;
    CheckResult& r = l.r;
    std::vector<std::string>& externs = l.externs;
    std::set<std::string>& missing = l.missing;
    bool& compile_fail = l.compile_fail;
    bool& other_errors = l.other_errors;
    if (!compile_fail && (other_errors || !missing.empty() || !l.gone_items.empty())) {
        std::vector<std::string> labels;
        if (missing.empty()) {
            for (const auto& [name, deps] : options_.profile.alternates) {
                std::string crate = deps.substr(0, deps.find(' '));
                if (std::find(externs.begin(), externs.end(), crate) != externs.end()) {
                    labels.push_back(name);
                }
            }
        }
        for (const auto& u : evidence_universes_) {
            labels.push_back("universe:" + u.name);
        }
        std::vector<std::string> wanted = externs;
        wanted.insert(wanted.end(), missing.begin(), missing.end());
        for (const auto& label : labels) {
            const CrateSet* other = other_set(label);
            if (other == nullptr || wanted.empty() ||
                !std::all_of(wanted.begin(), wanted.end(), [&](const std::string& c) { return other->crates.count(c) > 0; })) {
                continue;
            }
            Attempt a = compile(stable_, other, s, edition, {}, "", wanted);
            if (!a.passed) {
                continue;
            }
            std::string where = label.starts_with("universe:") ? label.substr(9) : options_.profile.universe_name;
            // Which crate made the difference is not known, only which set: name the versions
            // that differ, the accepting set's and today's.
            std::vector<std::string> then_versions;
            std::vector<std::string> now_versions;
            for (const auto& c : wanted) {
                std::string before = other->crates.at(c).version;
                auto now = crates_.crates.find(c);
                std::string today = now == crates_.crates.end() ? "absent" : now->second.version;
                if (before != today) {
                    then_versions.push_back(fmt::format("{} {}", c, before));
                    now_versions.push_back(fmt::format("{} {}", c, today));
                }
            }
            std::vector<std::string> changes;
            if (!then_versions.empty()) {
                changes.push_back(fmt::format("accepted with the {} crates ({}), rejected with today's {} ({})", where,
                                              fmt::join(then_versions, ", "), reference_universe_.name,
                                              fmt::join(now_versions, ", ")));
            }
            add_pass(r, a, fmt::format("accepted with the {} crates", where));
            r.verdict = Verdict::OutdatedApi;
            r.subkind = "crate-version";
            r.findings.push_back({Verdict::OutdatedApi, "crate-version",
                                  changes.empty() ? fmt::format("accepted with the {} crates", where) : fmt::format("{}", fmt::join(changes, "; "))});
            return true;
        }
    }
    return false;
}

// Nightly, with the gates nightly asks for, until it asks for no more; then repairs
// before anything is called invented.
void RustChecker::nightly_rung(Ladder& l) const {
    const Snippet& s = *l.s;
    std::string& edition = l.edition;
    CheckResult& r = l.r;
    std::vector<std::string>& externs = l.externs;
    std::set<std::string>& missing = l.missing;
    Attempt& first = l.first;
    bool& outdated = l.outdated;
    bool& parse_errors = l.parse_errors;
    bool& gate_errors = l.gate_errors;
    std::vector<std::string>& unknown_attributes = l.unknown_attributes;
    if (gate_errors || parse_errors || !unknown_attributes.empty()) {
        std::vector<std::string> gates;
        // Seed with what the Unstable Book says of stable's tracking issues; nightly's own
        // "add #![feature(..)]" help adds the rest, and unneeded ones are dropped below.
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
        Attempt probe;
        for (int round = 0; round < 4; ++round) {
            probe = compile(nightly_, nullptr, s, edition, gates, "", {});
            auto asked = requested_feature_gates(probe.diagnostics);
            std::size_t before = gates.size();
            for (const auto& g : asked) {
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
        // Keep only the gates that are needed: nightly asks for some only because others
        // were off (yield_expr before gen_blocks).
        if (!still_parse && !still_gated && gates.size() > 1) {
            for (std::size_t g = gates.size(); g-- > 0;) {
                std::vector<std::string> fewer = gates;
                fewer.erase(fewer.begin() + static_cast<long>(g));
                Attempt trial = compile(nightly_, nullptr, s, edition, fewer, "", {});
                bool ok = std::none_of(trial.diagnostics.begin(), trial.diagnostics.end(),
                                       [](const Diagnostic& d) { return is_gate_error(d) || is_parse_error(d); });
                if (ok && trial.harness_error.empty()) {
                    gates = fewer;
                    probe = trial;
                }
            }
        }
        bool removed = std::any_of(probe.diagnostics.begin(), probe.diagnostics.end(), says_removed);
        if (probe.harness_error.empty()) {
            add_evidence(r, probe, 4);
        }
        if (removed) {
            r.findings.push_back({Verdict::OutdatedApi, "removed-feature", "nightly says the feature was removed or renamed"});
        } else if (!missing.empty() && !probe.passed) {
            // A missing crate's attributes and macros change what the parser sees: what
            // nightly says of the rest without them is no evidence of nightly-only syntax.
        } else if (std::vector<std::string> declared = declared_features(s.code);
                   gates.empty() && probe.passed && !declared.empty()) {
            // The snippet names its own gates (`#![feature(..)]`, E0554 on stable): nightly takes them.
            r.verdict = Verdict::SpeculativeSyntax;
            r.subkind = "nightly-only";
            r.feature_gates = declared;
            r.findings.push_back({Verdict::SpeculativeSyntax, "nightly-only",
                                  fmt::format("nightly {} accepts it with the #![feature({})] it declares", nightly_.release,
                                              fmt::join(r.feature_gates, ", "))});
        } else if (!gates.empty() && !still_parse && !still_gated) {
            r.verdict = Verdict::SpeculativeSyntax;
            r.subkind = "nightly-only";
            r.feature_gates = gates;
            r.findings.push_back({Verdict::SpeculativeSyntax, "nightly-only",
                                  fmt::format("nightly {} accepts the syntax with #![feature({})]", nightly_.release,
                                              fmt::join(gates, ", "))});
        } else if (l.compile_fail && (still_parse || !unknown_attributes.empty())) {
            // The author says it does not compile: the parse error is the example's point.
            r.findings.push_back({Verdict::Error, "compile_fail", "rejected by the parser, as the block's compile_fail says"});
        } else if (!unknown_attributes.empty() || (still_parse && !outdated && !repair_rung(s, edition, externs, r))) {
            r.verdict = Verdict::SpeculativeSyntax;
            r.subkind = "invented";
            std::string what = !unknown_attributes.empty()
                                   ? fmt::format("attributes that no toolchain or crate defines: {}", fmt::join(unknown_attributes, ", "))
                                   : "rejected by the parsers of stable and nightly in every edition";
            r.findings.push_back({Verdict::SpeculativeSyntax, "invented", what});
        }
    }
}

// A fragment? The article's earlier snippets as context.
bool RustChecker::context_rung(Ladder& l) const {
    const Snippet& s = *l.s;
    const std::string& context = *l.context;
    std::string& edition = l.edition;
    CheckResult& r = l.r;
    std::vector<std::string>& externs = l.externs;
    std::set<std::string>& missing = l.missing;
    std::set<std::string>& undefined = l.undefined;
    bool& compile_fail = l.compile_fail;
    std::set<std::string>& std_imports = l.std_imports;
    std::set<std::string> wanted_names = undefined;
    wanted_names.insert(std_imports.begin(), std_imports.end());
    if (!wanted_names.empty() && !context.empty() && missing.empty() && !compile_fail && context_defines(context, wanted_names)) {
        Attempt a = compile(stable_, &crates_, s, edition, {}, context, externs);
        if (a.passed) {
            add_pass(r, a, "accepted with the items of the article's earlier snippets as context");
            r.findings.push_back({Verdict::Compiles, "context", "compiles once the article's earlier snippets are in scope"});
            if (r.verdict != Verdict::SpeculativeSyntax) {
                r.verdict = Verdict::Compiles;
                r.subkind = "with-context";
                return true;
            }
        }
    }
    return false;
}

// What the failure says of the snippet as a piece of an article: undefined names,
// placeholders, left-out imports, cut listings, missing crates and features, gone APIs.
void RustChecker::fragment_findings(Ladder& l) const {
    CheckResult& r = l.r;
    std::set<std::string>& missing = l.missing;
    std::set<std::string>& undefined = l.undefined;
    std::vector<std::string>& placeholders = l.placeholders;
    bool& needs_database = l.needs_database;
    bool& other_errors = l.other_errors;
    std::set<std::string>& std_imports = l.std_imports;
    std::vector<std::string>& cut = l.cut;
    std::set<std::string>& gone_items = l.gone_items;
    std::set<std::string>& gated_features = l.gated_features;
    r.undefined.assign(undefined.begin(), undefined.end());
    if (!r.undefined.empty()) {
        r.findings.push_back({Verdict::Incomplete, "undefined", fmt::format("defined nowhere in the article: {}", fmt::join(r.undefined, ", "))});
    }
    for (const auto& p : placeholders) {
        r.findings.push_back({Verdict::Incomplete, "placeholder", p});
    }
    if (!gated_features.empty()) {
        r.findings.push_back({Verdict::MissingDependency, "crate-feature",
                              fmt::format("needs crate features the crate set leaves off: {}", fmt::join(gated_features, ", "))});
    }
    if (!gone_items.empty()) {
        std::vector<std::string> versions;
        for (const auto& item : gone_items) {
            std::string crate = item.substr(0, item.find("::"));
            versions.push_back(fmt::format("{} {}", crate, crates_.crates.at(crate).version));
        }
        r.findings.push_back({Verdict::OutdatedApi, "api-gone",
                              fmt::format("{} not in today's {}: an API of another version of the crate", fmt::join(gone_items, ", "),
                                          fmt::join(versions, ", "))});
    }
    // Left-out imports and cut listings make a fragment only when nothing else is wrong.
    if (!other_errors && !std_imports.empty()) {
        r.findings.push_back({Verdict::Incomplete, "missing-import",
                              fmt::format("std names used without their `use` line: {}", fmt::join(std_imports, ", "))});
    }
    if (!other_errors && !cut.empty()) {
        r.findings.push_back({Verdict::Incomplete, "cut", fmt::format("shown without its surroundings: {}", cut.front())});
    }
    if (needs_database) {
        r.findings.push_back({Verdict::Incomplete, "needs-database",
                              "sqlx's query macros check the SQL against a database at compile time: they need "
                              "DATABASE_URL or prepared offline data (.sqlx), which the article does not give"});
    }
    if (!missing.empty()) {
        std::vector<std::string> absent;
        for (const auto& pkg : r.missing_crates) {
            std::string lib = pkg;
            std::replace(lib.begin(), lib.end(), '-', '_');
            auto why = crates_.unavailable.find(lib);
            absent.push_back(why == crates_.unavailable.end() ? pkg : fmt::format("{} ({})", pkg, why->second));
        }
        r.findings.push_back({Verdict::MissingDependency, "crate", fmt::format("not in the {} crate registry: {}",
                                                                         reference_universe_.name, fmt::join(absent, ", "))});
    }
    if (other_errors) {
        r.findings.push_back({Verdict::Error, "", "compile errors not explained by missing crates or undefined names"});
    }
}

// The verdict by SPEC's priority: outdated-api > missing-dependency > incomplete > error.
void RustChecker::decide(Ladder& l) const {
    CheckResult& r = l.r;
    std::set<std::string>& missing = l.missing;
    bool& compile_fail = l.compile_fail;
    bool& other_errors = l.other_errors;
    std::set<std::string>& gated_features = l.gated_features;
    // Priority: outdated-api > missing-dependency > incomplete > error.
    bool kb = std::any_of(r.findings.begin(), r.findings.end(), [](const Finding& f) { return f.verdict == Verdict::OutdatedApi; });
    if (kb) {
        r.verdict = Verdict::OutdatedApi;
        r.subkind = std::find_if(r.findings.begin(), r.findings.end(), [](const Finding& f) {
                        return f.verdict == Verdict::OutdatedApi;
                    })->subkind;
    } else if (!missing.empty() || !gated_features.empty()) {
        r.verdict = Verdict::MissingDependency;
        r.subkind = !missing.empty() ? "crate" : "crate-feature";
    } else if (auto typo = std::find_if(r.findings.begin(), r.findings.end(), [](const Finding& f) { return f.subkind == "typography"; });
               typo != r.findings.end()) {
        r.verdict = Verdict::Error;
        r.subkind = "typography";
    } else if (auto fragment = std::find_if(r.findings.begin(), r.findings.end(), [](const Finding& f) { return f.verdict == Verdict::Incomplete; });
               fragment != r.findings.end() && (!other_errors || fragment->subkind == "repaired" || fragment->subkind == "undefined" ||
                                                fragment->subkind == "needs-database")) {
        r.verdict = Verdict::Incomplete;
        r.subkind = fragment->subkind;
    } else {
        r.verdict = Verdict::Error;
        r.subkind = compile_fail ? "compile_fail" : "";
    }
}

void RustChecker::removed_rung(const std::vector<Diagnostic>& diagnostics, const WrappedSource& wrapped,
                               CheckResult& r) const {
    std::set<std::string> said;
    for (const auto& d : diagnostics) {
        if (d.level != "error") {
            continue;
        }
        if (says_removed(d)) {
            if (said.insert(d.message).second) {
                r.findings.push_back({Verdict::OutdatedApi, "removed", fmt::format("rustc says: {}", d.message)});
            }
            continue;
        }
        // Only what names std's own items: a type or trait by itself (`int`, `Show`), or a
        // path into std (`std::comm`). Values, macros and other paths are the article's own.
        bool type_like = d.message.starts_with("cannot find type") || d.message.starts_with("cannot find trait");
        bool path_like = d.message.starts_with("unresolved import") || d.message.starts_with("failed to resolve") ||
                         d.message.starts_with("cannot find module");
        if ((!type_like && !path_like) || suggests_std_import(d)) {
            continue;
        }
        std::string name = backticked_name(d.message);
        if (path_like && !name.starts_with("std::") && !name.starts_with("core::")) {
            continue;
        }
        for (std::size_t start = 0; start <= name.size();) {
            std::size_t end = name.find("::", start);
            std::string seg = name.substr(start, end == std::string::npos ? std::string::npos : end - start);
            auto note = seg.size() > 1 && seg != "Self" ? notes_->before_1_0(seg) : std::nullopt;
            if (note && said.insert(seg).second) {
                r.findings.push_back({Verdict::OutdatedApi, "removed",
                                      fmt::format("`{}` is Rust before 1.0: named in the release notes of {} and gone since", seg,
                                                  note->version)});
                r.evidence.push_back({"release-notes", "", "", "", "note",
                                      fmt::format("releases.md:{} ({}): {}", note->line, note->version, note->text.substr(0, 200)),
                                      wrapped.map_line(d.line)});
                break;
            }
            if (end == std::string::npos) {
                break;
            }
            start = end + 2;
        }
    }
}

bool RustChecker::repair_rung(const Snippet& s, const std::string& edition, const std::vector<std::string>& externs,
                              CheckResult& r) const {
    auto parses = [](const Attempt& a) {
        return a.harness_error.empty() && std::none_of(a.diagnostics.begin(), a.diagnostics.end(), is_parse_error);
    };
    auto attempt = [&](const std::string& text) {
        Snippet fixed = s;
        fixed.code = text;
        return compile(stable_, &crates_, fixed, edition, {}, "", externs);
    };
    // Typography first: curly quotes in code are the article's own mistake, said as such.
    Repair typo = ascii_typography(s.code);
    if (!typo.what.empty()) {
        Attempt a = attempt(typo.text);
        if (parses(a)) {
            r.findings.push_back({Verdict::Error, "typography",
                                  fmt::format("typographic quotes or dashes in code (left by publishing): {}", typo.what.front())});
            add_pass(r, a, fmt::format("parses once repaired: {}", typo.what.front()));
            return true;
        }
    }
    Repair fragment = repair_fragment(typo.text);
    std::vector<std::string> candidates;
    if (!fragment.what.empty()) {
        candidates.push_back(fragment.text);
    }
    if (Repair wider = repair_fragment(typo.text, true); wider.text != fragment.text) {
        fragment = wider;
        candidates.push_back(fragment.text);
    }
    for (const auto& ending : cut_endings()) {
        std::string text = fragment.text;
        while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) {
            text.pop_back();
        }
        candidates.push_back(text + ending + "\n");
    }
    for (std::size_t i = 0; i < candidates.size(); ++i) {
        Attempt a = attempt(candidates[i]);
        if (!parses(a)) {
            continue;
        }
        std::vector<std::string> what = typo.what;
        what.insert(what.end(), fragment.what.begin(), fragment.what.end());
        if (candidates[i] != fragment.text) {
            what.push_back("a body or `;` given to the signature the listing stops after");
        }
        std::string how = fmt::format("{}", fmt::join(what, "; "));
        r.findings.push_back({Verdict::Incomplete, "repaired", fmt::format("a fragment: it parses once repaired ({})", how)});
        r.evidence.push_back({stable_.name, edition, a.command, "", "note", "parses once repaired: " + how, 0});
        return true;
    }
    return false;
}

}  // namespace snipcheck
