#include "toolchains/profile.hpp"

#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <toml++/toml.h>

#include "model/file_io.hpp"
#include "model/verdict.hpp"
#include "toolchains/default_profile.hpp"

namespace snipcheck {

namespace {

// The [crates] table's registry entries, each as a [dependencies] line and with any version.
std::vector<CrateRequirement> requirements_of(const toml::table& t) {
    std::vector<CrateRequirement> out;
    for (const auto& [key, value] : t) {
        toml::table one;
        one.insert(key, value);
        toml::table any;
        if (auto* spec = value.as_table()) {
            toml::table relaxed = *spec;
            relaxed.insert_or_assign("version", "*");
            any.insert(key, relaxed);
        } else {
            any.insert(key, "*");
        }
        std::ostringstream line;
        std::ostringstream any_line;
        line << one;
        any_line << any;
        out.push_back({std::string(key.str()), line.str(), any_line.str()});
    }
    return out;
}

std::string as_dependencies(const toml::table& t) {
    std::ostringstream out;
    for (const auto& [key, value] : t) {
        toml::table one;
        one.insert(key, value);
        out << one << "\n";
    }
    return out.str();
}

// `[crates] NAME = { path = "DIR" }`: DIR is read as Cargo reads it, against the folder of the
// file that names it, and must hold a Cargo.toml.
Expected<PathCrate> path_crate(const std::string& name, const toml::table& spec, const std::string& origin) {
    auto line = spec.source().begin.line;
    auto path = spec["path"].value<std::string>();
    if (!path || path->empty()) {
        return Error{fmt::format("{}:{}: [crates] {} path must be a folder name", origin, line, name)};
    }
    std::filesystem::path base = std::filesystem::path(origin).parent_path();
    std::filesystem::path dir = base / *path;
    std::error_code ec;
    auto absolute = std::filesystem::weakly_canonical(std::filesystem::absolute(dir, ec), ec);
    if (ec || !std::filesystem::is_regular_file(absolute / "Cargo.toml")) {
        return Error{fmt::format("{}:{}: [crates] {} path {} holds no Cargo.toml", origin, line, name, dir.string())};
    }
    // A profile found in a checked-out repository is that repository's: its crates stay in it.
    auto root = std::filesystem::weakly_canonical(std::filesystem::absolute(base.empty() ? "." : base, ec), ec);
    if (!is_within(absolute, root)) {
        return Error{fmt::format("{}:{}: [crates] {} path {} is outside the folder of {}", origin, line, name, dir.string(),
                                 origin)};
    }
    return PathCrate{name, absolute.string()};
}

// Typed reads of one profile: a key of the wrong type or out of range is an error that
// names the file, the line and the key, never a silent default.
class Reader {
public:
    Reader(const toml::table& t, std::string origin) : t_(t), origin_(std::move(origin)) {}

    const std::string& error() const { return error_; }

    void string(const char* table, const char* key, std::string& out) {
        auto node = t_[table][key];
        if (!node) {
            return;
        }
        if (auto v = node.value<std::string>()) {
            out = *v;
        } else {
            fail(node.node(), table, key, "must be a string");
        }
    }

    void strings(const char* table, const char* key, std::vector<std::string>& out) {
        auto node = t_[table][key];
        if (!node) {
            return;
        }
        const auto* list = node.as_array();
        std::vector<std::string> got;
        for (std::size_t i = 0; list && i < list->size(); ++i) {
            auto v = (*list)[i].value<std::string>();
            if (!v) {
                list = nullptr;
                break;
            }
            got.push_back(*v);
        }
        if (list == nullptr) {
            fail(node.node(), table, key, "must be a list of strings");
            return;
        }
        out = std::move(got);
    }

    // A whole number in [1, max].
    void count(const char* table, const char* key, int max, int& out) {
        auto node = t_[table][key];
        if (!node) {
            return;
        }
        auto v = node.value_exact<int64_t>();
        if (!v || *v < 1 || *v > max) {
            fail(node.node(), table, key, fmt::format("must be a whole number from 1 to {}", max));
            return;
        }
        out = static_cast<int>(*v);
    }

