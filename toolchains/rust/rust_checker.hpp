#pragma once
// The Rust adapter and the classification ladder of SPEC section 3: stable and the newest
// edition first, then older editions, then nightly with the gates it asks for, then the
// article's earlier snippets as context; knowledge-base rules add what a compiler cannot say.
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "model/error.hpp"
#include "model/snippet.hpp"
#include "toolchains/rust/diagnostics.hpp"
#include "toolchains/profile.hpp"
#include "toolchains/rust/rust_source.hpp"
#include "toolchains/snippet_checker.hpp"
#include "toolchains/universes/crate_set.hpp"
#include "toolchains/universes/universe.hpp"
#include "toolchains/rust/release_notes.hpp"
#include "toolchains/rust/unstable_book.hpp"

namespace snipcheck {

struct Attempt;
// Shared by the ladder's files: a passing attempt, and a failing one's diagnostics, as evidence.
void add_pass(CheckResult& r, const Attempt& a, const std::string& what);
void add_evidence(CheckResult& r, const Attempt& a, std::size_t max_diagnostics = 6);

struct RustCheckOptions {
    Profile profile;
    std::string cache_dir;
    bool include_ignored = false;
};

// One compiler run and what came of it.
struct Attempt {
    bool passed = false;
    bool timed_out = false;
    std::string harness_error;
    std::string toolchain;
    std::string edition;
    std::string command;
    WrappedSource wrapped;
    std::vector<Diagnostic> diagnostics;
};

class RustChecker : public SnippetChecker {
public:
    // Finds the toolchains and builds (or reuses) the reference crate set.
    static Expected<std::unique_ptr<RustChecker>> create(const RustCheckOptions& options);

    // Classifies one Rust snippet; `context` is the items of the article's earlier snippets.
    bool handles(const Snippet& s) const override { return s.language == "rust"; }
    CheckResult check(const Snippet& snippet, const std::string& context) const override {
        return check(snippet, context, nullptr);
    }
    // `first`, when given, is the passing first rung already settled by a batch.
    CheckResult check(const Snippet& snippet, const std::string& context, const Attempt* first) const;

    // Whether a snippet can share one rustc run with others (as rustdoc's merged doctests):
    // no crate attributes, extern crates or `crate::` paths, no missing crates, the default
    // edition, nothing that must fail.
    bool batchable(const Snippet& s) const override;
    // A Rust snippet's items, which the article's later Rust snippets may use.
    std::string contribution(const Snippet& s) const override { return items_of(s.code); }
    // The batch's first rungs in one rustc run (first_attempts), then each snippet's ladder
    // and its verified fix (issue 16).
    std::vector<CheckResult> check_batch(const std::vector<Item>& items) const override;

    // Type-checks the snippets together, each in a module of its own crate. A batch that
    // fails is retried without the modules its errors point at, up to three times; a
    // snippet whose module passed gets its first rung settled, the others nothing.
    std::vector<std::optional<Attempt>> first_attempts(const std::vector<const Snippet*>& group) const;

    // A fix's compile (rust_fix.cpp): `s` as the first rung compiles it (reference toolchain,
    // crate set, the crates it names, `context`), with `extra` rustc arguments (--force-warn).
    Attempt recheck(const Snippet& s, const std::string& edition, const std::string& context,
                    const std::vector<std::string>& extra = {}) const;
    // The edition the first rung compiles `s` with: its `editionNNNN` attribute, or the newest.
    std::string edition_of(const Snippet& s) const;

    // A fingerprint of everything besides the snippet that a verdict depends on.
    std::string identity() const override;
    const Profile& profile() const { return options_.profile; }

    const Toolchain& reference() const { return stable_; }
    const Toolchain& probe() const { return nightly_; }
    const CrateSet& crate_set() const { return crates_; }
    const Universe& reference_universe() const { return reference_universe_; }
    const std::vector<Universe>& evidence_universes() const { return evidence_universes_; }
    std::size_t registry_size() const { return registry_.size(); }

private:
    RustChecker(RustCheckOptions o) : options_(std::move(o)) {}

