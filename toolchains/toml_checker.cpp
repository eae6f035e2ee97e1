#include "toolchains/toml_checker.hpp"
#include "model/regex.hpp"

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

// True when a path the manifest names stays inside the manifest's own folder (the work
// directory): relative, and never climbing out once `.` and `..` are folded.
bool stays_inside(const std::string& path) {
    if (path.empty() || path.find('\0') != std::string::npos) {
        return false;
    }
    fs::path p = fs::path(path).lexically_normal();
    return !p.is_absolute() && !p.has_root_name() && !p.has_root_directory() && (p.empty() || *p.begin() != "..");
}

// Removes every path the manifest names that leaves the work directory (workspace members,
// `path =` dependencies and patches, build scripts, target paths), so that nothing a snippet
// says is created, read or built outside it; each removal is said in the returned list.
std::vector<std::string> confine_paths(toml::table& t) {
    std::vector<std::string> refused;
    auto refuse = [&](const std::string& where, const std::string& path) {
        refused.push_back(fmt::format("`{}` = \"{}\" leaves the snippet's folder: not followed", where, path));
    };
    auto confine_list = [&](toml::array* list, const std::string& where) {
        if (list == nullptr) {
            return;
        }
        for (std::size_t i = list->size(); i-- > 0;) {
            auto v = (*list)[i].value<std::string>();
            if (v && !stays_inside(*v) && v->find('*') == std::string::npos) {
                refuse(where, *v);
                list->erase(list->begin() + static_cast<long>(i));
            } else if (v && v->find('*') != std::string::npos && !stays_inside(v->substr(0, v->find('*')) + "x")) {
                refuse(where, *v);
                list->erase(list->begin() + static_cast<long>(i));
            }
        }
    };
    for (const char* key : {"members", "default-members", "exclude"}) {
        confine_list(t["workspace"][key].as_array(), std::string("workspace.") + key);
    }
    for (const char* key : {"build", "workspace", "readme", "license-file"}) {
        if (auto v = t["package"][key].value<std::string>(); v && !stays_inside(*v)) {
            refuse(std::string("package.") + key, *v);
            t["package"].as_table()->erase(key);
        }
    }
    // Tables whose entries may carry `path = "..."`: dependency tables, patches, targets.
    std::vector<std::pair<std::string, toml::table*>> tables;
    auto add_dependency_tables = [&](toml::table* owner, const std::string& prefix) {
        for (const char* key : {"dependencies", "dev-dependencies", "build-dependencies", "dev_dependencies", "build_dependencies"}) {
            if (owner != nullptr) {
                if (auto* deps = (*owner)[key].as_table()) {
                    tables.emplace_back(prefix + key, deps);
                }
            }
        }
    };
    add_dependency_tables(&t, "");
    add_dependency_tables(t["workspace"].as_table(), "workspace.");
    if (auto* targets = t["target"].as_table()) {
        for (auto& [name, v] : *targets) {
            add_dependency_tables(v.as_table(), fmt::format("target.{}.", name.str()));
        }
    }
    for (const char* key : {"patch", "replace"}) {
        if (auto* outer = t[key].as_table()) {
            for (auto& [name, v] : *outer) {
                if (auto* inner = v.as_table(); inner && std::string_view(key) == "patch") {
                    tables.emplace_back(fmt::format("patch.{}", name.str()), inner);
                }
            }
            if (std::string_view(key) == "replace") {
                tables.emplace_back("replace", outer);
            }
        }
    }
    for (auto& [where, table] : tables) {
        std::vector<std::string> drop;
        for (auto& [name, v] : *table) {
            auto path = v.as_table() ? (*v.as_table())["path"].value<std::string>() : std::nullopt;
            if (path && !stays_inside(*path)) {
                refuse(fmt::format("{}.{}.path", where, name.str()), *path);
                drop.emplace_back(name.str());
            }
        }
        for (const auto& name : drop) {
            table->erase(name);
        }
    }
    for (const char* key : {"lib", "bin", "example", "test", "bench"}) {
        auto confine_target = [&](toml::table* target) {
            if (target == nullptr) {
                return;
            }
            if (auto v = (*target)["path"].value<std::string>(); v && !stays_inside(*v)) {
                refuse(fmt::format("{}.path", key), *v);
                target->erase("path");
            }
        };
        confine_target(t[key].as_table());
        if (auto* list = t[key].as_array()) {
            for (auto& item : *list) {
                confine_target(item.as_table());
            }
        }
    }
    return refused;
}

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
        fs::create_directories(dir / "src", ec);
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
    std::string verdict;  // missing-dependency, speculative-syntax, error
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
        return {"missing-dependency", fmt::format("{} {}", std::string(m[1]), std::string(m[2])),
                fmt::format("no version of {} matches \"{}\"{}", std::string(m[1]), std::string(m[2]), found)};
    }
    if (kNoPackage.search(err, m)) {
        return {"missing-dependency", m[1], fmt::format("the registry has no package `{}`", std::string(m[1]))};
    }
    if (kEdition.search(err, m)) {
        return {"speculative-syntax", "",
                fmt::format("edition {} does not exist for this cargo, which knows {}", std::string(m[1]), std::string(m[2]))};
    }
    if (kResolver.search(err, m)) {
        return {"speculative-syntax", "", "cargo does not know this resolver: " + std::string(m[0])};
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
    return {"error", "", first.empty() ? err.substr(0, 300) : first};
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

TomlChecker::Resolution TomlChecker::resolve(toml::table t, const std::string& registry, CheckResult& r,
                                              bool record) const {
    Resolution out;
    for (int round = 0; round < 12; ++round) {
        std::string dir = make_work_dir(scratch_dir(cache_dir_), "toml");
        if (dir.empty()) {
            out.harness_error = true;
            r.evidence.push_back({"cargo", "", "", "", "error", "cannot create a work directory", 0});
            return out;
        }
        if (!complete_manifest(dir, t)) {
            std::error_code ec;
            fs::remove_all(dir, ec);
            out.harness_error = true;
            r.evidence.push_back({"cargo", "", "", "", "error", "cannot lay out the manifest's workspace", 0});
            return out;
        }
        std::error_code mkdir_ec;
        fs::create_directories(fs::path(dir) / ".cargo", mkdir_ec);
        std::ofstream(fs::path(dir) / ".cargo" / "config.toml")
            << fmt::format("[source.crates-io]\nreplace-with = \"universe\"\n[source.universe]\ndirectory = \"{}\"\n[net]\noffline = true\n",
                           registry);
        // `cargo fetch` resolves every dependency against the registry and, unlike `metadata`,
        // reports the keys it ignores ("unused manifest key").
        std::vector<std::string> argv{tc_.cargo, "fetch", "--offline"};
        ProcessLimits limits;
        limits.wall_time = std::chrono::seconds(profile_.wall_seconds);
        if (round == 0 && record) {
            std::ifstream in(fs::path(dir) / "Cargo.toml");
            std::ostringstream b;
            b << in.rdbuf();
            r.wrapped_source = b.str();
        }
        auto p = run_sandboxed(rust_sandbox(tc_, dir, {registry}, limits), argv);
        std::error_code ec;
        fs::remove_all(dir, ec);
        std::string command = format_command(argv);
        if (std::find(r.commands.begin(), r.commands.end(), command) == r.commands.end()) {
            r.commands.push_back(command);
        }
        if (p.timed_out || !p.spawn_error.empty()) {
            out.harness_error = true;
            r.evidence.push_back({"cargo", "", command, "", "error", p.timed_out ? "cargo timed out" : p.spawn_error, 0});
            return out;
        }
        // Keys cargo ignores are mistakes an author wants to hear about.
        static const Regex kUnused(R"(unused manifest key: ([^\s]+))");
        for (const auto& it : kUnused.find_all(p.err)) {
            if (round == 0 && record) {
                r.findings.push_back({"error", "unused-key", fmt::format("cargo ignores the key `{}`", std::string(it[1]))});
                r.evidence.push_back({"cargo", "", command, "", "warning", it[0], 0});
            }
        }
        if (p.exit_code == 0) {
            break;
        }
        CargoFailure f = read_cargo_error(p.err);
        r.evidence.push_back({"cargo", "", command, "", "error", f.message, 0});
        if (f.verdict == "missing-dependency") {
            out.missing.push_back(f.crate);
            std::string name = f.crate.substr(0, f.crate.find(' '));
            if (remove_dependency(t, name)) {
                continue;  // find the next one
            }
        } else {
            out.failed.push_back({f.verdict, f.verdict == "speculative-syntax" ? "invented" : "", f.message});
            if (record) {
                r.findings.push_back(out.failed.back());
            }
        }
        break;
    }
    return out;
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
        r.findings.push_back({"error", "syntax", std::string(e.description())});
        return done();
    }
    // Keys that need a newer cargo than some readers have: said, with the version.
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
    if (!is_cargo_manifest(s.code)) {
        r.verdict = Verdict::Compiles;
        r.subkind = "syntax";
        r.evidence.push_back({"toml++", "", "", "", "pass", "valid TOML (not a Cargo manifest: syntax only)", 0});
        return done();
    }
    for (const auto& refused : confine_paths(t)) {
        r.findings.push_back({"incomplete", "outside-path", refused});
        r.evidence.push_back({"snipcheck", "", "", "", "error", refused, 0});
    }
    Resolution today = resolve(t, profile_.registry, r, true);
    if (today.harness_error) {
        r.verdict = Verdict::HarnessError;
        return done();
    }
    std::vector<std::string> missing = today.missing;
    // Requirements today's universe cannot meet, one by one: does an older universe meet them?
    // (An older suite may lack other crates; each requirement is judged on its own.)
    if (!missing.empty()) {
        auto name_of = [](const std::string& m) { return m.substr(0, m.find(' ')); };
        for (const auto& [name, registry] : evidence_) {
            CheckResult scratch;
            Resolution then = resolve(t, registry, scratch, false);
            if (then.harness_error || !then.failed.empty()) {
                continue;
            }
            std::vector<std::string> met;
            for (const auto& m : missing) {
                bool still = std::any_of(then.missing.begin(), then.missing.end(),
                                         [&](const std::string& x) { return name_of(x) == name_of(m); });
                if (!still) {
                    met.push_back(m);
                }
            }
            if (!met.empty()) {
                r.findings.push_back({"outdated-api", "crate-version",
                                      fmt::format("{}: the {} crates have a match, today's ({}) do not", fmt::join(met, ", "),
                                                  name, profile_.universe_name)});
                r.evidence.push_back({"cargo", "", scratch.commands.empty() ? "" : scratch.commands.front(), "", "pass",
                                      fmt::format("against the {} crates cargo resolves {}", name, fmt::join(met, ", ")), 0});
                break;
            }
        }
    }
    r.missing_crates = missing;
    if (!missing.empty()) {
        r.findings.push_back({"missing-dependency", "crate", fmt::format("not in the {} registry: {}", profile_.universe_name,
                                                                         fmt::join(missing, ", "))});
    }
    decide_by_priority(r);
    if (r.verdict == Verdict::Compiles) {
        r.evidence.push_back({"cargo", "", r.commands.empty() ? "" : r.commands.front(), "", "pass", "cargo accepts the manifest", 0});
    }
    return done();
}

}  // namespace snipcheck
