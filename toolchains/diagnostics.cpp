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

std::string looked_up_in(const std::string& message) {
    for (const char* marker : {" in crate `", " in `"}) {
        std::size_t at = message.rfind(marker);
        if (at != std::string::npos) {
            std::size_t from = at + std::string(marker).size();
            std::size_t to = message.find('`', from);
            if (to != std::string::npos) {
                std::string path = message.substr(from, to - from);
                return path.substr(0, path.find("::"));
            }
        }
    }
    return "";
}

std::string gating_feature(const Diagnostic& d) {
    static const std::string marker = "gated behind the `";
    for (const auto& n : d.notes) {
        std::size_t at = n.find(marker);
        if (at != std::string::npos) {
            std::size_t to = n.find('`', at + marker.size());
            if (to != std::string::npos) {
                return n.substr(at + marker.size(), to - at - marker.size());
            }
        }
    }
    // Without the crate's sources rustc says only that the item exists but is cfg'd out.
    for (const auto& n : d.notes) {
        if (n.find("configured out") != std::string::npos) {
            return "?";
        }
    }
    return "";
}

}  // namespace snipcheck
