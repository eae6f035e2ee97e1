#include "toolchains/cargo/toml_checker.hpp"
#include "model/regex.hpp"
#include "model/file_io.hpp"
#include "toolchains/cargo/manifest_paths.hpp"

#include <fmt/format.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <toml++/toml.h>

namespace snipcheck {

namespace fs = std::filesystem;

namespace {

constexpr std::array<std::string_view, 11> kManifestTables{
    "package", "dependencies", "dev-dependencies", "build-dependencies", "workspace", "profile",
    "features", "lib", "bin", "target", "patch"};

// Writes the snippet as a package or workspace cargo can load: a [package] when it has
// none, stub members for `members = [...]` (each using every workspace dependency, so that
// their versions are resolved), and a src/lib.rs.
bool complete_manifest(const fs::path& dir, toml::table manifest) {
    std::error_code ec;
    bool has_package = manifest.contains("package");
    bool has_workspace = manifest.contains("workspace");
    if (!has_package && !has_workspace) {
        manifest.insert("package", toml::table{{"name", "snippet"}, {"version", "0.1.0"}, {"edition", "2021"}});
        has_package = true;
    }
    if (auto* pkg = manifest["package"].as_table()) {
        if (!pkg->contains("name")) {
            pkg->insert("name", "snippet");
        }
        if (!pkg->contains("version")) {
            pkg->insert("version", "0.1.0");
        }
    }
    if (has_package) {
        if (!fs::create_directories(dir / "src", ec) && ec) {
            return false;
        }
        std::ofstream(dir / "src" / "lib.rs") << "";
    }
    std::vector<std::string> workspace_deps;
    if (auto* deps = manifest["workspace"]["dependencies"].as_table()) {
        for (const auto& [k, v] : *deps) {
            workspace_deps.emplace_back(k.str());
        }
    }
    if (auto* members = manifest["workspace"]["members"].as_array()) {
        int stub = 0;
        for (const auto& m : *members) {
            std::string path = m.value_or(std::string());
            if (path.empty() || path.find('*') != std::string::npos) {
                continue;  // a glob matches nothing in a throwaway workspace
            }
            if (!stays_inside(path)) {
                continue;  // confine_paths removed these; never create anything outside `dir`
            }
            fs::path member = dir / fs::path(path).lexically_normal();
            if (!fs::create_directories(member / "src", ec) && ec) {
                return false;
            }
            std::ofstream(member / "src" / "lib.rs") << "";
            std::ofstream out(member / "Cargo.toml");
            out << fmt::format("[package]\nname = \"stub-member-{}\"\nversion = \"0.1.0\"\nedition = \"2021\"\n\n[dependencies]\n", stub++);
            for (const auto& d : workspace_deps) {
                out << d << ".workspace = true\n";
            }
        }
    }
    std::ofstream out(dir / "Cargo.toml");
    out << manifest << "\n";
    return static_cast<bool>(out);
}

struct CargoFailure {
    Verdict verdict = Verdict::Error;  // MissingDependency, SpeculativeSyntax or Error
    std::string crate;
    std::string message;
};

// Reads cargo's complaint about a manifest.
CargoFailure read_cargo_error(const std::string& err) {
    RegexMatch m;
    static const Regex kNoPackage(R"(no matching package (?:named|found)[^`]*`([^`]+)`)");
    static const Regex kNoVersion(R"(failed to select a version for the requirement `([A-Za-z0-9_-]+) = \"([^\"]+)\"`)");
    static const Regex kCandidates(R"(candidate versions found which didn't match: ([^\n]+))");
    static const Regex kEdition(R"(older than the `([^`]+)` edition, and only supports ([^\n]*) editions)");
    static const Regex kResolver(R"(`resolver` setting `([^`]+)` is not valid|invalid value for `resolver`|unknown resolver)");
    if (kNoVersion.search(err, m)) {
        std::string found;
        RegexMatch c;
        if (kCandidates.search(err, c)) {
            found = fmt::format(" (the registry has {})", std::string(c[1]));
        }
        return {Verdict::MissingDependency, fmt::format("{} {}", std::string(m[1]), std::string(m[2])),
                fmt::format("no version of {} matches \"{}\"{}", std::string(m[1]), std::string(m[2]), found)};
    }
    if (kNoPackage.search(err, m)) {
        return {Verdict::MissingDependency, m[1], fmt::format("the registry has no package `{}`", std::string(m[1]))};
    }
    if (kEdition.search(err, m)) {
        return {Verdict::SpeculativeSyntax, "",
                fmt::format("edition {} does not exist for this cargo, which knows {}", std::string(m[1]), std::string(m[2]))};
    }
    if (kResolver.search(err, m)) {
        return {Verdict::SpeculativeSyntax, "", "cargo does not know this resolver: " + std::string(m[0])};
    }
    std::string first;
    std::istringstream in(err);
    std::string line;
    while (std::getline(in, line)) {
        if (line.find("error") != std::string::npos || !first.empty()) {
            first += (first.empty() ? "" : " ") + line;
            if (first.size() > 300) {
                break;
            }
        }
    }
    return {Verdict::Error, "", first.empty() ? err.substr(0, 300) : first};
}

bool remove_dependency(toml::table& t, const std::string& name) {
    bool removed = false;
    for (const char* table : {"dependencies", "dev-dependencies", "build-dependencies"}) {
        if (auto* deps = t[table].as_table()) {
            removed |= deps->erase(name) > 0;
        }
        if (auto* deps = t["workspace"][table].as_table()) {
            removed |= deps->erase(name) > 0;
        }
    }
    return removed;
}

}  // namespace

bool is_cargo_manifest(const std::string& text) {
    toml::table t;
    try {
        t = toml::parse(text);
    } catch (const toml::parse_error&) {
        return false;
    }
    for (const auto& [k, v] : t) {
        if (std::find(kManifestTables.begin(), kManifestTables.end(), k.str()) != kManifestTables.end()) {
            return true;
        }
    }
    return false;
}

std::string TomlChecker::identity() const {
    std::string older;
    for (const auto& [name, registry] : evidence_) {
        older += name + "=" + registry + ";";
    }
    return fmt::format("toml-checker-v2\n{}\n{}\n{}\n", tc_.identity, profile_.registry, older);
}

// One `cargo fetch --offline` of the completed manifest in a fresh work directory.
TomlChecker::FetchRun TomlChecker::fetch_once(const toml::table& t, const std::string& registry, CheckResult& r,
                                              bool record) const {
    FetchRun run;
    std::string dir = make_work_dir(scratch_dir(cache_dir_), "toml");
    if (dir.empty() || !complete_manifest(dir, t)) {
        run.harness_error = dir.empty() ? "cannot create a work directory" : "cannot lay out the manifest's workspace";
        std::error_code ec;
        fs::remove_all(dir, ec);
        return run;
    }
    std::error_code mkdir_ec;
    fs::create_directories(fs::path(dir) / ".cargo", mkdir_ec);
    std::ofstream config(fs::path(dir) / ".cargo" / "config.toml");
    config << fmt::format("[source.crates-io]\nreplace-with = \"universe\"\n[source.universe]\ndirectory = \"{}\"\n[net]\noffline = true\n",
                          registry);
    config.close();
    if (mkdir_ec || !config) {
        run.harness_error = "cannot write the work directory's cargo configuration" + (mkdir_ec ? ": " + mkdir_ec.message() : "");
        std::error_code ec;
        fs::remove_all(dir, ec);
        return run;
    }
    // `cargo fetch` resolves every dependency against the registry and, unlike `metadata`,
    // reports the keys it ignores ("unused manifest key").
    std::vector<std::string> argv{tc_.cargo, "fetch", "--offline"};
    ProcessLimits limits;
    limits.wall_time = std::chrono::seconds(profile_.wall_seconds);
    if (record) {
        r.wrapped_source = read_file((fs::path(dir) / "Cargo.toml").string());
    }
    auto p = run_sandboxed(rust_sandbox(tc_, dir, {registry}, limits), argv);
    std::error_code ec;
    fs::remove_all(dir, ec);
    run.command = format_command(argv);
    if (std::find(r.commands.begin(), r.commands.end(), run.command) == r.commands.end()) {
        r.commands.push_back(run.command);
    }
    // A cargo that did not run to an exit of its own says nothing about the manifest.
    run.harness_error = run_failure(p, "cargo fetch");
    run.ok = p.exit_code == 0;
    run.err = p.err;
    return run;
}

TomlChecker::Resolution TomlChecker::resolve(toml::table t, const std::string& registry, CheckResult& r,
                                              bool record) const {
    Resolution out;
    for (int round = 0; round < 12; ++round) {
        FetchRun run = fetch_once(t, registry, r, round == 0 && record);
        if (!run.harness_error.empty()) {
            out.harness_error = true;
            r.evidence.push_back({"cargo", "", run.command, "", "error", run.harness_error, 0});
            return out;
        }
        // Keys cargo ignores are mistakes an author wants to hear about.
        static const Regex kUnused(R"(unused manifest key: ([^\s]+))");
        for (const auto& it : kUnused.find_all(run.err)) {
            if (round == 0 && record) {
                r.findings.push_back({Verdict::Error, "unused-key", fmt::format("cargo ignores the key `{}`", std::string(it[1]))});
                r.evidence.push_back({"cargo", "", run.command, "", "warning", it[0], 0});
            }
        }
        if (run.ok) {
            break;
        }
        CargoFailure f = read_cargo_error(run.err);
        r.evidence.push_back({"cargo", "", run.command, "", "error", f.message, 0});
        if (f.verdict == Verdict::MissingDependency) {
            out.missing.push_back(f.crate);
            if (remove_dependency(t, f.crate.substr(0, f.crate.find(' ')))) {
                continue;  // find the next one
            }
        } else {
            out.failed.push_back({f.verdict, f.verdict == Verdict::SpeculativeSyntax ? "invented" : "", f.message});
            if (record) {
                r.findings.push_back(out.failed.back());
            }
        }
        break;
    }
    return out;
}

namespace {

// Keys that need a newer cargo than some readers have: said, with the version.
void note_newer_keys(const toml::table& t, CheckResult& r) {
    struct NewerKey {
        const char* table;
        const char* key;
        const char* value;
        const char* since;
    };
    static constexpr NewerKey kNewer[] = {{"workspace", "resolver", "3", "1.84"}, {"package", "resolver", "3", "1.84"},
                                          {"package", "edition", "2024", "1.85"}, {"package", "edition", "2021", "1.56"}};
    for (const auto& k : kNewer) {
        if (t[k.table][k.key].value_or(std::string()) == k.value) {
            r.evidence.push_back({"cargo", "", "", "", "note",
                                  fmt::format("`{}.{} = \"{}\"` needs cargo {} or newer", k.table, k.key, k.value, k.since), 0});
        }
    }
}

}  // namespace

// Requirements today's universe cannot meet, one by one: does an older universe meet them?
// (An older suite may lack other crates; each requirement is judged on its own.)
void TomlChecker::older_universes(const toml::table& t, const std::vector<std::string>& missing, CheckResult& r) const {
    auto name_of = [](const std::string& m) { return m.substr(0, m.find(' ')); };
    for (const auto& [name, registry] : evidence_) {
        CheckResult scratch;
        Resolution then = resolve(t, registry, scratch, false);
        if (then.harness_error || !then.failed.empty()) {
            continue;
        }
        std::vector<std::string> met;
        for (const auto& m : missing) {
            if (std::none_of(then.missing.begin(), then.missing.end(), [&](const std::string& x) { return name_of(x) == name_of(m); })) {
                met.push_back(m);
            }
        }
        if (!met.empty()) {
            r.findings.push_back({Verdict::OutdatedApi, "crate-version",
                                  fmt::format("{}: the {} crates have a match, today's ({}) do not", fmt::join(met, ", "), name,
                                              profile_.universe_name)});
            r.evidence.push_back({"cargo", "", scratch.commands.empty() ? "" : scratch.commands.front(), "", "pass",
                                  fmt::format("against the {} crates cargo resolves {}", name, fmt::join(met, ", ")), 0});
            return;
        }
    }
}

CheckResult TomlChecker::check(const Snippet& s, const std::string&) const {
    auto started = std::chrono::steady_clock::now();
    CheckResult r;
    auto done = [&]() -> CheckResult {
        r.duration_ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started).count();
        return r;
    };
    toml::table t;
    try {
        t = toml::parse(s.code, s.article);
    } catch (const toml::parse_error& e) {
        int line = s.start_line + static_cast<int>(e.source().begin.line) - 1;
        r.verdict = Verdict::Error;
        r.subkind = "syntax";
        r.evidence.push_back({"toml++", "", "", "", "error", std::string(e.description()), line});
        r.findings.push_back({Verdict::Error, "syntax", std::string(e.description())});
        return done();
    }
    note_newer_keys(t, r);
    if (!is_cargo_manifest(s.code)) {
        r.verdict = Verdict::Compiles;
        r.subkind = "syntax";
        r.evidence.push_back({"toml++", "", "", "", "pass", "valid TOML (not a Cargo manifest: syntax only)", 0});
        return done();
    }
    for (const auto& refused : confine_paths(t)) {
        r.findings.push_back({Verdict::Incomplete, "outside-path", refused});
        r.evidence.push_back({"snipcheck", "", "", "", "error", refused, 0});
    }
    Resolution today = resolve(t, profile_.registry, r, true);
    if (today.harness_error) {
        r.verdict = Verdict::HarnessError;
        return done();
    }
    if (!today.missing.empty()) {
        older_universes(t, today.missing, r);
        r.missing_crates = today.missing;
        r.findings.push_back({Verdict::MissingDependency, "crate", fmt::format("not in the {} registry: {}", profile_.universe_name,
                                                                         fmt::join(today.missing, ", "))});
    }
    decide_by_priority(r);
    if (r.verdict == Verdict::Compiles) {
        r.evidence.push_back({"cargo", "", r.commands.empty() ? "" : r.commands.front(), "", "pass", "cargo accepts the manifest", 0});
    }
    return done();
}

}  // namespace snipcheck
