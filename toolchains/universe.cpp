#include "toolchains/universe.hpp"

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
#include "toolchains/toolchain.hpp"

namespace snipcheck {

namespace fs = std::filesystem;

namespace {

constexpr const char* kKeyring = "/usr/share/keyrings/debian-archive-keyring.gpg";

std::map<std::string, std::string> apt_env() {
    auto env = inherited_env({"PATH"});
    env["LANG"] = "C.UTF-8";
    env["DEBIAN_FRONTEND"] = "noninteractive";
    return env;
}

// A Debian package name for a crate: serde_json -> librust-serde-json-dev.
std::string package_of(std::string crate) {
    std::transform(crate.begin(), crate.end(), crate.begin(), [](unsigned char c) {
        return c == '_' ? '-' : static_cast<char>(std::tolower(c));
    });
    return "librust-" + crate + "-dev";
}

}  // namespace

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

std::string universe_dependencies(const std::string& profile_crates_toml, const Universe& u) {
    auto listing = registry_crates(u.registry);
    auto has = [&](std::string name) {
        std::replace(name.begin(), name.end(), '-', '_');
        return listing.count(name) > 0;
    };
    std::ostringstream out;
    std::set<std::string> named;
    toml::table t;
    try {
        t = toml::parse(profile_crates_toml);
    } catch (const toml::parse_error&) {
    }
    for (auto& [key, value] : t) {
        std::string name(key.str());
        if (!has(name)) {
            continue;
        }
        named.insert(name);
        toml::table one;
        if (u.system) {
            one.insert(name, value);  // the system universe keeps the profile's pinned versions
        } else if (auto* spec = value.as_table()) {
            toml::table relaxed = *spec;
            relaxed.insert_or_assign("version", "*");
            one.insert(name, relaxed);
        } else {
            one.insert(name, "*");
        }
        out << one << "\n";
    }
    for (const auto& name : u.requested) {
        if (!named.count(name) && has(name)) {
            out << name << " = \"*\"\n";
        }
    }
    return out.str();
}

Expected<std::string> debian_mirror() {
    if (const char* m = std::getenv("SNIPCHECK_DEBIAN_MIRROR"); m && *m) {
        return std::string(m);
    }
    // deb822 sources first, then the one-line format.
    std::vector<fs::path> files;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator("/etc/apt/sources.list.d", ec)) {
        if (e.path().extension() == ".sources" || e.path().extension() == ".list") {
            files.push_back(e.path());
        }
    }
    files.push_back("/etc/apt/sources.list");
    for (const auto& f : files) {
        std::istringstream in(read_file(f.string()));
        std::string line;
        std::string uri;
        bool debian_key = false;
        while (std::getline(in, line)) {
            if (line.starts_with("URIs:")) {
                std::istringstream w(line.substr(5));
                w >> uri;
            } else if (line.starts_with("Signed-By:") && line.find("debian-archive-keyring") != std::string::npos) {
                debian_key = true;
            } else if (line.starts_with("deb ") && line.find("security") == std::string::npos) {
                std::istringstream w(line.substr(4));
                std::string word;
                while (w >> word) {
                    if (word.starts_with("http")) {
                        uri = word;
                        debian_key = uri.ends_with("/debian") || uri.ends_with("/debian/");
                        break;
                    }
                }
            }
            if (line.empty() || in.peek() == EOF) {
                if (!uri.empty() && debian_key && uri.find("security") == std::string::npos) {
                    return uri;
                }
                uri.clear();
                debian_key = false;
            }
        }
    }
    return Error{"no Debian archive found in /etc/apt/sources*; set SNIPCHECK_DEBIAN_MIRROR"};
}

namespace {

std::string first_line_of(const std::string& s) { return s.substr(0, s.find('\n')); }

// apt under a private configuration: its own sources list, package lists, archive cache and
// an empty dpkg status under `<cache>/apt/SUITE`, so that the machine's packages are never touched.
class PrivateApt {
public:
    PrivateApt(const fs::path& dir, const std::string& mirror, const std::string& suite) : dir_(dir) {
        fs::create_directories(dir_ / "lists" / "partial");
        fs::create_directories(dir_ / "cache" / "archives" / "partial");
        if (!fs::exists(dir_ / "status")) {
            std::ofstream(dir_ / "status") << "";
        }
        std::ofstream(dir_ / "sources.list") << fmt::format("deb [signed-by={}] {} {} main\n", kKeyring, mirror, suite);
        opts_ = {"-o", "Dir::Etc::sourcelist=" + (dir_ / "sources.list").string(),
                 "-o", "Dir::Etc::sourceparts=/dev/null",
                 "-o", "Dir::State::Lists=" + (dir_ / "lists").string(),
                 "-o", "Dir::Cache=" + (dir_ / "cache").string(),
                 "-o", "Dir::State::status=" + (dir_ / "status").string(),
                 "-o", "APT::Sandbox::User=root"};
        limits_.wall_time = std::chrono::minutes(15);
    }

