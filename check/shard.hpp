#pragma once
// --shard K/N: a deterministic share of the snippets, by a hash of the snippet id, so that
// N CI jobs check disjoint sets whose union is the whole; `snipcheck merge` joins them.
#include <string>

#include "model/error.hpp"
#include "model/run.hpp"
#include "model/snippet.hpp"

namespace snipcheck {

// Parses "K/N" (1 <= K <= N).
Expected<Shard> parse_shard(const std::string& text);

bool in_shard(const Snippet& s, const Shard& shard);

}  // namespace snipcheck