    void fail(const toml::node* node, const char* table, const char* key, const std::string& what) {
        if (!error_.empty()) {
            return;
        }
        auto line = node ? node->source().begin.line : 0;
        error_ = fmt::format("{}:{}: [{}] {} {}", origin_, line, table, key, what);
    }

private:
    const toml::table& t_;
    std::string origin_;
    std::string error_;
};

// [crates] (registry requirements as Cargo.toml writes them, and path crates) and
// [alternates] (other versions of crates, each a crate set of its own).
std::optional<Error> read_crates(const toml::table& t, const std::string& origin, Profile& p) {
    if (auto* crates = t["crates"].as_table()) {
        // A dependency is a version requirement or a table of one, as in Cargo.toml.
        toml::table registry_crates;
        p.path_crates.clear();
        for (const auto& [name, value] : *crates) {
            if (!value.is_string() && !value.is_table()) {
                return Error{fmt::format("{}:{}: [crates] {} must be a version string (\"1\") or a table "
                                         "({{ version = \"1\", features = [...] }})",
                                         origin, value.source().begin.line, name.str())};
            }
            if (auto* spec = value.as_table(); spec && spec->contains("path")) {
                auto crate = path_crate(std::string(name.str()), *spec, origin);
                if (!crate) {
                    return crate.error();
                }
                p.path_crates.push_back(*crate);
            } else {
                registry_crates.insert(name, value);
            }
        }
        p.crates = requirements_of(registry_crates);
    }
    if (auto* alts = t["alternates"].as_table()) {
        for (const auto& [name, value] : *alts) {
            if (auto* tbl = value.as_table()) {
                p.alternates[std::string(name.str())] = as_dependencies(*tbl);
            }
        }
    }
    return std::nullopt;
}

// One [[policy]] entry: a glob (default "*") and what its articles' snippets may be.
Expected<PolicyRule> read_policy(const toml::node& node, const std::string& origin) {
    const auto& rule = *node.as_table();
    auto line = node.source().begin.line;
    PolicyRule pr;
    pr.glob = "*";
    if (rule.contains("glob")) {
        auto glob = rule["glob"].value<std::string>();
        if (!glob) {
            return Error{fmt::format("{}:{}: [[policy]] glob must be a string", origin, line)};
        }
        pr.glob = *glob;
    }
    std::vector<const toml::node*> expect;
    if (auto* list = rule["expect"].as_array()) {
        for (const auto& e : *list) {
            expect.push_back(&e);
        }
    } else if (rule.contains("expect")) {
        expect.push_back(rule.get("expect"));
    }
    for (const auto* e : expect) {
        auto v = e->value<std::string>();
        if (!v || (!verdict_from_string(*v) && *v != "nightly" && *v != "ignore")) {
            return Error{fmt::format("{}:{}: [[policy]] expect takes verdicts (compiles, outdated-api, ...), "
                                     "nightly or ignore",
                                     origin, e->source().begin.line)};
        }
        pr.expect.push_back(*v);
    }
    return pr;
}

std::optional<Error> read_policies(const toml::table& t, const std::string& origin, Profile& p) {
    if (t.contains("policy") && !t["policy"].is_array_of_tables()) {
        return Error{fmt::format("{}:{}: [[policy]] must be a list of tables ([[policy]] entries)", origin,
                                 t.get("policy")->source().begin.line)};
    }
    if (auto* rules = t["policy"].as_array()) {
        for (const auto& node : *rules) {
            auto rule = read_policy(node, origin);
            if (!rule) {
                return rule.error();
            }
            p.policies.push_back(*rule);
        }
    }
    return std::nullopt;
}

}  // namespace

Expected<Profile> parse_profile(const std::string& text, const std::string& origin, Profile p) {
    toml::table t;
    try {
        t = toml::parse(text, origin);
    } catch (const toml::parse_error& e) {
        return Error{fmt::format("{}:{}: {}", origin, e.source().begin.line, e.description())};
    }
    Reader r(t, origin);
    r.string("toolchains", "reference", p.reference);
    r.string("toolchains", "probe", p.probe);
    r.strings("toolchains", "editions", p.editions);
    r.count("limits", "wall_seconds", 24 * 3600, p.wall_seconds);
    r.count("limits", "cpu_seconds", 24 * 3600, p.cpu_seconds);
    r.count("limits", "memory_mib", 1024 * 1024, p.memory_mib);
    r.string("universe", "name", p.universe_name);
    r.string("universe", "path", p.registry);
    r.string("universes", "reference", p.reference_universe);
    r.strings("universes", "evidence", p.evidence_universes);
    r.strings("paths", "exclude", p.exclude_paths);
    for (const char* table : {"toolchains", "limits", "universe", "universes", "crates", "alternates", "paths"}) {
        if (t.contains(table) && !t[table].is_table()) {
            r.fail(t.get(table), table, "", "must be a table");
        }
    }
    if (!r.error().empty()) {
        return Error{r.error()};
    }
    if (auto failed = read_crates(t, origin, p)) {
        return *failed;
    }
    if (auto failed = read_policies(t, origin, p)) {
        return *failed;
    }
    for (const auto& e : p.editions) {
        if (e != "2015" && e != "2018" && e != "2021" && e != "2024") {
            return Error{fmt::format("{}: [toolchains] editions: `{}` is not a Rust edition (2015, 2018, 2021, 2024)", origin, e)};
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
    auto text = read_whole_file(path);
    if (!text) {
        return Error{fmt::format("{}: cannot read the configuration", path)};
    }
    return parse_profile(*text, path, default_profile());
}

}  // namespace snipcheck
