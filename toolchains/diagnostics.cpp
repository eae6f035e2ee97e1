#include "toolchains/diagnostics.hpp"
#include "toolchains/regex.hpp"

#include <nlohmann/json.hpp>
#include <sstream>

namespace snipcheck {

std::vector<Diagnostic> parse_rustc_diagnostics(const std::string& text) {
    std::vector<Diagnostic> out;
    std::istringstream in(text);
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] != '{') {
            continue;
        }
        auto j = nlohmann::json::parse(line, nullptr, false);
        if (j.is_discarded() || j.value("$message_type", "diagnostic") != "diagnostic") {
            continue;
        }
        Diagnostic d;
        d.level = j.value("level", "");
        d.message = j.value("message", "");
        if (j.contains("code") && j["code"].is_object()) {
            d.code = j["code"].value("code", "");
        }
        for (const auto& span : j.value("spans", nlohmann::json::array())) {
            if (span.value("is_primary", false)) {
                d.line = span.value("line_start", 0);
                break;
            }
        }
        for (const auto& child : j.value("children", nlohmann::json::array())) {
            d.notes.push_back(child.value("message", ""));
            for (const auto& span : child.value("spans", nlohmann::json::array())) {
                if (span.contains("suggested_replacement") && span["suggested_replacement"].is_string()) {
                    d.notes.push_back(span["suggested_replacement"].get<std::string>());
                }
            }
        }
        if (d.level == "failure-note" || d.message.starts_with("aborting due to") ||
            d.message.starts_with("For more information")) {
            continue;
        }
        out.push_back(std::move(d));
    }
    return out;
}

std::vector<std::string> requested_feature_gates(const std::vector<Diagnostic>& diags) {
    static const Regex kGate(R"(#!\[feature\(([A-Za-z0-9_]+)\)\])");
    std::vector<std::string> gates;
    for (const auto& d : diags) {
        for (const auto& n : d.notes) {
            for (const auto& it : kGate.find_all(n)) {
                std::string g = it[1];
                if (std::find(gates.begin(), gates.end(), g) == gates.end()) {
                    gates.push_back(g);
                }
            }
        }
    }
    return gates;
}

std::string backticked_name(const std::string& message) {
    std::size_t a = message.find('`');
    std::size_t b = a == std::string::npos ? a : message.find('`', a + 1);
    return b == std::string::npos ? "" : message.substr(a + 1, b - a - 1);
}

}  // namespace snipcheck
