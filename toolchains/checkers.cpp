#include "toolchains/checkers.hpp"

#include "toolchains/rust/rust_checker.hpp"
#include "toolchains/shell/shell_checker.hpp"
#include "toolchains/cargo/toml_checker.hpp"

namespace snipcheck {

Expected<Checkers> make_checkers(const CheckerEnvironment& env) {
    auto rust = RustChecker::create({env.profile, env.cache_dir, env.include_ignored});
    if (!rust) {
        return rust.error();
    }
    const RustChecker& r = **rust;
    Checkers out;
    out.toolchains = {{"stable", r.reference().release, r.reference().identity},
                      {"nightly", r.probe().release, r.probe().identity}};
    out.registry = r.reference_universe().registry;
    out.registry_crates = r.registry_size();
    // TOML and shell are judged against the same universe as Rust: today's.
    Profile today = env.profile;
    today.registry = r.reference_universe().registry;
    today.universe_name = r.reference_universe().name;
    std::vector<std::pair<std::string, std::string>> older;
    for (const auto& u : r.evidence_universes()) {
        older.emplace_back(u.name, u.registry);
    }
    Toolchain reference = r.reference();
    out.all.push_back(std::move(*rust));
    out.all.push_back(std::make_unique<TomlChecker>(reference, today, env.cache_dir, older));
    out.all.push_back(std::make_unique<ShellChecker>(reference, today, env.cache_dir));
    for (const auto& c : out.all) {
        out.identities.push_back(c->identity() + (env.sandboxed ? "" : "\nsandbox\nnone"));
    }
    return out;
}

}  // namespace snipcheck
