#pragma once
// `snipcheck universe list` and `universe fetch`: the crate universes as people read them.
#include <string>
#include <vector>

#include "toolchains/universes/universe.hpp"

namespace snipcheck {

// "SUITE: N packages (M downloaded) -> REGISTRY" and the requested crates' versions.
std::string fetch_text(const std::string& suite, const FetchReport& report);

// Each universe with its crate count, and the versions of the crates it was fetched for
// (the system universe: the profile's crates).
std::string universes_text(const std::vector<UniverseListing>& universes);

}  // namespace snipcheck
