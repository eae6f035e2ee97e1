#include "report/extraction.hpp"

#include <fmt/format.h>

namespace snipcheck {

nlohmann::json extraction_json(const std::vector<Snippet>& snippets) {
    nlohmann::json out = {{"schema", "snipcheck/1"}, {"tool_version", SNIPCHECK_VERSION}};
    out["snippets"] = nlohmann::json::array();
    for (const auto& s : snippets) {
        out["snippets"].push_back(to_json(s));
    }
    return out;
}

std::string extraction_text(const std::vector<Snippet>& snippets) {
    std::string out;
    for (const auto& s : snippets) {
        out += fmt::format("{}:{}-{}: {} ({})\n", s.article, s.start_line, s.end_line, s.language, to_string(s.origin));
    }
    return out;
}

}  // namespace snipcheck