    ProcessResult run(const std::string& tool, const std::vector<std::string>& args, const fs::path& cwd) const {
        std::vector<std::string> argv{tool};
        argv.insert(argv.end(), opts_.begin(), opts_.end());
        argv.insert(argv.end(), args.begin(), args.end());
        return run_process(argv, apt_env(), cwd.string(), limits_);
    }
    ProcessResult plain(const std::vector<std::string>& argv, const fs::path& cwd) const {
        return run_process(argv, apt_env(), cwd.string(), limits_);
    }
    bool has_lists() const {
        for (const auto& e : fs::directory_iterator(dir_ / "lists")) {
            if (e.path().filename().string().find("_Packages") != std::string::npos) {
                return true;
            }
        }
        return false;
    }
    const fs::path& dir() const { return dir_; }
    fs::path archives() const { return dir_ / "cache" / "archives"; }

private:
    fs::path dir_;
    std::vector<std::string> opts_;
    ProcessLimits limits_;
};

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

struct Closure {
    std::set<std::string> packages;  // librust-*-dev
    std::set<std::string> system;    // what their build scripts expect from the system
};

// `apt-cache depends --recurse` of the requested crates' packages.
Expected<Closure> dependency_closure(const PrivateApt& apt, const std::string& suite, const std::vector<std::string>& requested) {
    std::vector<std::string> args{"depends", "--recurse", "--no-recommends", "--no-suggests", "--no-conflicts",
                                  "--no-breaks", "--no-replaces", "--no-enhances"};
    for (const auto& c : requested) {
        args.push_back(package_of(c));
    }
    auto deps = apt.run("apt-cache", args, apt.dir());
    if (!deps.ok()) {
        return Error{fmt::format("apt-cache depends in {} failed: {}", suite, first_line_of(deps.err))};
    }
    Closure c;
    std::istringstream in(deps.out);
    std::string line;
    while (std::getline(in, line)) {
        if (!line.empty() && line[0] != ' ' && line[0] != '<' && line.starts_with("librust-")) {
            c.packages.insert(line);
        }
        std::istringstream w(line);
        std::string kind;
        std::string name;
        if (line.starts_with(" ") && (w >> kind) && (kind == "Depends:" || kind == "|Depends:") && (w >> name) &&
            !name.starts_with("librust-") && !name.starts_with("<")) {
            c.system.insert(name);
        }
    }
    return c;
}

// Downloads what apt's archive cache lacks (a second fetch downloads nothing); the .deb file
// names of the whole closure.
Expected<std::vector<std::string>> download(const PrivateApt& apt, const std::set<std::string>& closure,
                                            const std::function<void(const std::string&)>& log, int& downloaded) {
    std::vector<std::string> uri_args{"download", "--print-uris"};
    uri_args.insert(uri_args.end(), closure.begin(), closure.end());
    // From an empty directory: apt leaves out the packages it finds in its working directory.
    fs::path listing_dir = apt.dir() / "print-uris";
    fs::remove_all(listing_dir);
    fs::create_directories(listing_dir);
    auto uris = apt.run("apt-get", uri_args, listing_dir);
    if (!uris.ok()) {
        return Error{fmt::format("apt-get download --print-uris failed: {}", first_line_of(uris.err))};
    }
    std::vector<std::string> wanted{"download"};
    std::vector<std::string> files;
    std::istringstream u(uris.out);
    std::string line;
    while (std::getline(u, line)) {
        std::istringstream w(line);
        std::string uri;
        std::string file;
        if (w >> uri >> file) {
            files.push_back(file);
            if (!fs::exists(apt.archives() / file)) {
                wanted.push_back(file.substr(0, file.find('_')));
            }
        }
    }
    downloaded = static_cast<int>(wanted.size()) - 1;
    if (downloaded > 0) {
        log(fmt::format("downloading {} of {} packages", downloaded, closure.size()));
        auto d = apt.run("apt-get", wanted, apt.archives());
        if (!d.ok()) {
            return Error{fmt::format("apt-get download failed: {}", first_line_of(d.err))};
        }
    }
    if (files.size() != closure.size()) {
        return Error{fmt::format("apt listed {} files for {} packages; nothing was changed", files.size(), closure.size())};
    }
    return files;
}

// Unpacks every package's registry folder into `staging`/registry.
std::optional<Error> unpack(const PrivateApt& apt, const std::vector<std::string>& files, const fs::path& staging) {
    fs::create_directories(staging / "registry");
    for (const auto& file : files) {
        fs::path dir = staging / "unpack";
        fs::remove_all(dir);
        auto x = apt.plain({"dpkg-deb", "-x", (apt.archives() / file).string(), dir.string()}, staging);
        if (!x.ok()) {
            return Error{fmt::format("dpkg-deb -x {} failed: {}", file, x.err.substr(0, 200))};
        }
        std::error_code ec;
        for (const auto& crate : fs::directory_iterator(dir / "usr/share/cargo/registry", ec)) {
            fs::path target = staging / "registry" / crate.path().filename();
            if (!fs::exists(target)) {
                fs::rename(crate.path(), target);
            }
        }
    }
    fs::remove_all(staging / "unpack");
    return std::nullopt;
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
            return Error{fmt::format("apt-get update for {} failed: {}", suite, first_line_of(u.err))};
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
    for (const auto& pkg : closure->system) {
        auto q = apt.plain({"dpkg-query", "-W", "-f=${Status}", pkg}, apt.dir());
        if (q.out.find("install ok installed") == std::string::npos) {
            report.system_missing.push_back(pkg);
        }
    }
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
    auto listing = registry_crates((staging / "registry").string());
    for (const auto& c : crates) {
        std::string name = c;
        std::replace(name.begin(), name.end(), '-', '_');
        if (auto it = listing.find(name); it != listing.end()) {
            report.crates[c] = it->second.back();
        }
    }
    nlohmann::json manifest{{"suite", suite}, {"mirror", *mirror}, {"requested", requested},
                            {"packages", std::vector<std::string>(closure->packages.begin(), closure->packages.end())}};
    std::ofstream(staging / "universe.json") << manifest.dump(1) << "\n";
    if (auto failed = move_into_place(staging, final_dir, suite)) {
        return *failed;
    }
    report.registry = (final_dir / "registry").string();
    return report;
}

}  // namespace snipcheck
