#pragma once
// Crate universes: one Debian suite's packaged crates as a cargo directory source. Bookworm's
// is the system registry apt installed; others (trixie, sid, ...) are fetched with apt
// itself under a private configuration, signature-checked against the system's
// debian-archive-keyring, unpacked aside and renamed into place.
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "model/error.hpp"
#include "toolchains/profile.hpp"

namespace snipcheck {

struct Universe {
    std::string name;      // the suite: bookworm, trixie, sid
    std::string registry;  // cargo directory source
    bool system = false;   // the registry apt installed on this machine
    std::vector<std::string> requested;  // crates asked for at fetch time (their closure is here)
};

// Debian suites oldest first; a universe's age is its place here (unknown names come last).
int suite_rank(const std::string& suite);

// The system universe and every fetched one under `cache_dir`, oldest first.
std::vector<Universe> available_universes(const Profile& profile, const std::string& cache_dir);

// The reference universe ("today") and the older ones used for evidence, as the profile's
// [universes] table says (reference = "newest" or a name; evidence = ["all"] or names).
Expected<std::pair<Universe, std::vector<Universe>>> choose_universes(const Profile& profile,
                                                                       const std::string& cache_dir);

struct FetchReport {
    std::string registry;
    int packages = 0;
    int downloaded = 0;  // packages that were not in apt's cache yet
    std::map<std::string, std::string> crates;  // name -> version, of the requested crates
    // System packages (lib*-dev, pkgconf, clang) the crates' build scripts expect and that
    // this machine lacks: fetching never installs them; the caller says what to install.
    std::vector<std::string> system_missing;
};

// Downloads the librust-*-dev packages of `crates` and their dependency closure from `suite`
// and unpacks their registry directories into `cache_dir`/universes/SUITE. `log` gets progress.
Expected<FetchReport> fetch_universe(const std::string& suite, const std::vector<std::string>& crates,
                                     const std::string& cache_dir, const std::function<void(const std::string&)>& log);

// A universe as `universe list` shows it.
struct UniverseListing {
    std::string name;
    bool reference = false;  // the profile's "today"
    bool system = false;
    std::string registry;
    std::size_t crate_count = 0;
    // The crates it was fetched for (the system universe: the profile's), with their versions.
    std::vector<std::pair<std::string, std::vector<std::string>>> crates;
};

std::vector<UniverseListing> list_universes(const Profile& profile, const std::string& cache_dir);

// What `universe fetch` downloads: the crates named, and unless `only_named` the profile's
// crates and what its path crates require, so that the universe can build them all.
std::vector<std::string> crates_to_fetch(const Profile& profile, std::vector<std::string> named, bool only_named);

// The [dependencies] of a universe's crate set: the profile's crates that the universe has, at
// whatever version it has ("*", features kept), and the crates fetched for it.
std::string universe_dependencies(const std::vector<CrateRequirement>& crates, const Universe& u);


}  // namespace snipcheck
