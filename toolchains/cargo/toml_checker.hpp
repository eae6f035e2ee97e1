#pragma once
// TOML snippets: syntax through toml++, and a Cargo manifest (or a fragment of one) completed
// into a throwaway package or workspace and judged by cargo itself, offline, in the sandbox.
#include <toml++/toml.h>

#include "toolchains/profile.hpp"
#include "toolchains/snippet_checker.hpp"
#include "toolchains/universes/crate_set.hpp"

namespace snipcheck {

class TomlChecker : public SnippetChecker {
public:
    // `evidence`: older universes (name, registry), newest first, tried when today's lacks a
    // version the manifest asks for.
    TomlChecker(Toolchain cargo_toolchain, Profile profile, std::string cache_dir,
                std::vector<std::pair<std::string, std::string>> evidence = {})
        : tc_(std::move(cargo_toolchain)), profile_(std::move(profile)), cache_dir_(std::move(cache_dir)),
          evidence_(std::move(evidence)) {}

    bool handles(const Snippet& s) const override { return s.language == "toml"; }
    CheckResult check(const Snippet& s, const std::string& context) const override;
    std::string identity() const override;

private:
    struct Resolution {
        std::vector<std::string> missing;  // "crate version" cargo could not find
        std::vector<Finding> failed;       // any other complaint
        bool harness_error = false;
    };
    // Runs cargo on the completed manifest against `registry`, removing each dependency it
    // cannot find and trying again; `record` puts commands and findings into `r`.
    Resolution resolve(toml::table t, const std::string& registry, CheckResult& r, bool record) const;
    struct FetchRun {
        bool ok = false;            // cargo resolved everything
        std::string err;            // its stderr
        std::string command;
        std::string harness_error;  // why the run itself failed, "" when it ran
    };
    FetchRun fetch_once(const toml::table& t, const std::string& registry, CheckResult& r, bool record) const;
    // The outdated-api evidence for `missing`: an older universe whose crates meet them.
    void older_universes(const toml::table& t, const std::vector<std::string>& missing, CheckResult& r) const;

    Toolchain tc_;
    Profile profile_;
    std::string cache_dir_;
    std::vector<std::pair<std::string, std::string>> evidence_;
};

// True when a TOML document looks like a Cargo manifest or a fragment of one.
bool is_cargo_manifest(const std::string& toml_text);

}  // namespace snipcheck
