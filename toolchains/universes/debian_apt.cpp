#include "toolchains/universes/debian_apt.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "model/file_io.hpp"

namespace snipcheck {

namespace fs = std::filesystem;

PrivateApt::PrivateApt(const fs::path& dir, const std::string& mirror, const std::string& suite) : dir_(dir) {
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

ProcessResult PrivateApt::run(const std::string& tool, const std::vector<std::string>& args, const fs::path& cwd) const {
    std::vector<std::string> argv{tool};
    argv.insert(argv.end(), opts_.begin(), opts_.end());
    argv.insert(argv.end(), args.begin(), args.end());
    return run_process(argv, apt_env(), cwd.string(), limits_);
}

ProcessResult PrivateApt::plain(const std::vector<std::string>& argv, const fs::path& cwd) const {
    return run_process(argv, apt_env(), cwd.string(), limits_);
}

bool PrivateApt::has_lists() const {
    for (const auto& e : fs::directory_iterator(dir_ / "lists")) {
        if (e.path().filename().string().find("_Packages") != std::string::npos) {
            return true;
        }
    }
    return false;
}

std::map<std::string, std::string> apt_env() {
    auto env = inherited_env({"PATH"});
    env["LANG"] = "C.UTF-8";
    env["DEBIAN_FRONTEND"] = "noninteractive";
    return env;
}

std::string package_of(std::string crate) {
    std::transform(crate.begin(), crate.end(), crate.begin(), [](unsigned char c) {
        return c == '_' ? '-' : static_cast<char>(std::tolower(c));
    });
    return "librust-" + crate + "-dev";
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

Expected<Closure> dependency_closure(const PrivateApt& apt, const std::string& suite, const std::vector<std::string>& requested) {
    std::vector<std::string> args{"depends", "--recurse", "--no-recommends", "--no-suggests", "--no-conflicts",
                                  "--no-breaks", "--no-replaces", "--no-enhances"};
    for (const auto& c : requested) {
        args.push_back(package_of(c));
    }
    auto deps = apt.run("apt-cache", args, apt.dir());
    if (!deps.ok()) {
        return Error{fmt::format("apt-cache depends in {} failed: {}", suite, first_line(deps.err))};
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
        return Error{fmt::format("apt-get download --print-uris failed: {}", first_line(uris.err))};
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
            return Error{fmt::format("apt-get download failed: {}", first_line(d.err))};
        }
    }
    if (files.size() != closure.size()) {
        return Error{fmt::format("apt listed {} files for {} packages; nothing was changed", files.size(), closure.size())};
    }
    return files;
}

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

}  // namespace snipcheck
