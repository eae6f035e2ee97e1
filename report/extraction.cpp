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

void write_extraction_json(std::ostream& out, const std::vector<Snippet>& snippets) {
    const auto replace = nlohmann::json::error_handler_t::replace;
    // nlohmann orders keys: "schema", "snippets", "tool_version". A snippet's own lines are
    // indented by two levels; its strings escape their newlines, so every '\n' is a line break.
    out << "{\n  \"schema\": \"snipcheck/1\",\n  \"snippets\": [";
    std::string text;
    for (std::size_t i = 0; i < snippets.size(); ++i) {
        text = to_json(snippets[i]).dump(2, ' ', false, replace);
        out << (i == 0 ? "\n    " : ",\n    ");
        std::size_t from = 0;
        for (std::size_t nl = text.find('\n'); nl != std::string::npos; nl = text.find('\n', from)) {
            out.write(text.data() + from, static_cast<std::streamsize>(nl + 1 - from));
            out << "    ";
            from = nl + 1;
        }
        out.write(text.data() + from, static_cast<std::streamsize>(text.size() - from));
    }
    out << (snippets.empty() ? "]" : "\n  ]") << ",\n  \"tool_version\": "
        << nlohmann::json(SNIPCHECK_VERSION).dump() << "\n}\n";
}

std::string extraction_text(const std::vector<Snippet>& snippets) {
    std::string out;
    for (const auto& s : snippets) {
        out += fmt::format("{}:{}-{}: {} ({})\n", s.article, s.start_line, s.end_line, s.language, to_string(s.origin));
    }
    return out;
}

}  // namespace snipcheck
