// The rungs of the Rust ladder that read the reference toolchain's answer, each a function
// that reads the snippet's Ladder record and adds findings to it: the crates it names, a pass,
// a failure told apart diagnostic by diagnostic, the article's earlier snippets as context,
// what makes it a fragment, and the verdict by priority. RustChecker::check (rust_checker.cpp)
// climbs them in order; other versions are in rust_versions.cpp, nightly in rust_nightly.cpp.
#include "toolchains/rust/rust_checker.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "toolchains/rust/knowledge_base.hpp"
#include "model/regex.hpp"
#include "toolchains/rust/rust_diagnosis.hpp"
#include "toolchains/rust/rust_source.hpp"

namespace snipcheck {

namespace {

// A missing crate as the registry names its package (`tokio_util` is `tokio-util`), once.
void add_missing_crate(CheckResult& r, const std::string& crate) {
    std::string pkg = crate;
    std::replace(pkg.begin(), pkg.end(), '_', '-');
    if (std::find(r.missing_crates.begin(), r.missing_crates.end(), pkg) == r.missing_crates.end()) {
        r.missing_crates.push_back(pkg);
    }
}

bool names_database(const Diagnostic& d) {
    return d.message.find("DATABASE_URL") != std::string::npos ||
           std::any_of(d.notes.begin(), d.notes.end(), [](const std::string& n) { return n.find("DATABASE_URL") != std::string::npos; });
}

bool contains(const std::vector<std::string>& v, const std::string& x) { return std::find(v.begin(), v.end(), x) != v.end(); }

}  // namespace

// Which crates the snippet uses and which of them this machine has; the knowledge base's
// rules for them; its placeholders.
void RustChecker::crates_rung(Ladder& l) const {
    const Snippet& s = *l.s;
    classify_roots(s, l.externs, l.missing, l.undefined);
    std::set<std::string> roots(l.externs.begin(), l.externs.end());
    roots.insert(l.missing.begin(), l.missing.end());
    roots.insert(l.undefined.begin(), l.undefined.end());
    for (const auto& m : l.missing) {
        add_missing_crate(l.r, m);
    }
    std::map<std::string, std::string> versions;
    for (const auto& name : l.externs) {
        versions[name] = crates_.crates.at(name).version;
    }
    std::vector<std::string> crates_used(roots.begin(), roots.end());
    for (const auto& m : match_api_rules(s.code, crates_used, versions)) {
        l.r.findings.push_back({Verdict::OutdatedApi, "knowledge-base",
                                fmt::format("{} [rule {}, {} >= {}; source: {}]", m.rule->change, m.rule->id,
                                            m.rule->crate, m.rule->fixed_in, m.rule->source)});
        l.r.evidence.push_back({"kb", "", "", m.rule->id, "note", m.rule->change, s.start_line + m.line - 1});
    }
    l.placeholders = find_placeholders(s.code);
}

// The reference toolchain accepted it: compiles, or outdated-api when it warns of deprecation
// or a knowledge-base rule applies.
void RustChecker::passed_rung(Ladder& l) const {
    CheckResult& r = l.r;
    add_pass(r, l.first, l.batched ? "accepted (type-checked in one rustc run with other snippets, each in a module)" : "accepted");
    r.editions_passing.push_back(l.edition);
    bool deprecated = false;
    for (const auto& d : l.first.diagnostics) {
        if (d.level == "warning" && d.code == "deprecated") {
            deprecated = true;
            r.findings.push_back({Verdict::OutdatedApi, "deprecated", d.message});
        }
    }
    add_evidence(r, l.first);
    bool kb = std::any_of(r.findings.begin(), r.findings.end(), [](const Finding& f) { return f.subkind == "knowledge-base"; });
    r.verdict = deprecated || kb ? Verdict::OutdatedApi : Verdict::Compiles;
    r.subkind = deprecated ? "deprecated" : kb ? "knowledge-base" : "";
}

// `#[name]` that no toolchain defines: a well-known crate's attribute (the crate is missing),
// or, when no crate is missing, an attribute nothing defines.
void RustChecker::unknown_attribute(Ladder& l, const std::string& name) const {
    auto known = attribute_crates().find(name);
    // `#[wasm_bindgen_test]`, `#[tokio_macros_foo]`: named after a well-known crate.
    std::string crate = known != attribute_crates().end() ? known->second
                        : extends_known_crate(name) || well_known_crates().count(name) ? name : "";
    if (!crate.empty() && !crates_.crates.count(crate)) {
        l.missing.insert(crate);
        add_missing_crate(l.r, crate);
    } else if (l.missing.empty()) {
        l.unknown_attributes.push_back(name);
    }
}

// `tokio::run`, `reqwest::blocking`: a path into a crate that is here, to an item it does not
// have (today, or with the features the crate set enables).
void RustChecker::absent_item(Ladder& l, const Diagnostic& d, const std::string& crate, const std::string& name) const {
    if (std::string feature = gating_feature(d); !feature.empty()) {
        l.gated_features.insert(feature == "?" ? fmt::format("`{}::{}` (configured out of {})", crate, name, crate)
                                               : fmt::format("{} (`{}` feature)", crate, feature));
    } else {
        l.gone_items.insert(fmt::format("{}::{}", crate, name));
    }
}

// Reads the reference toolchain's failure: gates, parse errors, missing crates, undefined
// names, left-out imports, cut listings, paths into present crates, the rest.
void RustChecker::read_failure(Ladder& l) const {
    bool glob_from_missing = false;
    auto from_missing = names_from_missing(strip_comments_and_strings(l.s->code), l.missing, glob_from_missing);
    for (const auto& d : l.first.diagnostics) {
        if (d.level != "error") {
            continue;
        }
        std::string name = backticked_name(d.message);
        std::string root = name.substr(0, name.find("::"));
        bool cannot_find = undefined_codes().count(d.code) || d.message.starts_with("cannot find");
        bool about_missing = l.missing.count(root) || from_missing.count(name) || from_missing.count(root) ||
                             (glob_from_missing && cannot_find);
        if (is_gate_error(d)) {
            l.gate_errors = true;
        } else if (names_database(d)) {
            l.needs_database = true;  // sqlx's query macros ask a live database at compile time
        } else if (d.message.starts_with("cannot find attribute")) {
            unknown_attribute(l, name);
        } else if (is_parse_error(d)) {
            l.parse_errors = true;
        } else if (about_missing) {
            continue;
        } else if (std::string crate = looked_up_in(d.message); !crate.empty() && contains(l.externs, crate)) {
            absent_item(l, d, crate, name);
        } else if (contains(l.externs, root) || root == "std" || root == "core") {
            l.other_errors = true;  // a path into a crate that is here: its API, not a fragment
        } else if (cannot_find && !suggests_std_import(d) && !name.empty()) {
            l.undefined.insert(root);
        } else if (suggests_std_import(d) && !name.empty()) {
            l.std_imports.insert(name);  // the listing left out its `use std::...` line
        } else if (cuts_a_listing(d)) {
            l.cut.push_back(d.message);  // a signature, method or module shown without its surroundings
        } else {
            l.other_errors = true;
        }
    }
}

// A fragment? The article's earlier snippets as context.
bool RustChecker::context_rung(Ladder& l) const {
    const std::string& context = *l.context;
    CheckResult& r = l.r;
    std::set<std::string> wanted_names = l.undefined;
    wanted_names.insert(l.std_imports.begin(), l.std_imports.end());
    if (!wanted_names.empty() && !context.empty() && l.missing.empty() && !l.compile_fail && context_defines(context, wanted_names)) {
        Attempt a = compile(stable_, &crates_, *l.s, l.edition, {}, context, l.externs);
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

// Crates the snippet names that the reference registry lacks, with why when it is known.
void RustChecker::missing_crate_finding(CheckResult& r) const {
    std::vector<std::string> absent;
    for (const auto& pkg : r.missing_crates) {
        std::string lib = library_name(pkg);
        auto why = crates_.unavailable.find(lib);
        absent.push_back(why == crates_.unavailable.end() ? pkg : fmt::format("{} ({})", pkg, why->second));
    }
    r.findings.push_back({Verdict::MissingDependency, "crate", fmt::format("not in the {} crate registry: {}",
                                                                           reference_universe_.name, fmt::join(absent, ", "))});
}

// What the failure says of the snippet as a piece of an article: undefined names,
// placeholders, left-out imports, cut listings, missing crates and features, gone APIs.
void RustChecker::fragment_findings(Ladder& l) const {
    CheckResult& r = l.r;
    r.undefined.assign(l.undefined.begin(), l.undefined.end());
    if (!r.undefined.empty()) {
        r.findings.push_back({Verdict::Incomplete, "undefined", fmt::format("defined nowhere in the article: {}", fmt::join(r.undefined, ", "))});
    }
    for (const auto& p : l.placeholders) {
        r.findings.push_back({Verdict::Incomplete, "placeholder", p});
    }
    if (!l.gated_features.empty()) {
        r.findings.push_back({Verdict::MissingDependency, "crate-feature",
                              fmt::format("needs crate features the crate set leaves off: {}", fmt::join(l.gated_features, ", "))});
    }
    if (!l.gone_items.empty()) {
        std::vector<std::string> versions;
        for (const auto& item : l.gone_items) {
            std::string crate = item.substr(0, item.find("::"));
            versions.push_back(fmt::format("{} {}", crate, crates_.crates.at(crate).version));
        }
        r.findings.push_back({Verdict::OutdatedApi, "api-gone",
                              fmt::format("{} not in today's {}: an API of another version of the crate", fmt::join(l.gone_items, ", "),
                                          fmt::join(versions, ", "))});
    }
    // Left-out imports and cut listings make a fragment only when nothing else is wrong.
    if (!l.other_errors && !l.std_imports.empty()) {
        r.findings.push_back({Verdict::Incomplete, "missing-import",
                              fmt::format("std names used without their `use` line: {}", fmt::join(l.std_imports, ", "))});
    }
    if (!l.other_errors && !l.cut.empty()) {
        r.findings.push_back({Verdict::Incomplete, "cut", fmt::format("shown without its surroundings: {}", l.cut.front())});
    }
    if (l.needs_database) {
        r.findings.push_back({Verdict::Incomplete, "needs-database",
                              "sqlx's query macros check the SQL against a database at compile time: they need "
                              "DATABASE_URL or prepared offline data (.sqlx), which the article does not give"});
    }
    if (!l.missing.empty()) {
        missing_crate_finding(r);
    }
    if (l.other_errors) {
        r.findings.push_back({Verdict::Error, "", "compile errors not explained by missing crates or undefined names"});
    }
}

// The verdict by SPEC's priority: outdated-api > missing-dependency > incomplete > error.
void RustChecker::decide(Ladder& l) const {
    CheckResult& r = l.r;
    auto first_with = [&](auto pred) { return std::find_if(r.findings.begin(), r.findings.end(), pred); };
    if (auto outdated = first_with([](const Finding& f) { return f.verdict == Verdict::OutdatedApi; }); outdated != r.findings.end()) {
        r.verdict = Verdict::OutdatedApi;
        r.subkind = outdated->subkind;
    } else if (!l.missing.empty() || !l.gated_features.empty()) {
        r.verdict = Verdict::MissingDependency;
        r.subkind = !l.missing.empty() ? "crate" : "crate-feature";
    } else if (first_with([](const Finding& f) { return f.subkind == "typography"; }) != r.findings.end()) {
        r.verdict = Verdict::Error;
        r.subkind = "typography";
    } else if (auto fragment = first_with([](const Finding& f) { return f.verdict == Verdict::Incomplete; });
               fragment != r.findings.end() && (!l.other_errors || fragment->subkind == "repaired" || fragment->subkind == "undefined" ||
                                                fragment->subkind == "needs-database")) {
        r.verdict = Verdict::Incomplete;
        r.subkind = fragment->subkind;
    } else {
        r.verdict = Verdict::Error;
        r.subkind = l.compile_fail ? "compile_fail" : "";
    }
}

}  // namespace snipcheck
