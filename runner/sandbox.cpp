#include "runner/sandbox.hpp"

#include <stdlib.h>

#include <filesystem>

namespace snipcheck {

std::string make_work_dir(const std::string& parent, const std::string& prefix) {
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

ProcessResult run_sandboxed(const SandboxSpec& spec, const std::vector<std::string>& argv) {
    return run_process(sandbox_argv(spec, argv), {{"PATH", "/usr/bin:/bin"}}, spec.work_dir, spec.limits);
}

std::string sandbox_unavailable_reason() {
    auto dir = std::filesystem::temp_directory_path();
    SandboxSpec spec{dir.string(), {}, {{"PATH", "/usr/bin"}}, {}};
    spec.limits.wall_time = std::chrono::seconds(20);
    auto r = run_sandboxed(spec, {"/usr/bin/true"});
    if (r.ok()) {
        return "";
    }
    if (!r.spawn_error.empty()) {
        return "bubblewrap (bwrap) not found: install the bubblewrap package";
    }
    return "bubblewrap cannot create a sandbox here: " + r.err.substr(0, r.err.find('\n'));
}

}  // namespace snipcheck
