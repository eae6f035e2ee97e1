#pragma once
// `snipcheck extract`: the snippets of articles, before any check, as JSON or one line each.
#include <ostream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "model/snippet.hpp"

namespace snipcheck {

nlohmann::json extraction_json(const std::vector<Snippet>& snippets);
// The same document as extraction_json(...).dump(2), written one snippet at a time: a scrape of
// 10 MB has a hundred thousand snippets, and the whole tree would cost more than finding them.
void write_extraction_json(std::ostream& out, const std::vector<Snippet>& snippets);
// "ARTICLE:START-END: LANGUAGE (ORIGIN)" per snippet.
std::string extraction_text(const std::vector<Snippet>& snippets);

}  // namespace snipcheck
