#include "toolchains/cargo/manifest_paths.hpp"

#include <fmt/format.h>

#include <filesystem>

namespace snipcheck {

namespace fs = std::filesystem;

namespace {

using Refuse = std::function<void(const std::string& where, const std::string& path)>;

// `members = [...]`-style lists: entries (globs by their fixed part) that leave are dropped.
void confine_list(toml::array* list, const std::string& where, const Refuse& refuse) {
    for (std::size_t i = list ? list->size() : 0; i-- > 0;) {
        auto v = (*list)[i].value<std::string>();
        if (!v) {
            continue;
        }
        bool glob = v->find('*') != std::string::npos;
        if (glob ? !stays_inside(v->substr(0, v->find('*')) + "x") : !stays_inside(*v)) {
            refuse(where, *v);
            list->erase(list->begin() + static_cast<long>(i));
        }
    }
}

// The tables whose entries may carry `path = "..."`: dependency tables (top level, the
// workspace's, per target), patches and replacements, each with its dotted name.
std::vector<std::pair<std::string, toml::table*>> path_tables(toml::table& t) {
    std::vector<std::pair<std::string, toml::table*>> tables;
    auto add_dependency_tables = [&](toml::table* owner, const std::string& prefix) {
        for (const char* key : {"dependencies", "dev-dependencies", "build-dependencies", "dev_dependencies", "build_dependencies"}) {
            if (auto* deps = owner ? (*owner)[key].as_table() : nullptr) {
                tables.emplace_back(prefix + key, deps);
            }
        }
    };
    add_dependency_tables(&t, "");
    add_dependency_tables(t["workspace"].as_table(), "workspace.");
    if (auto* targets = t["target"].as_table()) {
        for (auto& [name, v] : *targets) {
            add_dependency_tables(v.as_table(), fmt::format("target.{}.", name.str()));
        }
    }
    if (auto* patch = t["patch"].as_table()) {
        for (auto& [name, v] : *patch) {
            if (auto* inner = v.as_table()) {
                tables.emplace_back(fmt::format("patch.{}", name.str()), inner);
            }
        }
    }
    if (auto* replace = t["replace"].as_table()) {
        tables.emplace_back("replace", replace);
    }
    return tables;
}

void confine_dependencies(toml::table& t, const Refuse& refuse) {
    for (auto& [where, table] : path_tables(t)) {
        std::vector<std::string> drop;
        for (auto& [name, v] : *table) {
            auto path = v.as_table() ? (*v.as_table())["path"].value<std::string>() : std::nullopt;
            if (path && !stays_inside(*path)) {
                refuse(fmt::format("{}.{}.path", where, name.str()), *path);
                drop.emplace_back(name.str());
            }
        }
        for (const auto& name : drop) {
            table->erase(name);
        }
    }
}

// [lib], [[bin]], [[example]], [[test]], [[bench]]: a `path` that leaves is dropped.
void confine_targets(toml::table& t, const Refuse& refuse) {
    for (const char* key : {"lib", "bin", "example", "test", "bench"}) {
        auto confine_target = [&](toml::table* target) {
            if (target == nullptr) {
                return;
            }
            if (auto v = (*target)["path"].value<std::string>(); v && !stays_inside(*v)) {
                refuse(fmt::format("{}.path", key), *v);
                target->erase("path");
            }
        };
        confine_target(t[key].as_table());
        if (auto* list = t[key].as_array()) {
            for (auto& item : *list) {
                confine_target(item.as_table());
            }
        }
    }
}

}  // namespace

bool stays_inside(const std::string& path) {
    if (path.empty() || path.find('\0') != std::string::npos) {
        return false;
    }
    fs::path p = fs::path(path).lexically_normal();
    return !p.is_absolute() && !p.has_root_name() && !p.has_root_directory() && (p.empty() || *p.begin() != "..");
}

std::vector<std::string> confine_paths(toml::table& t) {
    std::vector<std::string> refused;
    Refuse refuse = [&](const std::string& where, const std::string& path) {
        refused.push_back(fmt::format("`{}` = \"{}\" leaves the snippet's folder: not followed", where, path));
    };
    for (const char* key : {"members", "default-members", "exclude"}) {
        confine_list(t["workspace"][key].as_array(), std::string("workspace.") + key, refuse);
    }
    for (const char* key : {"build", "workspace", "readme", "license-file"}) {
        if (auto v = t["package"][key].value<std::string>(); v && !stays_inside(*v)) {
            refuse(std::string("package.") + key, *v);
            t["package"].as_table()->erase(key);
        }
    }
    confine_dependencies(t, refuse);
    confine_targets(t, refuse);
    return refused;
}

}  // namespace snipcheck
