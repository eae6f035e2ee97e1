#include "toolchains/rust/rust_checker.hpp"
#include "model/regex.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "extractor/sha256.hpp"
#include "toolchains/rust/knowledge_base.hpp"
#include "toolchains/universes/path_crates.hpp"
#include "toolchains/rust/rust_diagnosis.hpp"
#include "toolchains/rust/rust_repair.hpp"

namespace snipcheck {

namespace fs = std::filesystem;

void add_evidence(CheckResult& r, const Attempt& a, std::size_t max_diagnostics) {
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

// A universe's crate set with the profile's path crates that universe can build; the others
// are left out with the reason, and so is every path crate when cargo cannot build them.
Expected<CrateSet> universe_crate_set(const Toolchain& tc, const RustCheckOptions& o, const Universe& u,
                                      const std::string& label, const std::string& deps) {
    // The registry is listed only for a profile that names path crates: not at every start.
    auto plan = o.profile.path_crates.empty() ? PathCratePlan{}
                                              : plan_path_crates(o.profile.path_crates, registry_crates(u.registry));
    for (auto& [name, why] : plan.unavailable) {
        why = fmt::format("a path crate the {} universe cannot build: it {}", u.name, why);
    }
    auto set = build_crate_set(tc, u.registry, label, deps, o.cache_dir, {}, plan.buildable);
    if (!set && !plan.buildable.empty()) {
        std::string why = set.error().message;
        why = first_line(why);
        for (const auto& c : plan.buildable) {
            std::string lib = library_name(c.name);
            plan.unavailable[lib] = fmt::format("a path crate the {} universe cannot build: {}", u.name, why);
        }
        set = build_crate_set(tc, u.registry, label, deps, o.cache_dir, {});
    }
    if (set) {
        set->unavailable = plan.unavailable;
    }
    return set;
}

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
    std::error_code ec;
    if (!fs::is_directory(options.profile.registry, ec)) {
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
    std::string deps = universe_dependencies(options.profile.crates, ref);
    auto set = universe_crate_set(c->stable_, options, ref, ref.system ? "default" : "universe-" + ref.name, deps);
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
        std::string set_label = label;
        std::replace(set_label.begin(), set_label.end(), ':', '-');
        if (auto alt = options_.profile.alternates.find(label); alt != options_.profile.alternates.end()) {
            // Alternates pin versions of the system universe.
            if (auto set = build_crate_set(stable_, options_.profile.registry, set_label, alt->second, options_.cache_dir, {})) {
                built = *set;
            }
        }
        for (const auto& u : evidence_universes_) {
            if (label == "universe:" + u.name) {
                std::string deps = universe_dependencies(options_.profile.crates, u);
                if (auto set = universe_crate_set(stable_, options_, u, set_label, deps)) {
                    built = *set;
                }
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

namespace {

// The work directory of one rustc run: the source, and a manifest without dependencies (proc
// macros that ask cargo where they are, as sqlx's query macros run `cargo metadata`, get an
// answer instead of an error). "" when it is laid out, else what failed.
std::string lay_out_rust_work(const fs::path& work, const std::string& source, const std::string& edition) {
    std::ofstream main_rs(work / "main.rs");
    main_rs << source;
    std::ofstream manifest(work / "Cargo.toml");
    manifest << fmt::format("[package]\nname = \"snippet\"\nversion = \"0.1.0\"\nedition = \"{}\"\n\n[lib]\npath = \"main.rs\"\n",
                            edition);
    main_rs.close();
    manifest.close();
    return main_rs && manifest ? "" : "cannot write the snippet's source into " + work.string();
}

}  // namespace

// rustc's limits: the profile's wall time, CPU and memory; room for its threads and proc macros.
ProcessLimits RustChecker::rustc_limits() const {
    ProcessLimits limits;
    limits.wall_time = std::chrono::seconds(options_.profile.wall_seconds);
    limits.cpu_seconds = options_.profile.cpu_seconds;
    limits.address_space_bytes = static_cast<unsigned long>(options_.profile.memory_mib) * 1024ul * 1024ul;
    limits.file_size_bytes = 256ul * 1024ul * 1024ul;
    limits.processes = 4096;  // per user: rustc's threads and proc macros, not a fork bomb
    return limits;
}

// rustc's command line for `a`'s source, and the directories the sandbox lets it read.
std::vector<std::string> RustChecker::rustc_argv(const Toolchain& tc, const CrateSet* crates, const Attempt& a,
                                                 const std::vector<std::string>& externs, const std::vector<std::string>& extra,
                                                 std::vector<std::string>& readable) const {
    std::vector<std::string> argv{tc.rustc, "--edition", a.edition, "--crate-type", a.wrapped.crate_type,
                                  "--crate-name", "snippet", "--emit=metadata", "--error-format=json",
                                  "-o", std::string(kSandboxWorkDir) + "/out.rmeta"};
    readable = {crates_.registry.empty() ? options_.profile.registry : crates_.registry};
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
    argv.insert(argv.end(), extra.begin(), extra.end());
    argv.push_back("main.rs");
    return argv;
}

Attempt RustChecker::run_rustc(const Toolchain& tc, const CrateSet* crates, WrappedSource wrapped,
                               const std::string& edition, const std::vector<std::string>& gates,
                               const std::vector<std::string>& externs, const std::vector<std::string>& extra) const {
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
    std::vector<std::string> readable;
    std::vector<std::string> argv = rustc_argv(tc, crates, a, externs, extra, readable);
    a.command = format_command(argv);
    a.harness_error = lay_out_rust_work(work, source, edition);
    ProcessResult r;
    if (a.harness_error.empty()) {
        r = run_sandboxed(rust_sandbox(tc, work.string(), readable, rustc_limits()), argv);
    }
    std::error_code ec;
    fs::remove_all(work, ec);
    if (!a.harness_error.empty()) {
        return a;
    }
    // Its JSON diagnostics are the evidence: a run that failed as a run, or whose output was
    // cut short, says nothing about the snippet.
    a.timed_out = r.timed_out;
    a.harness_error = run_failure(r, fmt::format("rustc ({})", tc.name));
    if (!a.harness_error.empty()) {
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
                   crates_.unavailable.count(root) || extends_known_crate(root)) {
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

Attempt RustChecker::recheck(const Snippet& s, const std::string& edition, const std::string& context,
                             const std::vector<std::string>& extra) const {
    std::vector<std::string> externs;
    std::set<std::string> missing;
    std::set<std::string> undefined;
    classify_roots(s, externs, missing, undefined);
    std::vector<std::string> declared = edition == "2015" ? externs : std::vector<std::string>{};
    return run_rustc(stable_, &crates_, wrap_rust(s, context, declared), edition, {}, externs, extra);
}

std::string RustChecker::edition_of(const Snippet& s) const {
    std::string edition = options_.profile.editions.front();
    for (const auto& attr : s.attributes) {
        if (attr.starts_with("edition")) {
            edition = attr.substr(7);
        }
    }
    return edition;
}

CheckResult RustChecker::check(const Snippet& s, const std::string& context, const Attempt* settled) const {
    auto started = std::chrono::steady_clock::now();
    Ladder l;
    l.s = &s;
    l.context = &context;
    auto finish = [&]() -> CheckResult {
        l.r.duration_ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started).count();
        return std::move(l.r);
    };
    if ((s.has_attribute("ignore") || s.has_attribute("text")) && !options_.include_ignored) {
        l.r.verdict = Verdict::Skipped;
        l.r.subkind = "ignore";
        return finish();
    }
    crates_rung(l);
    l.edition = edition_of(s);
    l.batched = settled != nullptr;
    l.first = l.batched ? *settled : compile(stable_, &crates_, s, l.edition, {}, "", l.externs);
    l.r.wrapped_source = l.batched ? wrap_rust(s, "", {}).text : l.first.wrapped.text;
    if (!l.first.harness_error.empty()) {
        l.r.verdict = Verdict::HarnessError;
        l.r.evidence.push_back({stable_.name, l.edition, l.first.command, "", "error", l.first.harness_error, 0});
        l.r.commands.push_back(l.first.command);
        return finish();
    }
    l.compile_fail = s.has_attribute("compile_fail");
    if (l.first.passed) {
        passed_rung(l);
        return finish();
    }
    add_evidence(l.r, l.first);
    removed_rung(l.first.diagnostics, l.first.wrapped, l.r);
    l.outdated = std::any_of(l.r.findings.begin(), l.r.findings.end(), [](const Finding& f) { return f.verdict == Verdict::OutdatedApi; });
    read_failure(l);
    if (edition_rung(l) || crate_version_rung(l)) {
        return finish();
    }
    nightly_rung(l);
    if (context_rung(l)) {
        return finish();
    }
    fragment_findings(l);
    if (l.r.verdict != Verdict::SpeculativeSyntax) {
        decide(l);
    }
    if (CheckResult core; unsure_edges_rung(l, core)) {
        l.r = std::move(core);
    }
    return finish();
}

}  // namespace snipcheck
