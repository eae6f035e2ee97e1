#include "toolchains/rust_checker.hpp"
#include "toolchains/regex.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "extractor/sha256.hpp"
#include "toolchains/knowledge_base.hpp"
#include "toolchains/rust_diagnosis.hpp"
#include "toolchains/rust_repair.hpp"

namespace snipcheck {

namespace fs = std::filesystem;

namespace {

void add_evidence(CheckResult& r, const Attempt& a, std::size_t max_diagnostics = 6) {
    std::size_t n = 0;
    for (const auto& d : a.diagnostics) {
        if (d.level != "error" && !(d.level == "warning" && d.code == "deprecated")) {
            continue;
        }
        if (n++ >= max_diagnostics) {
            break;
        }
        auto map = [&](int l) { return a.wrapped.map_line(l); };
        r.evidence.push_back({a.toolchain, a.edition, a.command, d.code, d.level, d.message, a.wrapped.map_line(d.line),
                              rendered_for_article(d.rendered, map, kMaxRendered)});
    }
    if (std::find(r.commands.begin(), r.commands.end(), a.command) == r.commands.end()) {
        r.commands.push_back(a.command);
    }
}

void add_pass(CheckResult& r, const Attempt& a, const std::string& what) {
    r.evidence.push_back({a.toolchain, a.edition, a.command, "", "pass", what, 0});
    if (std::find(r.commands.begin(), r.commands.end(), a.command) == r.commands.end()) {
        r.commands.push_back(a.command);
    }
}

}  // namespace

Expected<std::unique_ptr<RustChecker>> RustChecker::create(const RustCheckOptions& options) {
    std::unique_ptr<RustChecker> c(new RustChecker(options));
    auto stable = find_toolchain(options.profile.reference);
    if (!stable) {
        return stable.error();
    }
    c->stable_ = *stable;
    auto nightly = find_toolchain(options.profile.probe);
    if (!nightly) {
        return nightly.error();
    }
    c->nightly_ = *nightly;
    c->book_ = std::make_unique<UnstableBook>(c->nightly_.sysroot);
    c->notes_ = std::make_unique<ReleaseNotes>(c->stable_.sysroot);
    if (!fs::is_directory(options.profile.registry)) {
        return Error{fmt::format("crate registry {} not found (apt-get install librust-tokio-dev ... fills it)",
                                 options.profile.registry)};
    }
    auto universes = choose_universes(options.profile, options.cache_dir);
    if (!universes) {
        return universes.error();
    }
    c->reference_universe_ = universes->first;
    c->evidence_universes_ = universes->second;
    for (const auto& u : available_universes(options.profile, options.cache_dir)) {
        for (auto& [name, versions] : registry_crates(u.registry)) {
            auto& all = c->registry_[name];
            all.insert(all.end(), versions.begin(), versions.end());
        }
    }
    const Universe& ref = c->reference_universe_;
    std::string deps = universe_dependencies(options.profile.crates_toml, ref);
    ProcessLimits limits;
    auto set = build_crate_set(c->stable_, ref.registry, ref.system ? "default" : "universe-" + ref.name, deps,
                               options.cache_dir, limits);
    if (!set) {
        return set.error();
    }
    c->crates_ = *set;
    return c;
}

std::string RustChecker::identity() const {
    std::string universes = reference_universe_.name + ":" + crates_.dir;
    for (const auto& u : evidence_universes_) {
        universes += fmt::format(" {}:{}:{}", u.name, u.registry, fmt::join(u.requested, ","));
    }
    return fmt::format("snipcheck\n{}\nstable\n{}\nnightly\n{}\nprofile\n{}\nuniverses\n{}\n", SNIPCHECK_VERSION,
                       stable_.identity, nightly_.identity, options_.profile.source_text, universes);
}

const CrateSet* RustChecker::other_set(const std::string& label) const {
    std::lock_guard<std::mutex> lock(others_mutex_);
    auto it = others_.find(label);
    if (it == others_.end()) {
        std::optional<CrateSet> built;
        std::string registry;
        std::string deps;
        if (auto alt = options_.profile.alternates.find(label); alt != options_.profile.alternates.end()) {
            registry = options_.profile.registry;  // alternates pin versions of the system universe
            deps = alt->second;
        }
        for (const auto& u : evidence_universes_) {
            if (label == "universe:" + u.name) {
                registry = u.registry;
                deps = universe_dependencies(options_.profile.crates_toml, u);
            }
        }
        if (!registry.empty()) {
            std::string set_label = label;
            std::replace(set_label.begin(), set_label.end(), ':', '-');
            auto set = build_crate_set(stable_, registry, set_label, deps, options_.cache_dir, {});
            if (set) {
                built = *set;
            }
        }
        it = others_.emplace(label, built).first;
    }
    return it->second ? &*it->second : nullptr;
}

Attempt RustChecker::compile(const Toolchain& tc, const CrateSet* crates, const Snippet& snippet,
                             const std::string& edition, const std::vector<std::string>& gates,
                             const std::string& context, const std::vector<std::string>& externs) const {
    std::vector<std::string> declared = edition == "2015" ? externs : std::vector<std::string>{};
    return run_rustc(tc, crates, wrap_rust(snippet, context, declared), edition, gates, externs);
}

Attempt RustChecker::run_rustc(const Toolchain& tc, const CrateSet* crates, WrappedSource wrapped,
                               const std::string& edition, const std::vector<std::string>& gates,
                               const std::vector<std::string>& externs) const {
    Attempt a;
    a.toolchain = tc.name;
    a.edition = edition;
    a.wrapped = std::move(wrapped);
    std::string source;
    for (const auto& g : gates) {
        source += fmt::format("#![feature({})]\n", g);
    }
    source += a.wrapped.text;
    // Lines moved down by the gates: keep the map aligned.
    a.wrapped.article_line.insert(a.wrapped.article_line.begin(), gates.size(), 0);

    fs::path tmp = scratch_dir(options_.cache_dir);
    std::string made = make_work_dir(tmp.string(), "snippet");
    if (made.empty()) {
        a.harness_error = "cannot create a work directory under " + tmp.string();
        return a;
    }
    fs::path work(made);
    std::ofstream(work / "main.rs") << source;
    // A manifest without dependencies: proc macros that ask cargo where they are (sqlx's
    // query macros run `cargo metadata`) get an answer instead of an error.
    std::ofstream(work / "Cargo.toml") << fmt::format(
        "[package]\nname = \"snippet\"\nversion = \"0.1.0\"\nedition = \"{}\"\n\n[lib]\npath = \"main.rs\"\n", edition);

    std::vector<std::string> argv{tc.rustc, "--edition", edition, "--crate-type", a.wrapped.crate_type,
                                  "--crate-name", "snippet", "--emit=metadata", "--error-format=json",
                                  "-o", std::string(kSandboxWorkDir) + "/out.rmeta"};
    std::vector<std::string> readable{crates_.registry.empty() ? options_.profile.registry : crates_.registry};
    if (crates != nullptr && crates->registry != readable.front()) {
        readable.push_back(crates->registry);
    }
    if (crates != nullptr) {
        argv.insert(argv.end(), {"-L", "dependency=" + crates->deps_dir});
        readable.push_back(crates->dir);
        for (const auto& name : externs) {
            auto it = crates->crates.find(name);
            if (it != crates->crates.end()) {
                argv.insert(argv.end(), {"--extern", name + "=" + it->second.path});
            }
        }
    }
    argv.push_back("main.rs");
    ProcessLimits limits;
    limits.wall_time = std::chrono::seconds(options_.profile.wall_seconds);
    limits.cpu_seconds = options_.profile.cpu_seconds;
    limits.address_space_bytes = static_cast<unsigned long>(options_.profile.memory_mib) * 1024ul * 1024ul;
    limits.file_size_bytes = 256ul * 1024ul * 1024ul;
    limits.processes = 4096;  // per user: rustc's threads and proc macros, not a fork bomb
    auto r = run_sandboxed(rust_sandbox(tc, work.string(), readable, limits), argv);
    a.command = format_command(argv);
    std::error_code ec;
    fs::remove_all(work, ec);
    if (r.timed_out) {
        a.timed_out = true;
        a.harness_error = fmt::format("rustc ({}) ran past the {} s wall-time limit and was killed", tc.name,
                                      options_.profile.wall_seconds);
        return a;
    }
    if (!r.spawn_error.empty() || r.signaled) {
        a.harness_error = r.spawn_error.empty() ? fmt::format("rustc ({}) killed by signal {}", tc.name, r.signal)
                                                : r.spawn_error;
        return a;
    }
    a.diagnostics = parse_rustc_diagnostics(r.err);
    a.passed = r.exit_code == 0;
    if (!a.passed && a.diagnostics.empty()) {
        a.harness_error = fmt::format("rustc ({}) failed without diagnostics: {}", tc.name, r.err.substr(0, 300));
    }
    return a;
}

void RustChecker::classify_roots(const Snippet& s, std::vector<std::string>& externs, std::set<std::string>& missing,
                                 std::set<std::string>& undefined) const {
    std::set<std::string> in_use;
    for (const auto& root : path_roots(s.code, &in_use)) {
        if (crates_.crates.count(root)) {
            externs.push_back(root);
        } else if (in_use.count(root) || well_known_crates().count(root) || registry_.count(root) ||
                   extends_known_crate(root)) {
            missing.insert(root);
        } else if (root.find('_') != std::string::npos && !context_defines(s.code, {root})) {
            // `mini_redis::Client`: a multi-word root that the snippet declares nowhere is named
            // like a crate (crate names join words; articles' own modules are rarely declared
            // away from their use with such names): a crate the registry does not have.
            missing.insert(root);
        } else {
            undefined.insert(root);  // `users::table` with no `use` and no such crate: a module never defined
        }
    }
}

CheckResult RustChecker::check(const Snippet& s, const std::string& context, const Attempt* settled) const {
    auto started = std::chrono::steady_clock::now();
    CheckResult r;
    auto finish = [&](CheckResult& res) -> CheckResult {
        res.duration_ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started).count();
        return res;
    };
    if ((s.has_attribute("ignore") || s.has_attribute("text")) && !options_.include_ignored) {
        r.verdict = Verdict::Skipped;
        r.subkind = "ignore";
        return finish(r);
    }

