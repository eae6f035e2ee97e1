#pragma once
// Debian's apt under a private configuration, for fetching other suites' packaged crates:
// its own sources list, package lists, archive cache and an empty dpkg status under
// `<cache>/apt/SUITE`, signatures checked against debian-archive-keyring, so that the
// machine's own packages are never touched.
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "model/error.hpp"
#include "runner/process.hpp"

namespace snipcheck {

inline constexpr const char* kKeyring = "/usr/share/keyrings/debian-archive-keyring.gpg";

// The environment apt and dpkg run with: PATH, a C locale, no questions.
std::map<std::string, std::string> apt_env();

// A Debian package name for a crate: serde_json -> librust-serde-json-dev.
std::string package_of(std::string crate);

// The Debian archive this machine's apt uses (SNIPCHECK_DEBIAN_MIRROR overrides it).
Expected<std::string> debian_mirror();

class PrivateApt {
public:
    PrivateApt(const std::filesystem::path& dir, const std::string& mirror, const std::string& suite);

    // apt-get/apt-cache with the private configuration; `plain` runs any other tool (dpkg).
    ProcessResult run(const std::string& tool, const std::vector<std::string>& args, const std::filesystem::path& cwd) const;
    ProcessResult plain(const std::vector<std::string>& argv, const std::filesystem::path& cwd) const;
    bool has_lists() const;
    const std::filesystem::path& dir() const { return dir_; }
    std::filesystem::path archives() const { return dir_ / "cache" / "archives"; }

private:
    std::filesystem::path dir_;
    std::vector<std::string> opts_;
    ProcessLimits limits_;
};

struct Closure {
    std::set<std::string> packages;  // librust-*-dev
    std::set<std::string> system;    // what their build scripts expect from the system
};

// `apt-cache depends --recurse` of the crates' packages.
Expected<Closure> dependency_closure(const PrivateApt& apt, const std::string& suite, const std::vector<std::string>& crates);

// Downloads what apt's archive cache lacks (a second fetch downloads nothing); the .deb file
// names of the whole closure. `downloaded` gets how many were fetched now.
Expected<std::vector<std::string>> download(const PrivateApt& apt, const std::set<std::string>& closure,
                                            const std::function<void(const std::string&)>& log, int& downloaded);

// Unpacks every package's registry folder into `staging`/registry.
std::optional<Error> unpack(const PrivateApt& apt, const std::vector<std::string>& files,
                            const std::filesystem::path& staging);

}  // namespace snipcheck
