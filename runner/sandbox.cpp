#include "runner/sandbox.hpp"

#include <fcntl.h>
#include <stdlib.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <mutex>
#include <vector>

namespace snipcheck {

namespace {

namespace fs = std::filesystem;

// The scratch directories this process made, each with the descriptor of its held lock.
class Scratch {
public:
    ~Scratch() {
        for (const auto& [dir, fd] : held_) {
            std::error_code ec;
            fs::remove_all(dir, ec);
            fs::remove(dir + ".lock", ec);
            ::close(fd);
        }
    }

    std::string get(const std::string& cache_dir) {
        std::lock_guard<std::mutex> lock(mutex_);
        if (auto it = made_.find(cache_dir); it != made_.end()) {
            return it->second;
        }
        if (cache_dir.empty()) {
            return "";
        }
        fs::path tmp = fs::path(cache_dir) / "tmp";
        std::error_code ec;
        fs::create_directories(tmp, ec);
        remove_abandoned(tmp);
        // The lock first, held, then the directory: another run sharing the cache never sees
        // this run's directory without its held lock, so it never takes it for abandoned (a
        // directory made before its lock could be removed in between, and a lock file removed
        // in between would leave the directory unprotected for the rest of the run).
        for (int attempt = 0; attempt < 16; ++attempt) {
            std::string pattern = (tmp / "run-XXXXXX.lock").string();
            std::vector<char> buf(pattern.begin(), pattern.end());
            buf.push_back('\0');
            int fd = ::mkostemps(buf.data(), 5, O_CLOEXEC);
            if (fd < 0) {
                return "";
            }
            std::string lock(buf.data());
            std::string dir = lock.substr(0, lock.size() - 5);
            if (::flock(fd, LOCK_EX | LOCK_NB) != 0 || ::mkdir(dir.c_str(), 0700) != 0) {
                ::unlink(lock.c_str());
                ::close(fd);
                continue;
            }
            held_[dir] = fd;
            return made_[cache_dir] = dir;
        }
        return "";
    }

private:
    // Every `run-*` directory under `tmp` whose lock is free, and the work directories of
    // older versions (`snippet-*`, `toml-*`, `shell-*`) that had no lock at all.
    static void remove_abandoned(const fs::path& tmp) {
        std::error_code ec;
        for (fs::directory_iterator it(tmp, ec), end; !ec && it != end; it.increment(ec)) {
            std::string name = it->path().filename().string();
            if (it->is_symlink(ec) || !it->is_directory(ec)) {
                continue;
            }
            if (!name.starts_with("run-")) {
                if (name.starts_with("snippet-") || name.starts_with("toml-") || name.starts_with("shell-")) {
                    std::error_code rm;
                    fs::remove_all(it->path(), rm);
                }
                continue;
            }
            std::string lock = it->path().string() + ".lock";
            int fd = ::open(lock.c_str(), O_RDWR | O_CLOEXEC);
            bool abandoned = fd < 0 || ::flock(fd, LOCK_EX | LOCK_NB) == 0;
            if (abandoned) {
                std::error_code rm;
                fs::remove_all(it->path(), rm);
                fs::remove(lock, rm);
            }
            if (fd >= 0) {
                ::close(fd);
            }
        }
    }