    // Which crates the snippet uses, and which of them this machine has.
    std::vector<std::string> externs;
    std::set<std::string> missing;
    std::set<std::string> undefined;
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
        r.findings.push_back({"outdated-api", "knowledge-base",
                              fmt::format("{} [rule {}, {} >= {}; source: {}]", m.rule->change, m.rule->id,
                                          m.rule->crate, m.rule->fixed_in, m.rule->source)});
        r.evidence.push_back({"kb", "", "", m.rule->id, "note", m.rule->change, s.start_line + m.line - 1});
    }
    auto placeholders = find_placeholders(s.code);

    std::string edition = options_.profile.editions.front();
    for (const auto& attr : s.attributes) {
        if (attr.starts_with("edition")) {
            edition = attr.substr(7);
        }
    }
    Attempt first = settled != nullptr ? *settled : compile(stable_, &crates_, s, edition, {}, "", externs);
    r.wrapped_source = settled != nullptr ? wrap_rust(s, "", {}).text : first.wrapped.text;
    if (!first.harness_error.empty()) {
        r.verdict = Verdict::HarnessError;
        r.evidence.push_back({stable_.name, edition, first.command, "", "error", first.harness_error, 0});
        r.commands.push_back(first.command);
        return finish(r);
    }
    bool compile_fail = s.has_attribute("compile_fail");

    if (first.passed) {
        add_pass(r, first, settled != nullptr ? "accepted (type-checked in one rustc run with other snippets, each in a module)" : "accepted");
        r.editions_passing.push_back(edition);
        bool deprecated = false;
        for (const auto& d : first.diagnostics) {
            if (d.level == "warning" && d.code == "deprecated") {
                deprecated = true;
                r.findings.push_back({"outdated-api", "deprecated", d.message});
            }
        }
        add_evidence(r, first);
        bool kb = std::any_of(r.findings.begin(), r.findings.end(), [](const Finding& f) { return f.subkind == "knowledge-base"; });
        r.verdict = deprecated || kb ? Verdict::OutdatedApi : Verdict::Compiles;
        r.subkind = deprecated ? "deprecated" : kb ? "knowledge-base" : "";
        return finish(r);
    }
    add_evidence(r, first);
    removed_rung(first.diagnostics, first.wrapped, r);
    bool outdated = std::any_of(r.findings.begin(), r.findings.end(), [](const Finding& f) { return f.verdict == "outdated-api"; });

    // Read the failure: gates, parse errors, undefined names, the rest.
    bool glob_from_missing = false;
    std::string stripped = strip_comments_and_strings(s.code);
    auto from_missing = names_from_missing(stripped, missing, glob_from_missing);
    bool parse_errors = false;
    bool needs_database = false;
    bool gate_errors = false;
    bool other_errors = false;
    std::vector<std::string> unknown_attributes;
    std::set<std::string> std_imports;
    std::vector<std::string> cut;
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

    // Rung 2: older editions, newest first, when the errors are of a kind editions changed.
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
            r.findings.push_back({"outdated-api", "edition",
                                  fmt::format("accepted by edition {}, rejected by {}", r.editions_passing.front(), edition)});
            return finish(r);
        }
    }

    // Rung 3: other versions of the crates it uses: the profile's alternates (Debian ships
    // clap 2, 3 and 4) and the older universes, newest first. A set must have every crate
    // the snippet names; the first that accepts it is the evidence.
    if (!compile_fail && (other_errors || !missing.empty())) {
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
            r.findings.push_back({"outdated-api", "crate-version",
                                  changes.empty() ? fmt::format("accepted with the {} crates", where) : fmt::format("{}", fmt::join(changes, "; "))});
            return finish(r);
        }
    }

    // Rung 4: nightly, with the gates nightly asks for, until it asks for no more.
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
        bool removed = std::any_of(probe.diagnostics.begin(), probe.diagnostics.end(), [](const Diagnostic& d) {
            return d.code == "E0557" || d.message.find("has been removed") != std::string::npos;
        });
        if (probe.harness_error.empty()) {
            add_evidence(r, probe, 4);
        }
        if (removed) {
            r.findings.push_back({"outdated-api", "removed-feature", "nightly says the feature was removed or renamed"});
        } else if (!missing.empty() && !probe.passed) {
            // A missing crate's attributes and macros change what the parser sees: what
            // nightly says of the rest without them is no evidence of nightly-only syntax.
        } else if (gates.empty() && probe.passed && !declared_features(s.code).empty()) {
            // The snippet names its own gates (`#![feature(..)]`, E0554 on stable): nightly takes them.
            r.verdict = Verdict::SpeculativeSyntax;
            r.subkind = "nightly-only";
            r.feature_gates = declared_features(s.code);
            r.findings.push_back({"speculative-syntax", "nightly-only",
                                  fmt::format("nightly {} accepts it with the #![feature({})] it declares", nightly_.release,
                                              fmt::join(r.feature_gates, ", "))});
        } else if (!gates.empty() && !still_parse && !still_gated) {
            r.verdict = Verdict::SpeculativeSyntax;
            r.subkind = "nightly-only";
            r.feature_gates = gates;
            r.findings.push_back({"speculative-syntax", "nightly-only",
                                  fmt::format("nightly {} accepts the syntax with #![feature({})]", nightly_.release,
                                              fmt::join(gates, ", "))});
        } else if (!unknown_attributes.empty() || (still_parse && !outdated && !repair_rung(s, edition, externs, r))) {
            r.verdict = Verdict::SpeculativeSyntax;
            r.subkind = "invented";
            std::string what = !unknown_attributes.empty()
                                   ? fmt::format("attributes that no toolchain or crate defines: {}", fmt::join(unknown_attributes, ", "))
                                   : "rejected by the parsers of stable and nightly in every edition";
            r.findings.push_back({"speculative-syntax", "invented", what});
        }
    }

    // Rung 5: a fragment? Try the article's earlier snippets as context.
    std::set<std::string> wanted_names = undefined;
    wanted_names.insert(std_imports.begin(), std_imports.end());
    if (!wanted_names.empty() && !context.empty() && missing.empty() && !compile_fail && context_defines(context, wanted_names)) {
        Attempt a = compile(stable_, &crates_, s, edition, {}, context, externs);
        if (a.passed) {
            add_pass(r, a, "accepted with the items of the article's earlier snippets as context");
            r.findings.push_back({"compiles", "context", "compiles once the article's earlier snippets are in scope"});
            if (r.verdict != Verdict::SpeculativeSyntax) {
                r.verdict = Verdict::Compiles;
                r.subkind = "with-context";
                return finish(r);
            }
        }
    }
    r.undefined.assign(undefined.begin(), undefined.end());
    if (!r.undefined.empty()) {
        r.findings.push_back({"incomplete", "undefined", fmt::format("defined nowhere in the article: {}", fmt::join(r.undefined, ", "))});
    }
    for (const auto& p : placeholders) {
        r.findings.push_back({"incomplete", "placeholder", p});
    }
    // Left-out imports and cut listings make a fragment only when nothing else is wrong.
    if (!other_errors && !std_imports.empty()) {
        r.findings.push_back({"incomplete", "missing-import",
                              fmt::format("std names used without their `use` line: {}", fmt::join(std_imports, ", "))});
    }
    if (!other_errors && !cut.empty()) {
        r.findings.push_back({"incomplete", "cut", fmt::format("shown without its surroundings: {}", cut.front())});
    }
    if (needs_database) {
        r.findings.push_back({"incomplete", "needs-database",
                              "sqlx's query macros check the SQL against a database at compile time: they need "
                              "DATABASE_URL or prepared offline data (.sqlx), which the article does not give"});
    }
    if (!missing.empty()) {
        r.findings.push_back({"missing-dependency", "crate", fmt::format("not in the {} crate registry: {}",
                                                                         reference_universe_.name, fmt::join(r.missing_crates, ", "))});
    }
    if (other_errors) {
        r.findings.push_back({"error", "", "compile errors not explained by missing crates or undefined names"});
    }
    if (r.verdict == Verdict::SpeculativeSyntax) {
        return finish(r);
    }
    // Priority: outdated-api > missing-dependency > incomplete > error.
    bool kb = std::any_of(r.findings.begin(), r.findings.end(), [](const Finding& f) { return f.verdict == "outdated-api"; });
    if (kb) {
        r.verdict = Verdict::OutdatedApi;
        r.subkind = r.findings.front().subkind;
    } else if (!missing.empty()) {
        r.verdict = Verdict::MissingDependency;
        r.subkind = "crate";
    } else if (auto typo = std::find_if(r.findings.begin(), r.findings.end(), [](const Finding& f) { return f.subkind == "typography"; });
               typo != r.findings.end()) {
        r.verdict = Verdict::Error;
        r.subkind = "typography";
    } else if (auto fragment = std::find_if(r.findings.begin(), r.findings.end(), [](const Finding& f) { return f.verdict == "incomplete"; });
               fragment != r.findings.end() && (!other_errors || fragment->subkind == "repaired" || fragment->subkind == "undefined" ||
                                                fragment->subkind == "needs-database")) {
        r.verdict = Verdict::Incomplete;
        r.subkind = fragment->subkind;
    } else {
        r.verdict = Verdict::Error;
        r.subkind = compile_fail ? "compile_fail" : "";
    }
    return finish(r);
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
                r.findings.push_back({"outdated-api", "removed", fmt::format("rustc says: {}", d.message)});
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
                r.findings.push_back({"outdated-api", "removed",
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
            r.findings.push_back({"error", "typography",
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
        r.findings.push_back({"incomplete", "repaired", fmt::format("a fragment: it parses once repaired ({})", how)});
        r.evidence.push_back({stable_.name, edition, a.command, "", "note", "parses once repaired: " + how, 0});
        return true;
    }
    return false;
}

}  // namespace snipcheck
