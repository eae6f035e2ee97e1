#include "toolchains/universes/universe.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <sstream>

#include <toml++/toml.h>

#include "model/file_io.hpp"
#include "runner/process.hpp"
#include "toolchains/universes/debian_apt.hpp"
#include "toolchains/universes/path_crates.hpp"
#include "toolchains/universes/crate_set.hpp"

namespace snipcheck {

namespace fs = std::filesystem;

int suite_rank(const std::string& suite) {
    static const std::vector<std::string> kOrder{"buster", "bullseye", "bookworm", "trixie", "forky", "duke",
                                                 "testing", "sid", "unstable", "experimental"};
    auto it = std::find(kOrder.begin(), kOrder.end(), suite);
    return it == kOrder.end() ? static_cast<int>(kOrder.size()) : static_cast<int>(it - kOrder.begin());
}

std::vector<Universe> available_universes(const Profile& profile, const std::string& cache_dir) {
    std::vector<Universe> out;
    out.push_back({profile.universe_name, profile.registry, true, {}});
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(fs::path(cache_dir) / "universes", ec)) {
        fs::path manifest = entry.path() / "universe.json";
        if (!entry.is_directory() || entry.path().filename().string().starts_with(".") || !fs::exists(manifest)) {
            continue;
        }
        auto j = nlohmann::json::parse(read_file(manifest.string()), nullptr, false);
        if (j.is_discarded() || j.value("suite", "") == profile.universe_name) {
            continue;
        }
        out.push_back({j.value("suite", ""), (entry.path() / "registry").string(), false,
                       j.value("requested", std::vector<std::string>{})});
    }
    // The system universe offers what was fetched elsewhere too, where it packages it, so
    // that every universe can be compared on the same crates.
    for (std::size_t i = 1; i < out.size(); ++i) {
        for (const auto& c : out[i].requested) {
            if (std::find(out[0].requested.begin(), out[0].requested.end(), c) == out[0].requested.end()) {
                out[0].requested.push_back(c);
            }
        }
    }
    std::stable_sort(out.begin(), out.end(), [](const Universe& a, const Universe& b) {
        return suite_rank(a.name) < suite_rank(b.name);
    });
    return out;
}

Expected<std::pair<Universe, std::vector<Universe>>> choose_universes(const Profile& profile,
                                                                       const std::string& cache_dir) {
    auto all = available_universes(profile, cache_dir);
    const Universe* reference = nullptr;
    if (profile.reference_universe == "newest") {
        reference = &all.back();
    } else {
        for (const auto& u : all) {
            if (u.name == profile.reference_universe) {
                reference = &u;
            }
        }
        if (reference == nullptr) {
            return Error{fmt::format("universe '{}' is not here; fetch it with `snipcheck universe fetch {}`",
                                     profile.reference_universe, profile.reference_universe)};
        }
    }
    std::vector<Universe> evidence;
    for (const auto& u : all) {
        bool wanted = std::find(profile.evidence_universes.begin(), profile.evidence_universes.end(), "all") !=
                          profile.evidence_universes.end() ||
                      std::find(profile.evidence_universes.begin(), profile.evidence_universes.end(), u.name) !=
                          profile.evidence_universes.end();
        if (u.name != reference->name && wanted) {
            evidence.push_back(u);
        }
    }
    std::reverse(evidence.begin(), evidence.end());  // newest first: the closest to today
    return std::make_pair(*reference, evidence);
}

std::string universe_dependencies(const std::vector<CrateRequirement>& crates, const Universe& u) {
    auto listing = registry_crates(u.registry);
    auto has = [&](const std::string& name) { return listing.count(library_name(name)) > 0; };
    std::ostringstream out;
    std::set<std::string> named;
    for (const auto& c : crates) {
        if (!has(c.name)) {
            continue;
        }
        named.insert(c.name);
        // The system universe keeps the profile's pinned versions; others ship their own.
        out << (u.system ? c.dependency : c.any_version) << "\n";
    }
    for (const auto& name : u.requested) {
        if (!named.count(name) && has(name)) {
            out << name << " = \"*\"\n";
        }
    }
    return out.str();
}

namespace {

// The crates asked for now and at every earlier fetch of the suite: a second fetch adds.
std::vector<std::string> all_requested(const std::vector<std::string>& crates, const fs::path& final_dir) {
    std::vector<std::string> requested = crates;
    if (!fs::exists(final_dir / "universe.json")) {
        return requested;
    }
    auto old = nlohmann::json::parse(read_file((final_dir / "universe.json").string()), nullptr, false);
    for (const auto& c : old.is_discarded() ? std::vector<std::string>{} : old.value("requested", std::vector<std::string>{})) {
        if (std::find(requested.begin(), requested.end(), c) == requested.end()) {
            requested.push_back(c);
        }
    }
    return requested;
}

// Replaces `final_dir` with `staging` by renames: the universe is there whole or not at all.
std::optional<Error> move_into_place(const fs::path& staging, const fs::path& final_dir, const std::string& suite) {
    fs::path old = final_dir.parent_path() / fmt::format(".{}.old{}", suite, ::getpid());
    std::error_code ec;
    if (fs::exists(final_dir)) {
        fs::rename(final_dir, old, ec);
    }
    fs::rename(staging, final_dir, ec);
    if (ec) {
        return Error{fmt::format("cannot move the {} universe into place: {}", suite, ec.message())};
    }
    fs::remove_all(old, ec);
    return std::nullopt;
}

// The system packages of `wanted` that this machine has not installed.
std::vector<std::string> not_installed(const PrivateApt& apt, const std::set<std::string>& wanted) {
    std::vector<std::string> out;
    for (const auto& pkg : wanted) {
        auto q = apt.plain({"dpkg-query", "-W", "-f=${Status}", pkg}, apt.dir());
        if (q.out.find("install ok installed") == std::string::npos) {
            out.push_back(pkg);
        }
    }
    return out;
}

// The newest version of each crate in `registry`.
std::map<std::string, std::string> versions_of(const std::vector<std::string>& crates, const std::string& registry) {
    std::map<std::string, std::string> out;
    auto listing = registry_crates(registry);
    for (const auto& c : crates) {
        if (auto it = listing.find(library_name(c)); it != listing.end()) {
            out[c] = it->second.back();
        }
    }
    return out;
}

}  // namespace

