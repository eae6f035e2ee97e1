// The rungs of the Rust ladder that try the snippet against the past: older editions, other
// versions of the crates it uses (the profile's alternates, older universes), and names that
// rustc or Rust's pre-1.0 release notes say were removed. Each reads the snippet's Ladder
// record (or its first attempt) and adds findings; RustChecker::check climbs them in order.
#include "toolchains/rust/rust_checker.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "toolchains/rust/rust_diagnosis.hpp"

namespace snipcheck {

// Older editions, newest first, when the errors are of a kind editions changed.
bool RustChecker::edition_rung(Ladder& l) const {
    const Snippet& s = *l.s;
    CheckResult& r = l.r;
    if (l.compile_fail || !l.missing.empty() || !edition_may_matter(l.first.diagnostics, s.code)) {
        return false;
    }
    for (const auto& older : options_.profile.editions) {
        if (older >= l.edition) {
            continue;
        }
        Attempt a = compile(stable_, &crates_, s, older, {}, "", l.externs);
        if (a.passed) {
            add_pass(r, a, fmt::format("accepted with edition {}", older));
            r.editions_passing.push_back(older);
            break;
        }
    }
    if (r.editions_passing.empty()) {
        return false;
    }
    r.verdict = Verdict::OutdatedApi;
    r.subkind = "edition";
    r.findings.push_back({Verdict::OutdatedApi, "edition",
                          fmt::format("accepted by edition {}, rejected by {}", r.editions_passing.front(), l.edition)});
    return true;
}

// The crate sets to try, in order: the profile's alternates of a crate the snippet uses
// (when no crate is missing), then the evidence universes.
std::vector<std::string> RustChecker::other_set_labels(const Ladder& l) const {
    std::vector<std::string> labels;
    if (l.missing.empty()) {
        for (const auto& [name, deps] : options_.profile.alternates) {
            std::string crate = deps.substr(0, deps.find(' '));
            if (std::find(l.externs.begin(), l.externs.end(), crate) != l.externs.end()) {
                labels.push_back(name);
            }
        }
    }
    for (const auto& u : evidence_universes_) {
        labels.push_back("universe:" + u.name);
    }
    return labels;
}

// The finding's message when `other` (the `where` crates) accepted what today's set rejects.
// Which crate made the difference is not known, only which set: it names the versions that
// differ, the accepting set's and today's.
std::string RustChecker::version_change(const CrateSet& other, const std::string& where, const std::vector<std::string>& wanted) const {
    std::vector<std::string> then_versions;
    std::vector<std::string> now_versions;
    for (const auto& c : wanted) {
        std::string before = other.crates.at(c).version;
        auto now = crates_.crates.find(c);
        std::string today = now == crates_.crates.end() ? "absent" : now->second.version;
        if (before != today) {
            then_versions.push_back(fmt::format("{} {}", c, before));
            now_versions.push_back(fmt::format("{} {}", c, today));
        }
    }
    if (then_versions.empty()) {
        return fmt::format("accepted with the {} crates", where);
    }
    return fmt::format("accepted with the {} crates ({}), rejected with today's {} ({})", where, fmt::join(then_versions, ", "),
                       reference_universe_.name, fmt::join(now_versions, ", "));
}

// Other versions of the crates it uses: the profile's alternates (Debian ships clap 2, 3
// and 4) and the older universes, newest first. A set must have every crate the snippet
// names; the first that accepts it is the evidence.
bool RustChecker::crate_version_rung(Ladder& l) const {
    if (l.compile_fail || !(l.other_errors || !l.missing.empty() || !l.gone_items.empty())) {
        return false;
    }
    std::vector<std::string> wanted = l.externs;
    wanted.insert(wanted.end(), l.missing.begin(), l.missing.end());
    for (const auto& label : other_set_labels(l)) {
        const CrateSet* other = other_set(label);
        if (other == nullptr || wanted.empty() ||
            !std::all_of(wanted.begin(), wanted.end(), [&](const std::string& c) { return other->crates.count(c) > 0; })) {
            continue;
        }
        Attempt a = compile(stable_, other, *l.s, l.edition, {}, "", wanted);
        if (!a.passed) {
            continue;
        }
        std::string where = label.starts_with("universe:") ? label.substr(9) : options_.profile.universe_name;
        add_pass(l.r, a, fmt::format("accepted with the {} crates", where));
        l.r.verdict = Verdict::OutdatedApi;
        l.r.subkind = "crate-version";
        l.r.findings.push_back({Verdict::OutdatedApi, "crate-version", version_change(*other, where, wanted)});
        return true;
    }
    return false;
}

// A name rustc cannot find, segment by segment: the first that Rust's pre-1.0 release notes
// name is an outdated-api finding, with the release note as evidence. True when one was.
bool RustChecker::pre_1_0_name(const std::string& name, int line, std::set<std::string>& said, CheckResult& r) const {
    for (std::size_t start = 0; start <= name.size();) {
        std::size_t end = name.find("::", start);
        std::string seg = name.substr(start, end == std::string::npos ? std::string::npos : end - start);
        auto note = seg.size() > 1 && seg != "Self" ? notes_->before_1_0(seg) : std::nullopt;
        if (note && said.insert(seg).second) {
            r.findings.push_back({Verdict::OutdatedApi, "removed",
                                  fmt::format("`{}` is Rust before 1.0: named in the release notes of {} and gone since", seg,
                                              note->version)});
            r.evidence.push_back({"release-notes", "", "", "", "note",
                                  fmt::format("releases.md:{} ({}): {}", note->line, note->version, note->text.substr(0, 200)), line});
            return true;
        }
        if (end == std::string::npos) {
            return false;
        }
        start = end + 2;
    }
    return false;
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
        pre_1_0_name(name, wrapped.map_line(d.line), said, r);
    }
}

}  // namespace snipcheck
