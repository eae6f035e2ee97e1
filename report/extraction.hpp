#pragma once
// `snipcheck extract`: the snippets of articles, before any check, as JSON or one line each.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "model/snippet.hpp"

namespace snipcheck {

nlohmann::json extraction_json(const std::vector<Snippet>& snippets);
// "ARTICLE:START-END: LANGUAGE (ORIGIN)" per snippet.
std::string extraction_text(const std::vector<Snippet>& snippets);

}  // namespace snipcheck