Expected<FetchReport> fetch_universe(const std::string& suite, const std::vector<std::string>& crates,
                                     const std::string& cache_dir, const std::function<void(const std::string&)>& log) {
    if (suite.empty() || suite.find_first_of("/ .") != std::string::npos) {
        return Error{fmt::format("'{}' is not a Debian suite name", suite)};
    }
    if (!fs::exists(kKeyring)) {
        return Error{fmt::format("{} not found: apt-get install debian-archive-keyring", kKeyring)};
    }
    auto mirror = debian_mirror();
    if (!mirror) {
        return mirror.error();
    }
    PrivateApt apt(fs::path(cache_dir) / "apt" / suite, *mirror, suite);
    if (!apt.has_lists()) {
        log(fmt::format("apt-get update ({} {})", *mirror, suite));
        auto u = apt.run("apt-get", {"update"}, apt.dir());
        if (!u.ok() || u.err.find("NO_PUBKEY") != std::string::npos || u.err.find("not signed") != std::string::npos) {
            return Error{fmt::format("apt-get update for {} failed: {}", suite, first_line(u.err))};
        }
    }
    fs::path final_dir = fs::path(cache_dir) / "universes" / suite;
    std::vector<std::string> requested = all_requested(crates, final_dir);
    auto closure = dependency_closure(apt, suite, requested);
    if (!closure) {
        return closure.error();
    }
    for (const auto& c : crates) {
        if (!closure->packages.count(package_of(c))) {
            return Error{fmt::format("{} has no package {} (crate {}); nothing was changed", suite, package_of(c), c)};
        }
    }
    FetchReport report;
    report.packages = static_cast<int>(closure->packages.size());
    report.system_missing = not_installed(apt, closure->system);
    auto files = download(apt, closure->packages, log, report.downloaded);
    if (!files) {
        return files.error();
    }
    // Unpack aside; rename into place only when whole.
    fs::path staging = fs::path(cache_dir) / "universes" / fmt::format(".{}.tmp{}", suite, ::getpid());
    fs::remove_all(staging);
    if (auto failed = unpack(apt, *files, staging)) {
        fs::remove_all(staging);
        return *failed;
    }
    report.crates = versions_of(crates, (staging / "registry").string());
    nlohmann::json manifest{{"suite", suite}, {"mirror", *mirror}, {"requested", requested},
                            {"packages", std::vector<std::string>(closure->packages.begin(), closure->packages.end())}};
    std::ofstream(staging / "universe.json") << manifest.dump(1) << "\n";
    if (auto failed = move_into_place(staging, final_dir, suite)) {
        return *failed;
    }
    report.registry = (final_dir / "registry").string();
    return report;
}

std::vector<UniverseListing> list_universes(const Profile& profile, const std::string& cache_dir) {
    std::vector<UniverseListing> out;
    auto chosen = choose_universes(profile, cache_dir);
    for (const auto& u : available_universes(profile, cache_dir)) {
        auto crates = registry_crates(u.registry);
        UniverseListing l{u.name, chosen && chosen->first.name == u.name, u.system, u.registry, crates.size(), {}};
        std::vector<std::string> shown = u.requested;
        if (u.system) {
            for (const auto& c : profile.crates) {
                shown.push_back(c.name);
            }
        }
        std::set<std::string> listed;
        for (const auto& package : shown) {
            std::string name = library_name(package);
            if (!listed.insert(name).second) {
                continue;
            }
            if (auto it = crates.find(name); it != crates.end()) {
                l.crates.emplace_back(name, it->second);
            }
        }
        out.push_back(std::move(l));
    }
    return out;
}

std::vector<std::string> crates_to_fetch(const Profile& profile, std::vector<std::string> named, bool only_named) {
    auto add = [&](const std::string& name) {
        if (!name.empty() && std::find(named.begin(), named.end(), name) == named.end()) {
            named.push_back(name);
        }
    };
    if (!only_named) {
        for (const auto& c : profile.crates) {
            add(c.name);
        }
        for (const auto& c : profile.path_crates) {
            for (const auto& req : path_crate_requirements(c.dir)) {
                add(req.package);
            }
        }
    }
    return named;
}

}  // namespace snipcheck
