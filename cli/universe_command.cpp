// `snipcheck universe fetch SUITE [CRATE...]` and `universe list`: the crate universes.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <iostream>
#include <memory>

#include <fmt/format.h>

#include "cli/command.hpp"
#include "cli/common.hpp"
#include "report/universes.hpp"
#include "toolchains/universes/universe.hpp"

namespace snipcheck {

namespace {

struct UniverseOptions {
    std::string suite;
    std::vector<std::string> crates;
    bool no_defaults = false;
    std::string cache_dir;
    std::string config;
};

int cmd_universe_fetch(const UniverseOptions& opt) {
    auto profile = profile_for(opt.config);
    if (!profile) {
        return fail(profile.error().message);
    }
    // The profile's crate set too, so that snippets mixing both resolve in this universe.
    std::vector<std::string> crates = crates_to_fetch(*profile, opt.crates, opt.no_defaults);
    if (crates.empty()) {
        return fail("universe fetch: name at least one crate (or drop --no-defaults)");
    }
    auto report = fetch_universe(opt.suite, crates, cache_dir_for(opt.cache_dir),
                                 [](const std::string& m) { std::fprintf(stderr, "snipcheck: %s\n", m.c_str()); });
    if (!report) {
        return fail(report.error().message);
    }
    std::cout << fetch_text(opt.suite, *report);
    if (!report->system_missing.empty()) {
        std::fprintf(stderr, "snipcheck: warning: these crates' build scripts need system packages this machine lacks; "
                             "install them before checking: apt-get install %s\n",
                     fmt::format("{}", fmt::join(report->system_missing, " ")).c_str());
    }
    return kExitOk;
}

int cmd_universe_list(const UniverseOptions& opt) {
    auto profile = profile_for(opt.config);
    if (!profile) {
        return fail(profile.error().message);
    }
    std::cout << universes_text(list_universes(*profile, cache_dir_for(opt.cache_dir)));
    return kExitOk;
}

}  // namespace

Action define_universe(CLI::App& sub) {
    auto opt = std::make_shared<UniverseOptions>();
    sub.require_subcommand(1);
    auto* fetch = sub.add_subcommand("fetch", "download a suite's crates (and their closure) with apt");
    fetch->add_option("SUITE", opt->suite, "Debian suite: trixie, sid, ...")->required();
    fetch->add_option("CRATE", opt->crates, "crates to fetch (the profile's crate set is added)");
    fetch->add_flag("--no-defaults", opt->no_defaults, "fetch only the crates named");
    auto* list = sub.add_subcommand("list", "show each universe with its crate versions");
    for (auto* s : {fetch, list}) {
        s->add_option("--cache", opt->cache_dir, "cache directory");
        s->add_option("--config", opt->config, "toolchain profile");
    }
    return [opt, fetch] { return fetch->parsed() ? cmd_universe_fetch(*opt) : cmd_universe_list(*opt); };
}

}  // namespace snipcheck
