#include "report/sarif.hpp"

#include <fmt/format.h>

#include <filesystem>
#include <map>

#include "check/fix.hpp"
#include "report/text_util.hpp"

namespace snipcheck {

namespace {

std::string rule_id(const CheckResult& r) {
    return r.subkind.empty() ? std::string(to_string(r.verdict)) : fmt::format("{}/{}", to_string(r.verdict), r.subkind);
}

// A readable rule name, distinct from the opaque id as SARIF asks: OutdatedApiEdition.
std::string rule_name(const CheckResult& r) {
    std::string out;
    bool upper = true;
    for (char c : std::string(to_string(r.verdict)) + "-" + r.subkind) {
        if (c == '-' || c == '_' || c == '/') {
            upper = true;
        } else {
            out += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
            upper = false;
        }
    }
    if (r.subkind.empty()) {
        out += "Snippet";  // "error" vs "Error": consumers compare them case-insensitively
    }
    return out;
}

// An artifact location: relative paths stay relative references; absolute paths become
// file:// URIs. Characters outside RFC 3986's unreserved set and '/' are percent-encoded.
std::string artifact_uri(const std::string& path) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out = path.starts_with("/") ? "file://" : "";
    for (unsigned char c : path) {
        if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~' || c == '/') {
            out += static_cast<char>(c);
        } else {
            out += '%';
            out += kHex[c >> 4];
            out += kHex[c & 0xF];
        }
    }
    return out;
}

std::string help_text(Verdict v) {
    switch (v) {
        case Verdict::OutdatedApi:
            return "The snippet uses an API or syntax that was removed or renamed. The evidence says what accepts it "
                   "instead (an older edition or crate version, a deprecation, a knowledge-base rule); update the "
                   "snippet or say which versions it is for.";
        case Verdict::SpeculativeSyntax:
            return "Stable Rust rejects this syntax. nightly-only: it needs the listed #![feature] gates; invented: "
                   "no toolchain accepts it. Mark it as such for readers, or mark the block `ignore`.";
        case Verdict::MissingDependency:
            return "The snippet needs a crate or command this machine does not have. Add the crate to the crate "
                   "set in snipcheck.toml, or install the command.";
        case Verdict::Incomplete:
            return "The snippet is a fragment: names defined nowhere in the article, or placeholders. Add rustdoc "
                   "hidden lines (`# `) that define them, or mark the block `ignore`.";
        case Verdict::Error:
            return "The snippet does not compile. If the error is deliberate, mark the block `compile_fail`.";
        case Verdict::HarnessError:
            return "snipcheck could not judge the snippet (timeout, sandbox or toolchain failure).";
        default:
            return std::string(info(v).description);
    }
}

// The artifactLocation of an article: under the root, relative with uriBaseId ROOT.
nlohmann::json artifact_location(const std::string& article, const SarifOptions& options) {
    if (options.root.empty()) {
        return {{"uri", artifact_uri(article)}};
    }
    std::filesystem::path p(article);
    if (p.is_relative() && !options.cwd.empty()) {
        p = std::filesystem::path(options.cwd) / p;
    }
    p = p.lexically_normal();
    std::filesystem::path rel = p.lexically_relative(std::filesystem::path(options.root).lexically_normal());
    if (p.is_absolute() && !rel.empty() && *rel.begin() != "..") {
        return {{"uri", artifact_uri(rel.generic_string())}, {"uriBaseId", "ROOT"}};
    }
    return {{"uri", artifact_uri(p.generic_string())}};
}

// SARIF 2.1.0 `fixes`: a verified fix's changed lines, each line replaced whole (a region
// with lines only spans them without their line breaks).
nlohmann::json sarif_fixes(const CheckResult& r, const SarifOptions& options) {
    nlohmann::json fixes = nlohmann::json::array();
    if (!r.fix || !r.fix->verified || r.fix->diff.empty()) {
        return fixes;
    }
    std::map<std::string, nlohmann::json> by_file;
    for (const auto& c : diff_changes(r.fix->diff)) {
        by_file[c.file].push_back({{"deletedRegion", {{"startLine", c.line}, {"endLine", c.line}}},
                                   {"insertedContent", {{"text", c.after}}}});
    }
    nlohmann::json changes = nlohmann::json::array();
    for (auto& [file, replacements] : by_file) {
        changes.push_back({{"artifactLocation", artifact_location(file, options)}, {"replacements", replacements}});
    }
    fixes.push_back({{"description", {{"text", fix_note(r)}}}, {"artifactChanges", changes}});
    return fixes;
}

}  // namespace

nlohmann::json sarif_report(const CheckRun& run, const SarifOptions& options) {
    nlohmann::json rules = nlohmann::json::array();
    std::map<std::string, int> rule_index;
    nlohmann::json results = nlohmann::json::array();
    for (const Entry& e : run.entries()) {
        if (e.outcome.meets) {
            continue;
        }
        const auto& s = e.snippet;
        const auto& r = e.result;
        std::string id = rule_id(r);
        if (!rule_index.count(id)) {
            rule_index[id] = static_cast<int>(rules.size());
            rules.push_back({{"id", id},
                             {"name", rule_name(r)},
                             {"shortDescription", {{"text", std::string(info(r.verdict).description)}}},
                             {"fullDescription", {{"text", help_text(r.verdict)}}},
                             {"help", {{"text", help_text(r.verdict)}}},
                             {"defaultConfiguration", {{"level", "error"}}}});
        }
        std::string message = fmt::format("{}: {}", verdict_label(r), reason_with_diagnostic(s, r));
        nlohmann::json fixes = sarif_fixes(r, options);
        results.push_back({{"ruleId", id},
                           {"ruleIndex", rule_index[id]},
                           {"level", r.verdict == Verdict::OutdatedApi ? "warning" : "error"},
                           {"message", {{"text", message}}},
                           {"partialFingerprints", {{"snippetSha256/v1", s.sha256}}},
                           {"locations",
                            {{{"physicalLocation",
                               {{"artifactLocation", artifact_location(s.article, options)},
                                {"region", {{"startLine", s.start_line}, {"endLine", std::max(s.start_line, s.end_line)}}}}}}}}});
        if (!fixes.empty()) {
            results.back()["fixes"] = fixes;
        }
    }
    nlohmann::json sarif = {{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
            {"version", "2.1.0"},
            {"runs",
             {{{"tool",
                {{"driver",
                  {{"name", "snipcheck"},
                   {"version", SNIPCHECK_VERSION},
                   {"rules", rules}}}}},
               {"results", results}}}}};
    if (!options.root.empty()) {
        std::string root = std::filesystem::path(options.root).lexically_normal().generic_string();
        if (!root.ends_with("/")) {
            root += "/";
        }
        sarif["runs"][0]["originalUriBaseIds"] = {
            {"ROOT", {{"uri", artifact_uri(root)}, {"description", {{"text", "The repository root (--root)"}}}}}};
    }
    return sarif;
}

}  // namespace snipcheck