    Attempt compile(const Toolchain& tc, const CrateSet* crates, const Snippet& snippet,
                    const std::string& edition, const std::vector<std::string>& gates,
                    const std::string& context, const std::vector<std::string>& externs) const;
    // Runs rustc on a prepared source; `wrapped` maps its lines to article lines.
    Attempt run_rustc(const Toolchain& tc, const CrateSet* crates, WrappedSource wrapped, const std::string& edition,
                      const std::vector<std::string>& gates, const std::vector<std::string>& externs,
                      const std::vector<std::string>& extra = {}) const;
    // first_attempts' crate (rust_batch.cpp).
    WrappedSource batch_source(const std::vector<const Snippet*>& group, const std::vector<std::size_t>& live,
                               std::vector<std::pair<std::size_t, std::size_t>>& ranges, std::set<std::string>& externs) const;
    // run_rustc's limits, and its command line with the directories the sandbox lets it read.
    ProcessLimits rustc_limits() const;
    std::vector<std::string> rustc_argv(const Toolchain& tc, const CrateSet* crates, const Attempt& a,
                                        const std::vector<std::string>& externs, const std::vector<std::string>& extra,
                                        std::vector<std::string>& readable) const;
    // The crates a snippet names: those the crate set has, those it lacks, and lower-case
    // roots that are neither (modules never defined).
    void classify_roots(const Snippet& s, std::vector<std::string>& externs, std::set<std::string>& missing,
                        std::set<std::string>& undefined) const;
    // Another crate set, built on first use: an alternate of the profile ("clap2") or an
    // evidence universe ("universe:trixie"). Null when it cannot be built.
    const CrateSet* other_set(const std::string& label) const;
    // The repair rung: repairs of a snippet rustc's parsers reject (typography, placeholders,
    // balanced delimiters, endings for a cut signature). When one makes the text parse, its
    // finding (incomplete, or error/typography) goes into `r` with the repaired compile's
    // evidence, and true is returned.
    bool repair_rung(const Snippet& s, const std::string& edition, const std::vector<std::string>& externs,
                     CheckResult& r) const;
    // Names rustc cannot find that Rust's pre-1.0 release notes name, and diagnostics that say
    // what they reject was removed: each an outdated-api finding.
    void removed_rung(const std::vector<Diagnostic>& diagnostics, const WrappedSource& wrapped, CheckResult& r) const;

    // One snippet's climb: what every rung reads and adds to (rust_ladder.cpp).
    struct Ladder {
        const Snippet* s = nullptr;
        const std::string* context = nullptr;
        std::string edition;
        CheckResult r;
        std::vector<std::string> externs;
        std::set<std::string> missing;
        std::set<std::string> undefined;
        std::vector<std::string> placeholders;
        Attempt first;
        bool batched = false;  // the first attempt came from a batch
        bool compile_fail = false;
        bool outdated = false;  // an outdated-api finding explains the failure already
        bool parse_errors = false;
        bool needs_database = false;
        bool gate_errors = false;
        bool other_errors = false;
        std::vector<std::string> unknown_attributes;
        std::set<std::string> std_imports;
        std::vector<std::string> cut;
        std::set<std::string> gone_items;      // paths into present crates to items they lack
        std::set<std::string> gated_features;  // items behind a crate feature the set leaves off
    };
    // rust_ladder.cpp: the reference toolchain's answer, read.
    void crates_rung(Ladder& l) const;
    void passed_rung(Ladder& l) const;
    void read_failure(Ladder& l) const;
    void unknown_attribute(Ladder& l, const std::string& name) const;
    void absent_item(Ladder& l, const Diagnostic& d, const std::string& crate, const std::string& name) const;
    bool context_rung(Ladder& l) const;
    void fragment_findings(Ladder& l) const;
    void missing_crate_finding(CheckResult& r) const;
    void decide(Ladder& l) const;
    // rust_versions.cpp: older editions, other crate sets, removed names.
    bool edition_rung(Ladder& l) const;
    bool crate_version_rung(Ladder& l) const;
    std::vector<std::string> other_set_labels(const Ladder& l) const;
    std::string version_change(const CrateSet& other, const std::string& where, const std::vector<std::string>& wanted) const;
    bool pre_1_0_name(const std::string& name, int line, std::set<std::string>& said, CheckResult& r) const;
    // rust_nightly.cpp: nightly with feature gates, then repairs.
    void nightly_rung(Ladder& l) const;
    std::vector<std::string> book_gates(const Attempt& first, CheckResult& r) const;
    Attempt nightly_with_gates(const Ladder& l, std::vector<std::string>& gates) const;
    // A scrape's region the parsers reject at a line of its unsure edges: checked without them.
    bool unsure_edges_rung(const Ladder& l, CheckResult& out) const;

    RustCheckOptions options_;
    Toolchain stable_;
    Toolchain nightly_;
    CrateSet crates_;
    std::unique_ptr<UnstableBook> book_;
    std::unique_ptr<ReleaseNotes> notes_;
    Universe reference_universe_;
    std::vector<Universe> evidence_universes_;
    std::map<std::string, std::vector<std::string>> registry_;  // crates of every universe
    mutable std::mutex others_mutex_;
    mutable std::map<std::string, std::optional<CrateSet>> others_;
};

}  // namespace snipcheck
