#pragma once
// TOML snippets: syntax through toml++, and a Cargo manifest (or a fragment of one) completed
// into a throwaway package or workspace and judged by cargo itself, offline, in the sandbox.
#include "toolchains/profile.hpp"
#include "toolchains/snippet_checker.hpp"
#include "toolchains/toolchain.hpp"

namespace snipcheck {

class TomlChecker : public SnippetChecker {
public:
    TomlChecker(Toolchain cargo_toolchain, Profile profile, std::string cache_dir)
        : tc_(std::move(cargo_toolchain)), profile_(std::move(profile)), cache_dir_(std::move(cache_dir)) {}

    bool handles(const Snippet& s) const override { return s.language == "toml"; }
    CheckResult check(const Snippet& s, const std::string& context) const override;
    std::string identity() const override;

private:
    Toolchain tc_;
    Profile profile_;
    std::string cache_dir_;
};

// True when a TOML document looks like a Cargo manifest or a fragment of one.
bool is_cargo_manifest(const std::string& toml_text);

}  // namespace snipcheck
