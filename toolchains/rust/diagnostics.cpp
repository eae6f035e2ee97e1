#include "toolchains/rust/diagnostics.hpp"
#include "model/regex.hpp"

#include <nlohmann/json.hpp>
#include <algorithm>
#include <cctype>
#include <sstream>

namespace snipcheck {

namespace {

// A child of a diagnostic (help, note): its message and replacements into the notes, and the
// replacements, applied together, as one suggestion.
void read_child(const nlohmann::json& child, Diagnostic& d) {
    d.notes.push_back(child.value("message", ""));
    Suggestion sug;
    sug.message = child.value("message", "");
    for (const auto& span : child.value("spans", nlohmann::json::array())) {
        if (!span.contains("suggested_replacement") || !span["suggested_replacement"].is_string()) {
            continue;
        }
        d.notes.push_back(span["suggested_replacement"].get<std::string>());
        if (span.contains("suggestion_applicability") && span["suggestion_applicability"].is_string()) {
            sug.applicability = span["suggestion_applicability"].get<std::string>();
        }
        sug.edits.push_back({span.value("line_start", 0), span.value("column_start", 0), span.value("line_end", 0),
                             span.value("column_end", 0), span["suggested_replacement"].get<std::string>()});
    }
    if (!sug.edits.empty()) {
        d.suggestions.push_back(std::move(sug));
    }
}

}  // namespace

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
        if (j.contains("rendered") && j["rendered"].is_string()) {
            d.rendered = j["rendered"].get<std::string>();
        }
        if (j.contains("code") && j["code"].is_object()) {
            d.code = j["code"].value("code", "");
        }
        for (const auto& span : j.value("spans", nlohmann::json::array())) {
            if (span.value("is_primary", false)) {
                d.line = span.value("line_start", 0);
                d.column_start = span.value("column_start", 0);
                d.line_end = span.value("line_end", 0);
                d.column_end = span.value("column_end", 0);
                break;
            }
        }
        for (const auto& child : j.value("children", nlohmann::json::array())) {
            read_child(child, d);
        }
        if (d.level == "failure-note" || d.message.starts_with("aborting due to") ||
            d.message.starts_with("For more information")) {
            continue;
        }
        out.push_back(std::move(d));
    }
    return out;
}

namespace {

// One line of rustc's rendering, taken apart at its gutter: `12 | code`, `12 + new`, `   | ^^^`,
// `   = note: ...`, ` --> main.rs:12:5`, ` ::: other.rs:3:1`. `line` is the number in the gutter
// or the location (0 when none); `rest` is what follows the gutter.
struct GutterLine {
    bool gutter = false;
    bool arrow = false;  // --> or ::: : `rest` is "FILE:LINE:COL..." after the marker
    std::string marker;
    int line = 0;
    std::string rest;
};

GutterLine take_apart(const std::string& l) {
    GutterLine g;
    std::size_t i = l.find_first_not_of(' ');
    if (i == std::string::npos || (i == 0 && !std::isdigit(static_cast<unsigned char>(l[0])))) {
        return g;
    }
    std::size_t j = i;
    while (j < l.size() && std::isdigit(static_cast<unsigned char>(l[j]))) {
        ++j;
    }
    if (j > i) {  // `12 | code`
        // `12 | code`, and a suggestion's `12 - old`, `12 + new`, `12 ~ changed`
        bool marked = l.compare(j, 2, " |") == 0 || l.compare(j, 3, " - ") == 0 || l.compare(j, 3, " + ") == 0 ||
                      l.compare(j, 3, " ~ ") == 0;
        if (!marked || j - i > 9) {
            return g;
        }
        g.gutter = true;
        g.line = std::stoi(l.substr(i, j - i));
        g.rest = l.substr(j);
        return g;
    }
    for (const char* m : {"--> ", "::: "}) {
        if (l.compare(i, 4, m) == 0) {
            std::string loc = l.substr(i + 4);
            std::size_t c2 = loc.rfind(':');
            std::size_t c1 = c2 == std::string::npos || c2 == 0 ? std::string::npos : loc.rfind(':', c2 - 1);
            if (c1 == std::string::npos || c2 - c1 < 2 || c2 - c1 > 10 ||
                loc.find_first_not_of("0123456789", c1 + 1) != c2) {
                return g;
            }
            g.gutter = g.arrow = true;
            g.marker = m;
            g.line = std::stoi(loc.substr(c1 + 1, c2 - c1 - 1));
            g.rest = loc.substr(0, c1 + 1) + "\x01" + loc.substr(c2);
            return g;
        }
    }
    if (l[i] == '|' || l[i] == '=') {  // `   | ^^^`, `   = note:`
        g.gutter = true;
        g.rest = " " + l.substr(i);
    }
    return g;
}

}  // namespace

std::string rendered_for_article(const std::string& rendered, const std::function<int(int)>& map_line,
                                 std::size_t max_bytes) {
    std::vector<std::string> lines;
    std::istringstream in(rendered);
    for (std::string l; std::getline(in, l);) {
        lines.push_back(l);
    }
    std::vector<GutterLine> parts;
    std::size_t width = 1;
    for (const auto& l : lines) {
        GutterLine g = take_apart(l);
        if (g.line > 0) {
            g.line = map_line(g.line);
            width = std::max(width, std::to_string(g.line).size());
        }
        parts.push_back(std::move(g));
    }
    std::string out;
    for (std::size_t k = 0; k < lines.size(); ++k) {
        const GutterLine& g = parts[k];
        if (!g.gutter) {
            out += lines[k];
        } else if (g.arrow) {
            std::string rest = g.rest;
            rest.replace(rest.find('\x01'), 1, std::to_string(g.line));
            out += std::string(width, ' ') + g.marker + rest;
        } else {
            std::string num = g.line > 0 ? std::to_string(g.line) : "";
            out += std::string(width - num.size(), ' ') + num + g.rest;
        }
        out += '\n';
    }
    while (out.ends_with("\n\n")) {
        out.pop_back();
    }
    if (out.size() > max_bytes) {
        std::size_t cut = max_bytes;
        while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) {
            --cut;
        }
        out = out.substr(0, cut) + "\n[... cut at " + std::to_string(max_bytes / 1024) + " KB]\n";
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
