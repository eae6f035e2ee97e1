#include "toolchains/profile.hpp"

#include <fmt/format.h>

#include <fstream>
#include <sstream>
#include <toml++/toml.h>

#include "toolchains/default_profile.hpp"

namespace snipcheck {

namespace {

std::string as_dependencies(const toml::table& t) {
    std::ostringstream out;
    for (const auto& [key, value] : t) {
        toml::table one;
        one.insert(key, value);
        out << one << "\n";
    }
    return out.str();
}

}  // namespace

Expected<Profile> parse_profile(const std::string& text, const std::string& origin, Profile p) {
    toml::table t;
    try {
        t = toml::parse(text, origin);
    } catch (const toml::parse_error& e) {
        return Error{fmt::format("{}:{}: {}", origin, e.source().begin.line, e.description())};
    }
    p.reference = t["toolchains"]["reference"].value_or(p.reference);
    p.probe = t["toolchains"]["probe"].value_or(p.probe);
    if (auto* eds = t["toolchains"]["editions"].as_array()) {
        p.editions.clear();
        for (const auto& e : *eds) {
            p.editions.push_back(e.value_or(std::string()));
        }
    }
    p.wall_seconds = t["limits"]["wall_seconds"].value_or(p.wall_seconds);
    p.cpu_seconds = t["limits"]["cpu_seconds"].value_or(p.cpu_seconds);
    p.memory_mib = t["limits"]["memory_mib"].value_or(p.memory_mib);
    p.universe_name = t["universe"]["name"].value_or(p.universe_name);
    p.registry = t["universe"]["path"].value_or(p.registry);
    p.reference_universe = t["universes"]["reference"].value_or(p.reference_universe);
    if (auto* ev = t["universes"]["evidence"].as_array()) {
        p.evidence_universes.clear();
        for (const auto& e : *ev) {
            p.evidence_universes.push_back(e.value_or(std::string()));
        }
    }
    if (auto* crates = t["crates"].as_table()) {
        p.crates_toml = as_dependencies(*crates);
    }
    if (auto* alts = t["alternates"].as_table()) {
        for (const auto& [name, value] : *alts) {
            if (auto* tbl = value.as_table()) {
                p.alternates[std::string(name.str())] = as_dependencies(*tbl);
            }
        }
    }
    if (auto* rules = t["policy"].as_array()) {
        for (const auto& node : *rules) {
            const auto* rule = node.as_table();
            if (rule == nullptr) {
                continue;
            }
            PolicyRule pr;
            pr.glob = (*rule)["glob"].value_or(std::string("*"));
            if (auto* list = (*rule)["expect"].as_array()) {
                for (const auto& e : *list) {
                    pr.expect.push_back(e.value_or(std::string()));
                }
            } else if (auto one = (*rule)["expect"].value<std::string>()) {
                pr.expect.push_back(*one);
            }
            p.policies.push_back(pr);
        }
    }
    if (p.editions.empty()) {
        return Error{fmt::format("{}: [toolchains] editions is empty", origin)};
    }
    p.source_text += text;
    return p;
}

Profile default_profile() {
    auto p = parse_profile(std::string(kDefaultProfile), "default.toml", Profile{});
    return p.ok() ? *p : Profile{};
}

Expected<Profile> load_profile(const std::string& path) {
    std::ifstream in(path);
    if (!in) {
        return Error{fmt::format("{}: cannot read the configuration", path)};
    }
    std::ostringstream buf;
    buf << in.rdbuf();
    return parse_profile(buf.str(), path, default_profile());
}

}  // namespace snipcheck
