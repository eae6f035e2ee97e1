#pragma once
// Badges: shields-style SVGs ("snippets meeting policy | 12/14", coloured by share) per article
// and for the whole run, plus shields.io endpoint JSON for each. Skipped blocks are not counted.
#include <map>
#include <string>

#include "model/run.hpp"

namespace snipcheck {

struct Badge {
    std::string label;
    std::string message;
    std::string color;  // hex, e.g. #4c1
    std::string color_name;  // shields' name, for the endpoint JSON
};

// The badges of a run, by file stem: "snippets" for the run, then one per article.
std::map<std::string, Badge> run_badges(const CheckRun& run);

std::string badge_svg(const Badge& b);
std::string badge_endpoint_json(const Badge& b);

}  // namespace snipcheck
