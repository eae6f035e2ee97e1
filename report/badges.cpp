#include "report/badges.hpp"

#include <fmt/format.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "report/text_util.hpp"

namespace snipcheck {

namespace {

Badge make_badge(int passing, int checked) {
    Badge b;
    b.label = "snippets meeting policy";
    b.message = fmt::format("{}/{}", passing, checked);
    double share = checked == 0 ? 1.0 : static_cast<double>(passing) / checked;
    struct Step {
        double at;
        const char* hex;
        const char* name;
    };
    static constexpr Step kSteps[] = {{1.0, "#4c1", "brightgreen"}, {0.9, "#97ca00", "green"},
                                      {0.75, "#a4a61d", "yellowgreen"}, {0.5, "#dfb317", "yellow"},
                                      {0.25, "#fe7d37", "orange"}, {0.0, "#e05d44", "red"}};
    for (const auto& step : kSteps) {
        if (share >= step.at) {
            b.color = step.hex;
            b.color_name = step.name;
            break;
        }
    }
    return b;
}

// Width of text in 11px Verdana, roughly: shields' own badges use the same approximation.
int text_width(const std::string& s) {
    double w = 0;
    for (unsigned char c : s) {
        w += (c == 'i' || c == 'l' || c == '/' || c == ' ' || c == '.' || c == 'j' || c == 't' || c == 'f') ? 4.0
             : std::isupper(c) || c == 'm' || c == 'w'                                                       ? 9.0
                                                                                                             : 7.0;
    }
    return static_cast<int>(w + 0.5);
}

// An article's badge name: its path without the extension, folders joined by '.', anything
// else a file name should not hold as '-'. posts/a/index.md and posts/b/index.md differ.
std::string badge_name(const std::string& article) {
    std::filesystem::path p(article);
    std::string path = (p.parent_path() / p.stem()).generic_string();
    while (path.starts_with("/") || path.starts_with("./") || path.starts_with("../")) {
        path.erase(0, path.find('/') + 1);
    }
    std::string out = "article-";
    for (unsigned char c : path) {
        out += c == '/' ? '.' : (std::isalnum(c) || c == '_' || c == '-' || c == '.') ? static_cast<char>(c) : '-';
    }
    return out;
}

}  // namespace

std::map<std::string, Badge> run_badges(const CheckRun& run) {
    // What meets the policy counts: a compile_fail block that fails is a pass, as is a
    // verdict its author expected.
    std::map<std::string, std::pair<int, int>> counts;  // stem -> passing, checked
    for (const Entry& e : run.entries()) {
        if (e.result.verdict == Verdict::Skipped) {
            continue;
        }
        for (const std::string& key : {std::string("snippets"), badge_name(e.snippet.article)}) {
            counts[key].second++;
            counts[key].first += e.outcome.meets;
        }
    }
    counts.try_emplace("snippets", 0, 0);
    std::map<std::string, Badge> out;
    for (const auto& [stem, c] : counts) {
        out[stem] = make_badge(c.first, c.second);
    }
    return out;
}

std::string badge_svg(const Badge& b) {
    int lw = text_width(b.label) + 10;
    int mw = text_width(b.message) + 10;
    int w = lw + mw;
    std::string label = xml_escape(b.label);
    std::string message = xml_escape(b.message);
    return fmt::format(
        R"SVG(<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="20" role="img" aria-label="{l}: {m}">
<title>{l}: {m}</title>
<linearGradient id="s" x2="0" y2="100%"><stop offset="0" stop-color="#bbb" stop-opacity=".1"/><stop offset="1" stop-opacity=".1"/></linearGradient>
<clipPath id="r"><rect width="{w}" height="20" rx="3" fill="#fff"/></clipPath>
<g clip-path="url(#r)"><rect width="{lw}" height="20" fill="#555"/><rect x="{lw}" width="{mw}" height="20" fill="{c}"/><rect width="{w}" height="20" fill="url(#s)"/></g>
<g fill="#fff" text-anchor="middle" font-family="Verdana,Geneva,DejaVu Sans,sans-serif" font-size="11">
<text x="{lx}" y="15" fill="#010101" fill-opacity=".3">{l}</text><text x="{lx}" y="14">{l}</text>
<text x="{mx}" y="15" fill="#010101" fill-opacity=".3">{m}</text><text x="{mx}" y="14">{m}</text>
</g>
</svg>
)SVG",
        fmt::arg("w", w), fmt::arg("lw", lw), fmt::arg("mw", mw), fmt::arg("l", label), fmt::arg("m", message),
        fmt::arg("c", b.color), fmt::arg("lx", lw / 2.0), fmt::arg("mx", lw + mw / 2.0));
}

std::string badge_endpoint_json(const Badge& b) {
    return nlohmann::json{{"schemaVersion", 1}, {"label", b.label}, {"message", b.message}, {"color", b.color_name}}.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) +
           "\n";
}

}  // namespace snipcheck