    std::mutex mutex_;
    std::map<std::string, std::string> made_;
    std::map<std::string, int> held_;
};

}  // namespace

std::string scratch_dir(const std::string& cache_dir) {
    static Scratch scratch;
    return scratch.get(cache_dir);
}

std::string make_work_dir(const std::string& parent, const std::string& prefix) {
    if (parent.empty()) {
        return "";  // never a directory relative to wherever snipcheck was started
    }
    std::error_code ec;
    std::filesystem::create_directories(parent, ec);
    std::string pattern = (std::filesystem::path(parent) / (prefix + "-XXXXXX")).string();
    std::vector<char> buf(pattern.begin(), pattern.end());
    buf.push_back('\0');
    return ::mkdtemp(buf.data()) ? std::string(buf.data()) : "";
}

std::vector<std::string> sandbox_argv(const SandboxSpec& spec, const std::vector<std::string>& argv) {
    std::vector<std::string> a{
        "bwrap", "--unshare-all", "--die-with-parent", "--new-session",
        "--ro-bind", "/usr", "/usr",
        "--symlink", "usr/lib", "/lib",
        "--symlink", "usr/lib64", "/lib64",
        "--symlink", "usr/bin", "/bin",
        "--symlink", "usr/sbin", "/sbin",
        "--ro-bind-try", "/etc/ld.so.cache", "/etc/ld.so.cache",
        "--ro-bind-try", "/etc/alternatives", "/etc/alternatives",
        "--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp",
    };
    for (const auto& p : spec.readonly) {
        a.insert(a.end(), {"--ro-bind", p, p});
    }
    a.insert(a.end(), {"--bind", spec.work_dir, kSandboxWorkDir, "--chdir", kSandboxWorkDir, "--clearenv"});
    for (const auto& [k, v] : spec.env) {
        a.insert(a.end(), {"--setenv", k, v});
    }
    a.push_back("--");
    a.insert(a.end(), argv.begin(), argv.end());
    return a;
}

namespace {

std::atomic<bool> g_sandbox_enabled{true};

// Every occurrence of `from` in `text` replaced by `to`.
std::string replace_all(std::string text, const std::string& from, const std::string& to) {
    if (from.empty()) {
        return text;
    }
    for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
        text.replace(at, from.size(), to);
    }
    return text;
}

// The first line of a file under /proc, "" when it cannot be read.
std::string proc_value(const std::string& path) {
    std::ifstream in(path);
    std::string line;
    std::getline(in, line);
    return line;
}

// Signs that this process runs inside a container (Docker, Podman, LXC, Kubernetes).
bool in_container() {
    std::error_code ec;
    if (fs::exists("/.dockerenv", ec) || fs::exists("/run/.containerenv", ec)) {
        return true;
    }
    std::ifstream in("/proc/1/environ");
    std::string all((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    return all.find("container=") != std::string::npos;
}

}  // namespace

void disable_sandbox() {
    g_sandbox_enabled = false;
}

bool sandbox_enabled() {
    return g_sandbox_enabled;
}

std::string bwrap_program() {
    static const std::string program = [] {
        const char* path = std::getenv("PATH");
        std::string dirs = path ? path : "";
        for (std::size_t start = 0; start <= dirs.size();) {
            std::size_t end = dirs.find(':', start);
            std::string dir = dirs.substr(start, end == std::string::npos ? std::string::npos : end - start);
            if (!dir.empty() && dir.front() == '/' && ::access((dir + "/bwrap").c_str(), X_OK) == 0) {
                return dir + "/bwrap";
            }
            if (end == std::string::npos) {
                break;
            }
            start = end + 1;
        }
        return std::string("/usr/bin/bwrap");
    }();
    return program;
}

ProcessResult run_sandboxed(const SandboxSpec& spec, const std::vector<std::string>& argv) {
    if (!g_sandbox_enabled) {
        std::vector<std::string> direct;
        for (const auto& a : argv) {
            direct.push_back(replace_all(a, kSandboxWorkDir, spec.work_dir));
        }
        std::map<std::string, std::string> env;
        for (const auto& [k, v] : spec.env) {
            env[k] = replace_all(v, kSandboxWorkDir, spec.work_dir);
        }
        ProcessResult r = run_process(direct, env, spec.work_dir, spec.limits);
        r.out = replace_all(r.out, spec.work_dir, kSandboxWorkDir);
        r.err = replace_all(r.err, spec.work_dir, kSandboxWorkDir);
        return r;
    }
    auto a = sandbox_argv(spec, argv);
    a[0] = bwrap_program();
    return run_process(a, {{"PATH", "/usr/bin:/bin"}}, spec.work_dir, spec.limits);
}

std::string sandbox_unavailable_reason() {
    std::error_code ec;
    auto dir = std::filesystem::temp_directory_path(ec);
    if (ec) {
        dir = "/tmp";  // TMPDIR names no directory: the usual one
    }
    SandboxSpec spec{dir.string(), {}, {{"PATH", "/usr/bin"}}, {}};
    spec.limits.wall_time = std::chrono::seconds(20);
    auto r = run_sandboxed(spec, {"/usr/bin/true"});
    if (r.ok()) {
        return "";
    }
    const std::string escape = "; only for articles you trust, --no-sandbox-i-trust-these-articles runs without it";
    if (!r.spawn_error.empty()) {
        return "the sandbox cannot start: bubblewrap (bwrap) is not installed; install it (apt-get install bubblewrap)" +
               escape;
    }
    std::string said = first_line(r.err);
    if (said.empty()) {
        said = r.timed_out ? "bwrap timed out" : "bwrap exited with status " + std::to_string(r.exit_code);
    }
    std::string why;
    std::string fix;
    if (proc_value("/proc/sys/user/max_user_namespaces") == "0") {
        why = "user namespaces are off (/proc/sys/user/max_user_namespaces = 0)";
        fix = "as root: sysctl -w user.max_user_namespaces=10000";
    } else if (proc_value("/proc/sys/kernel/unprivileged_userns_clone") == "0") {
        why = "unprivileged user namespaces are off (kernel.unprivileged_userns_clone = 0)";
        fix = "as root: sysctl -w kernel.unprivileged_userns_clone=1";
    } else if (proc_value("/proc/sys/kernel/apparmor_restrict_unprivileged_userns") == "1") {
        why = "AppArmor restricts unprivileged user namespaces (kernel.apparmor_restrict_unprivileged_userns = 1, "
              "as on Ubuntu 24.04)";
        fix = "as root: sysctl -w kernel.apparmor_restrict_unprivileged_userns=0, or an AppArmor profile "
              "allowing userns for /usr/bin/bwrap";
    } else if (in_container()) {
        why = "this is a container whose seccomp/AppArmor profile forbids new namespaces";
        fix = "run the container with --security-opt seccomp=unconfined --security-opt apparmor=unconfined "
              "(or --privileged), or run snipcheck on the host";
    } else if (said.find("user namespaces") != std::string::npos) {
        why = "the kernel does not allow unprivileged user namespaces";
        fix = "enable them (sysctl user.max_user_namespaces, kernel.unprivileged_userns_clone)";
    } else {
        why = "bubblewrap cannot create its namespaces";
        fix = "check that `bwrap --unshare-all --ro-bind / / true` works for this user";
    }
    if (!said.starts_with("bwrap")) {
        said = "bwrap: " + said;
    }
    return "the sandbox cannot start: " + why + " (" + said + "); " + fix + escape;
}

}  // namespace snipcheck
