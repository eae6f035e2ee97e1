#include "report/universes.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace snipcheck {

std::string fetch_text(const std::string& suite, const FetchReport& report) {
    std::string out = fmt::format("{}: {} packages ({} downloaded) -> {}\n", suite, report.packages, report.downloaded,
                                  report.registry);
    for (const auto& [name, version] : report.crates) {
        out += fmt::format("  {} {}\n", name, version);
    }
    return out;
}

std::string universes_text(const std::vector<UniverseListing>& universes) {
    std::string out;
    for (const auto& u : universes) {
        out += fmt::format("{}{} ({} crates{}) {}\n", u.name, u.reference ? " [reference]" : "", u.crate_count,
                           u.system ? ", system" : "", u.registry);
        for (const auto& [name, versions] : u.crates) {
            out += fmt::format("  {} {}\n", name, fmt::join(versions, ", "));
        }
    }
    return out;
}

}  // namespace snipcheck
