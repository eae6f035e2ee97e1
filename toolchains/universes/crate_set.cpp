// Crate sets: the dependencies of a profile (or an alternate, or a universe) built once by
// cargo in the sandbox per (toolchain, universe, crate set) and reused by every snippet through
// --extern; and the listing of a cargo directory source.
#include "toolchains/universes/crate_set.hpp"

#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>

#include "extractor/sha256.hpp"
#include "model/file_io.hpp"
#include "toolchains/universes/path_crates.hpp"

namespace snipcheck {

namespace fs = std::filesystem;

std::string library_name(std::string package) {
    std::replace(package.begin(), package.end(), '-', '_');
    return package;
}

std::map<std::string, std::vector<std::string>> registry_crates(const std::string& registry) {
    std::map<std::string, std::vector<std::string>> out;
    std::error_code ec;
    // increment(ec), not ++: a directory that fails half-way is listed as far as it was read.
    for (fs::directory_iterator it(registry, ec), end; !ec && it != end; it.increment(ec)) {
        std::string dir = it->path().filename().string();
        // name-1.2.3: the version starts after the last '-' followed by a digit.
        std::size_t cut = std::string::npos;
        for (std::size_t i = dir.size(); i-- > 1;) {
            if (dir[i - 1] == '-' && std::isdigit(static_cast<unsigned char>(dir[i]))) {
                cut = i - 1;
                break;
            }
        }
        if (cut == std::string::npos) {
            continue;
        }
        out[library_name(dir.substr(0, cut))].push_back(dir.substr(cut + 1));
    }
    return out;
}

namespace {

std::mutex build_observer_mutex;
std::function<void(const std::string&)> build_observer;

void tell_build_observer(const std::string& event) {
    std::lock_guard<std::mutex> lock(build_observer_mutex);
    if (build_observer) {
        build_observer(event);
    }
}

}  // namespace

void set_crate_build_observer(std::function<void(const std::string& event)> observer) {
    std::lock_guard<std::mutex> lock(build_observer_mutex);
    build_observer = std::move(observer);
}

namespace {

// The set's [dependencies]: the profile's registry crates, then each path crate from its
// snapshot inside the set's folder.
std::string crate_dependencies(const std::string& dependencies_toml, const std::vector<PathCrate>& path_crates) {
    std::string deps = dependencies_toml;
    for (const auto& c : path_crates) {
        std::string package = path_crate_package(c.dir);
        deps += fmt::format("{} = {{ path = \"path-crates/{}\"{} }}\n", c.name, c.name,
                            package.empty() || package == c.name ? "" : fmt::format(", package = \"{}\"", package));
    }
    return deps;
}

// The throwaway package cargo checks: the dependencies, path crates copied in (the set is
// built from a snapshot, never in the author's folder), the universe as the only source, offline.
std::optional<Error> write_crate_package(const Toolchain& tc, const fs::path& dir, const std::string& registry,
                                         const std::string& deps, const std::vector<PathCrate>& path_crates) {
    std::error_code ec;
    fs::create_directories(dir / ".cargo", ec);
    if (ec) {
        return Error{fmt::format("cannot create {}: {}", dir.string(), ec.message())};
    }
    for (const auto& c : path_crates) {
        fs::path copy = dir / "path-crates" / c.name;
        fs::create_directories(copy, ec);
        for (fs::directory_iterator it(c.dir, ec), end; !ec && it != end; it.increment(ec)) {
            std::string name = it->path().filename().string();
            if (name != "target" && name != ".git") {
                // Links stay links: the snapshot never reads what a link points at outside the crate.
                fs::copy(it->path(), copy / name,
                         fs::copy_options::recursive | fs::copy_options::copy_symlinks | fs::copy_options::overwrite_existing, ec);
            }
            if (ec) {
                break;
            }
        }
        if (ec) {
            return Error{fmt::format("cannot copy the path crate {} from {}: {}", c.name, c.dir, ec.message())};
        }
    }
    std::ofstream(dir / "Cargo.toml") << "[package]\nname = \"snipcheck-deps\"\nversion = \"0.0.0\"\n"
                                         "edition = \"2021\"\n\n[lib]\npath = \"lib.rs\"\n\n[dependencies]\n"
                                      << deps;
    std::ofstream(dir / "lib.rs") << "";
    std::ofstream(dir / ".cargo" / "config.toml")
        << fmt::format("[source.crates-io]\nreplace-with = \"universe\"\n[source.universe]\ndirectory = \"{}\"\n"
                       "[net]\noffline = true\n",
                       registry);
    if (tc.nightly) {
        // Old build scripts (proc-macro2 1.0.47) enable unstable APIs when they see
        // "nightly" in the version; show them a plain version string.
        std::ofstream(dir / "rustc-hide-nightly")
            << "#!/bin/sh\ncase \" $* \" in *\" -vV \"*|*\" --version \"*|*\" -V \"*) \"" << tc.rustc
            << "\" \"$@\" | sed 's/-nightly//' ;; *) exec \"" << tc.rustc << "\" \"$@\" ;; esac\n";
        fs::permissions(dir / "rustc-hide-nightly", fs::perms::owner_all | fs::perms::group_read | fs::perms::others_read, ec);
        if (ec) {
            return Error{fmt::format("cannot make {} executable: {}", (dir / "rustc-hide-nightly").string(), ec.message())};
        }
    }
    return std::nullopt;
}

// The libraries and proc macros of cargo's JSON messages: what --extern can name.
nlohmann::json built_artifacts(const std::string& cargo_output) {
    nlohmann::json artifacts = nlohmann::json::array();
    std::istringstream in(cargo_output);
    std::string line;
    while (std::getline(in, line)) {
        auto j = nlohmann::json::parse(line, nullptr, false);
        if (j.is_discarded() || j.value("reason", "") != "compiler-artifact") {
            continue;
        }
        auto kinds = j["target"].value("kind", std::vector<std::string>{});
        auto has = [&](const char* k) { return std::find(kinds.begin(), kinds.end(), k) != kinds.end(); };
        bool lib = has("lib") || has("rlib");
        bool proc_macro = has("proc-macro");
        std::string file;
        for (const auto& f : j.value("filenames", std::vector<std::string>{})) {
            if ((lib && f.ends_with(".rmeta")) || (proc_macro && f.ends_with(".so"))) {
                file = f;
            }
        }
        std::string pkg = j.value("package_id", "");
        if (!file.empty() && pkg.find("snipcheck-deps") == std::string::npos) {
            artifacts.push_back({{"name", j["target"].value("name", "")}, {"package_id", pkg}, {"path", file}});
        }
    }
    return artifacts;
}

// Runs cargo over the package in `dir` and records what it built in `manifest`.
std::optional<Error> run_crate_build(const Toolchain& tc, const fs::path& dir, const std::string& registry,
                               const std::string& label, const ProcessLimits& limits, const fs::path& manifest) {
    std::vector<std::string> argv{tc.cargo, "check", "--offline", "--message-format=json", "--quiet"};
    SandboxSpec spec = rust_sandbox(tc, dir.string(), {registry}, limits);
    if (tc.nightly) {
        spec.env["RUSTC"] = std::string(kSandboxWorkDir) + "/rustc-hide-nightly";
    }
    spec.limits.wall_time = std::chrono::minutes(20);
    spec.limits.cpu_seconds.reset();
    tell_build_observer(fmt::format("building the {} crate set with {} (once per toolchain: minutes)", label, tc.name));
    auto build_started = std::chrono::steady_clock::now();
    auto r = run_sandboxed(spec, argv);
    tell_build_observer(fmt::format("{} crate set with {}: {} after {:.0f} s", label, tc.name, r.ok() ? "built" : "failed",
                                    std::chrono::duration<double>(std::chrono::steady_clock::now() - build_started).count()));
    // Its JSON messages name the artifacts: a run cut short (or failed as a run) is no crate set.
    if (std::string failure = run_failure(r, "cargo check"); !failure.empty() || !r.ok()) {
        std::string why = failure.empty() ? r.err : failure;
        return Error{fmt::format("building the {} crate set with {} failed: {}", label, tc.name, why.substr(0, 2000))};
    }
    if (!write_file_atomically(manifest.string(), built_artifacts(r.out).dump(1))) {
        return Error{fmt::format("cannot write {}", manifest.string())};
    }
    return std::nullopt;
}

// One manifest entry as a crate of the set; `direct` when the set's [dependencies] name it.
CrateArtifact read_artifact(const nlohmann::json& a, const fs::path& dir, const std::string& direct) {
    CrateArtifact c;
    c.name = a.value("name", "");
    std::string path = a.value("path", "");
    // cargo ran with the set's directory at kSandboxWorkDir; outside, it is `dir`.
    std::string inside = std::string(kSandboxWorkDir) + "/";
    c.path = path.starts_with(inside) ? (dir / path.substr(inside.size())).string() : path;
    std::string pkg = a.value("package_id", "");
    // "registry+...#name@1.2.3", "path+file:///...#1.2.3" or "name 1.2.3 (...)"
    std::size_t at = pkg.rfind('@');
    std::size_t hash = pkg.rfind('#');
    if (at != std::string::npos && hash != std::string::npos && hash < at) {
        c.package = pkg.substr(hash + 1, at - hash - 1);
        c.version = pkg.substr(at + 1);
    } else if (hash != std::string::npos && pkg.starts_with("path+")) {
        c.package = fs::path(pkg.substr(0, hash)).filename().string();
        c.version = pkg.substr(hash + 1);
    } else {
        std::istringstream ps(pkg);
        ps >> c.package >> c.version;
    }
    std::string pkg_key = c.package + " =";
    std::string lib_key = c.name + " =";
    c.direct = direct.find("\n" + pkg_key) != std::string::npos || direct.starts_with(pkg_key) ||
               direct.find("\n" + lib_key) != std::string::npos || direct.starts_with(lib_key) ||
               direct.find("package = \"" + c.package + "\"") != std::string::npos;
    return c;
}

}  // namespace

Expected<CrateSet> build_crate_set(const Toolchain& tc, const std::string& registry, const std::string& label,
                                   const std::string& dependencies_toml, const std::string& cache_dir,
                                   const ProcessLimits& limits, const std::vector<PathCrate>& path_crates) {
    // The key: format version first, then toolchain identity, registry and the crate list.
    std::string paths;
    for (const auto& c : path_crates) {
        paths += fmt::format("{} {}\n", c.name, path_crate_digest(c.dir));
    }
    std::string key = sha256_hex(fmt::format("crate-set-v3\ntoolchain\n{}\nregistry\n{}\nsandbox\n{}\ndeps\n{}\npaths\n{}",
                                             tc.identity, registry, kSandboxWorkDir, dependencies_toml, paths));
    fs::path dir = fs::path(cache_dir) / "crates" / fmt::format("{}-{}-{}", tc.name, label, key.substr(0, 16));
    fs::path manifest = dir / "snipcheck-crates.json";
    std::string direct = crate_dependencies(dependencies_toml, path_crates);
    std::error_code ec;
    if (!fs::exists(manifest, ec)) {
        if (auto failed = write_crate_package(tc, dir, registry, direct, path_crates)) {
            return *failed;
        }
        if (auto failed = run_crate_build(tc, dir, registry, label, limits, manifest)) {
            return *failed;
        }
    }
    auto artifacts = nlohmann::json::parse(read_file(manifest.string()), nullptr, false);
    if (artifacts.is_discarded()) {
        return Error{fmt::format("{}: corrupt crate-set manifest; delete it to rebuild", manifest.string())};
    }
    CrateSet set;
    set.label = label;
    set.registry = registry;
    set.dir = dir.string();
    set.deps_dir = (dir / "target" / "debug" / "deps").string();
    for (const auto& a : artifacts) {
        CrateArtifact c = read_artifact(a, dir, "\n" + direct);
        auto it = set.crates.find(c.name);
        if (it == set.crates.end() || (c.direct && !it->second.direct)) {
            set.crates[c.name] = c;
        }
    }
    return set;
}


}  // namespace snipcheck
