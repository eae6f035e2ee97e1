#include "toolchains/universes/path_crates.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <sstream>
#include <toml++/toml.h>

#include "extractor/sha256.hpp"
#include "model/file_io.hpp"
#include "toolchains/universes/crate_set.hpp"

namespace snipcheck {

namespace fs = std::filesystem;

namespace {

std::string trim(std::string_view s) {
    std::size_t b = s.find_first_not_of(" \t");
    std::size_t e = s.find_last_not_of(" \t");
    return b == std::string_view::npos ? "" : std::string(s.substr(b, e - b + 1));
}

// "1.2.3-beta" -> {1, 2, 3}; missing parts are -1 (a partial requirement such as "0.12").
std::vector<long> numbers(std::string_view v) {
    std::vector<long> out;
    std::string part;
    for (char c : std::string(v.substr(0, v.find_first_of("-+")))) {
        if (c == '.') {
            out.push_back(part.empty() || part == "*" || part == "x" ? -1 : std::stol(part));
            part.clear();
        } else if (std::isdigit(static_cast<unsigned char>(c)) || c == '*' || c == 'x') {
            part.push_back(c);
        } else {
            return {};
        }
    }
    out.push_back(part.empty() || part == "*" || part == "x" ? -1 : std::stol(part));
    while (out.size() < 3) {
        out.push_back(-1);
    }
    return out;
}

// -1, 0 or 1: `v` against the requirement's numbers, the parts it leaves out counting as 0.
int compare(const std::vector<long>& v, const std::vector<long>& r) {
    for (std::size_t i = 0; i < 3; ++i) {
        long want = std::max(r[i], 0L);
        if (v[i] != want) {
            return v[i] < want ? -1 : 1;
        }
    }
    return 0;
}

// The first version above everything a caret (or tilde) requirement accepts.
std::vector<long> upper_bound(const std::vector<long>& r, bool tilde) {
    std::vector<long> up{std::max(r[0], 0L), std::max(r[1], 0L), std::max(r[2], 0L)};
    std::size_t keep = 0;  // the leftmost part that must stay the same
    if (tilde) {
        keep = r[1] < 0 ? 0 : 1;
    } else if (r[0] > 0 || r[1] < 0) {
        keep = 0;
    } else if (r[1] > 0 || r[2] < 0) {
        keep = 1;
    } else {
        keep = 2;
    }
    up[keep] += 1;
    for (std::size_t i = keep + 1; i < 3; ++i) {
        up[i] = 0;
    }
    return up;
}

bool one_matches(std::string term, const std::vector<long>& v) {
    term = trim(term);
    std::string op;
    while (!term.empty() && std::string("=<>~^").find(term[0]) != std::string::npos) {
        op.push_back(term[0]);
        term.erase(0, 1);
    }
    auto r = numbers(trim(term));
    if (r.empty()) {
        return false;
    }
    if (r[0] < 0) {
        return true;  // "*"
    }
    int c = compare(v, r);
    if (op == ">") return c > 0;
    if (op == ">=") return c >= 0;
    if (op == "<") return c < 0;
    if (op == "<=") return c <= 0;
    if (op == "=" && r[2] >= 0) return c == 0;
    // caret (the default), tilde and partial `=`: at least the version named, below the bound.
    return c >= 0 && compare(v, upper_bound(r, op == "~" || op == "=")) < 0;
}

}  // namespace

bool version_matches(const std::string& req, const std::string& version) {
    auto v = numbers(version);
    if (v.empty() || v[0] < 0) {
        return false;
    }
    std::istringstream terms(req);
    std::string term;
    while (std::getline(terms, term, ',')) {
        if (!one_matches(term, v)) {
            return false;
        }
    }
    return true;
}

std::string path_crate_package(const std::string& dir) {
    try {
        auto t = toml::parse_file((fs::path(dir) / "Cargo.toml").string());
        return t["package"]["name"].value_or(std::string());
    } catch (const toml::parse_error&) {
        return "";
    }
}

std::vector<Requirement> path_crate_requirements(const std::string& dir) {
    std::vector<Requirement> out;
    toml::table t;
    try {
        t = toml::parse_file((fs::path(dir) / "Cargo.toml").string());
    } catch (const toml::parse_error&) {
        return out;
    }
    auto* deps = t["dependencies"].as_table();
    for (const auto& [key, value] : deps ? *deps : toml::table{}) {
        Requirement r{std::string(key.str()), "*"};
        if (auto v = value.value<std::string>()) {
            r.version = *v;
        } else if (auto* spec = value.as_table()) {
            if (spec->contains("path") || spec->contains("git")) {
                continue;
            }
            r.package = (*spec)["package"].value_or(r.package);
            r.version = (*spec)["version"].value_or(std::string("*"));
        }
        out.push_back(r);
    }
    return out;
}

PathCratePlan plan_path_crates(const std::vector<PathCrate>& crates,
                               const std::map<std::string, std::vector<std::string>>& registry) {
    PathCratePlan plan;
    for (const auto& c : crates) {
        std::vector<std::string> lacking;
        for (const auto& req : path_crate_requirements(c.dir)) {
            std::string name = library_name(req.package);
            auto it = registry.find(name);
            bool found = it != registry.end() && std::any_of(it->second.begin(), it->second.end(), [&](const auto& v) {
                             return version_matches(req.version, v);
                         });
            if (!found) {
                lacking.push_back(fmt::format("{} {}", req.package, req.version));
            }
        }
        if (lacking.empty()) {
            plan.buildable.push_back(c);
        } else {
            std::string lib = library_name(c.name);
            plan.unavailable[lib] = fmt::format("needs {}", fmt::join(lacking, ", "));
        }
    }
    return plan;
}

std::string path_crate_digest(const std::string& dir) {
    std::vector<std::string> files;
    std::error_code ec;
    fs::recursive_directory_iterator it(dir, ec);
    for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        std::string name = it->path().filename().string();
        if (it->is_directory() && (name == "target" || name == ".git")) {
            it.disable_recursion_pending();
        } else if (it->is_regular_file()) {
            files.push_back(fs::relative(it->path(), dir).string());
        }
    }
    std::sort(files.begin(), files.end());
    Sha256Stream digest;
    for (const auto& f : files) {
        digest.update(fmt::format("{}\n{}\n", f, sha256_hex(read_file((fs::path(dir) / f).string()))));
    }
    return digest.hex();
}

}  // namespace snipcheck
