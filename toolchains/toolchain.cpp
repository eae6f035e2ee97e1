#include "toolchains/toolchain.hpp"

#include <fmt/format.h>

#include <chrono>
#include <filesystem>

namespace snipcheck {

namespace fs = std::filesystem;

Expected<Toolchain> find_toolchain(const std::string& name) {
    ProcessLimits limits;
    limits.wall_time = std::chrono::seconds(60);
    std::error_code ec;
    std::string cwd = fs::current_path(ec).string();
    if (ec) {
        return Error{fmt::format("toolchain '{}': no current directory to run rustc in: {}", name, ec.message())};
    }
    auto r = run_process({"rustc", "+" + name, "--print", "sysroot"}, inherited_env(), cwd, limits);
    if (!r.ok()) {
        std::string why = run_failure(r, "rustc +" + name);
        why = why.empty() ? first_line(r.err) : why;
        return Error{fmt::format("toolchain '{}' not found: {}", name, why)};
    }
    Toolchain tc;
    tc.name = name;
    tc.sysroot = first_line(r.out);
    tc.rustc = tc.sysroot + "/bin/rustc";
    tc.cargo = tc.sysroot + "/bin/cargo";
    auto v = run_process({tc.rustc, "-vV"}, inherited_env(), cwd, limits);
    if (!v.ok() || v.output_truncated) {
        std::string why = run_failure(v, "rustc -vV");
        return Error{fmt::format("toolchain '{}': `rustc -vV` failed: {}", name, why.empty() ? first_line(v.err) : why)};
    }
    tc.identity = v.out;
    std::istringstream in(v.out);
    std::string line;
    while (std::getline(in, line)) {
        if (line.starts_with("release: ")) {
            tc.release = line.substr(9);
        }
    }
    tc.nightly = tc.release.find("nightly") != std::string::npos || tc.release.find("dev") != std::string::npos;
    if (!fs::exists(tc.cargo, ec)) {
        return Error{fmt::format("toolchain '{}' has no cargo at {}", name, tc.cargo)};
    }
    return tc;
}

SandboxSpec rust_sandbox(const Toolchain& tc, const std::string& work_dir,
                         const std::vector<std::string>& readable, const ProcessLimits& limits) {
    SandboxSpec spec;
    spec.work_dir = work_dir;
    spec.readonly = readable;
    spec.readonly.push_back(tc.sysroot);
    spec.env = {{"PATH", tc.sysroot + "/bin:/usr/bin:/bin"},
                {"HOME", kSandboxWorkDir},
                {"CARGO_HOME", std::string(kSandboxWorkDir) + "/.cargo-home"},
                {"LANG", "C.UTF-8"},
                {"TERM", "dumb"},
                {"RUSTC", tc.rustc},
                {"CARGO", tc.cargo},  // what cargo sets for rustc; sqlx's macros look for it
                // What cargo would set: proc macros such as clap's #[command(version)] read them.
                {"CARGO_PKG_NAME", "snippet"},
                {"CARGO_CRATE_NAME", "snippet"},
                {"CARGO_PKG_VERSION", "0.1.0"},
                {"CARGO_PKG_VERSION_MAJOR", "0"},
                {"CARGO_PKG_VERSION_MINOR", "1"},
                {"CARGO_PKG_VERSION_PATCH", "0"},
                {"CARGO_PKG_VERSION_PRE", ""},
                {"CARGO_PKG_AUTHORS", ""},
                {"CARGO_PKG_DESCRIPTION", ""},
                {"CARGO_PKG_HOMEPAGE", ""},
                {"CARGO_PKG_REPOSITORY", ""},
                {"CARGO_PKG_LICENSE", ""},
                {"CARGO_MANIFEST_DIR", kSandboxWorkDir}};
    spec.limits = limits;
    return spec;
}

}  // namespace snipcheck
