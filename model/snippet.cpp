#include "model/snippet.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace snipcheck {

std::string_view to_string(Origin o) {
    switch (o) {
        case Origin::Fenced:
            return "fenced";
        case Origin::Indented:
            return "indented";
        case Origin::Detected:
            return "detected";
        case Origin::Html:
            return "html";
    }
    return "fenced";
}

namespace {
Origin origin_from_string(std::string_view s) {
    for (Origin o : {Origin::Fenced, Origin::Indented, Origin::Detected, Origin::Html}) {
        if (to_string(o) == s) {
            return o;
        }
    }
    return Origin::Fenced;
}
}  // namespace

bool Snippet::has_attribute(std::string_view name) const {
    return std::find(attributes.begin(), attributes.end(), name) != attributes.end();
}

void decide_by_priority(CheckResult& r) {
    Verdict best = Verdict::Compiles;
    std::string subkind;
    for (const auto& f : r.findings) {
        if (info(f.verdict).priority > info(best).priority) {
            best = f.verdict;
            subkind = f.subkind;
        }
    }
    r.verdict = best;
    r.subkind = subkind;
}

const IncludedLines* included_run(const Snippet& s, int code_line) {
    for (const auto& run : s.included) {
        if (code_line >= run.code_line && code_line < run.code_line + run.lines) {
            return &run;
        }
    }
    return nullptr;
}

void locate_included_lines(const Snippet& s, CheckResult& r) {
    if (s.included.empty()) {
        return;
    }
    for (auto& e : r.evidence) {
        if (e.line == 0 || !e.source_file.empty()) {
            continue;
        }
        int code_line = e.line - s.start_line + 1;
        if (const IncludedLines* run = included_run(s, code_line)) {
            e.source_file = run->file;
            e.source_line = run->file_line + (code_line - run->code_line);
            e.line = run->article_line;
            continue;
        }
        // The chapter's own line: every directive before it stood on one line for its run's.
        int extra = 0;
        for (const auto& run : s.included) {
            if (run.code_line + run.lines <= code_line) {
                extra += run.lines - 1;
            }
        }
        e.line -= extra;
    }
}

nlohmann::json to_json(const Snippet& s) {
    nlohmann::json j = {{"id", s.id},
            {"article", s.article},
            {"start_line", s.start_line},
            {"end_line", s.end_line},
            {"language", s.language},
            {"origin", std::string(to_string(s.origin))},
            {"info", s.info},
            {"attributes", s.attributes},
            {"sha256", s.sha256},
            {"expect", s.expectation},
            {"code", s.code}};
    if (!s.included.empty()) {
        // Where the included code came from: the first run, and every run for `explain`.
        j["source_file"] = s.included.front().file;
        j["source_line"] = s.included.front().file_line;
        j["included"] = nlohmann::json::array();
        for (const auto& run : s.included) {
            j["included"].push_back({{"code_line", run.code_line},
                                     {"lines", run.lines},
                                     {"article_line", run.article_line},
                                     {"file", run.file},
                                     {"file_line", run.file_line}});
        }
    }
    return j;
}

nlohmann::json to_json(const Evidence& e) {
    nlohmann::json j = {{"toolchain", e.toolchain}, {"edition", e.edition}, {"command", e.command},
                        {"code", e.code},           {"level", e.level},     {"message", e.message},
                        {"line", e.line}};
    if (!e.rendered.empty()) {
        j["rendered"] = e.rendered;  // only rustc has one: other tools' evidence stays small
    }
    if (!e.source_file.empty()) {
        j["source_file"] = e.source_file;
        j["source_line"] = e.source_line;
    }
    return j;
}

nlohmann::json to_json(const Finding& f) {
    return {{"verdict", std::string(to_string(f.verdict))}, {"subkind", f.subkind}, {"message", f.message}};
}

nlohmann::json to_json(const Snippet& s, const CheckResult& r) {
    nlohmann::json j = to_json(s);
    j["verdict"] = std::string(to_string(r.verdict));
    j["subkind"] = r.subkind;
    j["feature_gates"] = r.feature_gates;
    j["missing_crates"] = r.missing_crates;
    j["undefined"] = r.undefined;
    j["editions_passing"] = r.editions_passing;
    j["findings"] = nlohmann::json::array();
    for (const auto& f : r.findings) {
        j["findings"].push_back(to_json(f));
    }
    j["evidence"] = nlohmann::json::array();
    for (const auto& e : r.evidence) {
        j["evidence"].push_back(to_json(e));
    }
    j["wrapped_source"] = r.wrapped_source;
    j["commands"] = r.commands;
    j["cached"] = r.cached;
    j["duration_ms"] = r.duration_ms;
    if (r.fix) {
        j["fix"] = to_json(*r.fix);
    }
    return j;
}

nlohmann::json to_json(const Fix& f) {
    return {{"verified", f.verified}, {"rounds", f.rounds}, {"edits", f.edits}, {"outcome", f.outcome},
            {"errors_before", f.errors_before}, {"errors_after", f.errors_after}, {"sources", f.sources},
            {"code", f.code}, {"diff", f.diff}};
}

Fix fix_from_json(const nlohmann::json& j) {
    Fix f;
    f.verified = j.value("verified", false);
    f.rounds = j.value("rounds", 0);
    f.edits = j.value("edits", 0);
    f.outcome = j.value("outcome", "");
    f.errors_before = j.value("errors_before", 0);
    f.errors_after = j.value("errors_after", 0);
    f.sources = j.value("sources", std::vector<std::string>{});
    f.code = j.value("code", "");
    f.diff = j.value("diff", "");
    return f;
}

Snippet snippet_from_json(const nlohmann::json& j) {
    Snippet s;
    s.id = j.value("id", "");
    s.article = j.value("article", "");
    s.start_line = j.value("start_line", 0);
    s.end_line = j.value("end_line", 0);
    s.language = j.value("language", "");
    s.origin = origin_from_string(j.value("origin", "fenced"));
    s.info = j.value("info", "");
    s.attributes = j.value("attributes", std::vector<std::string>{});
    s.sha256 = j.value("sha256", "");
    s.code = j.value("code", "");
    s.expectation = j.value("expect", "");
    for (const auto& run : j.value("included", nlohmann::json::array())) {
        s.included.push_back({run.value("code_line", 0), run.value("lines", 0), run.value("article_line", 0),
                              run.value("file", ""), run.value("file_line", 0)});
    }
    return s;
}

CheckResult result_from_json(const nlohmann::json& j) {
    CheckResult r;
    r.verdict = verdict_from_string(j.value("verdict", "")).value_or(Verdict::HarnessError);
    r.subkind = j.value("subkind", "");
    r.feature_gates = j.value("feature_gates", std::vector<std::string>{});
    r.missing_crates = j.value("missing_crates", std::vector<std::string>{});
    r.undefined = j.value("undefined", std::vector<std::string>{});
    r.editions_passing = j.value("editions_passing", std::vector<std::string>{});
    for (const auto& f : j.value("findings", nlohmann::json::array())) {
        // record_problem refuses a finding whose verdict is not known: the fallback is never read.
        r.findings.push_back({verdict_from_string(f.value("verdict", "")).value_or(Verdict::HarnessError), f.value("subkind", ""),
                              f.value("message", "")});
    }
    for (const auto& e : j.value("evidence", nlohmann::json::array())) {
        r.evidence.push_back({e.value("toolchain", ""), e.value("edition", ""), e.value("command", ""),
                              e.value("code", ""), e.value("level", ""), e.value("message", ""),
                              e.value("line", 0), e.value("rendered", ""), e.value("source_file", ""), e.value("source_line", 0)});
    }
    r.wrapped_source = j.value("wrapped_source", "");
    r.commands = j.value("commands", std::vector<std::string>{});
    r.cached = j.value("cached", false);
    r.duration_ms = j.value("duration_ms", 0);
    if (j.contains("fix") && j["fix"].is_object()) {
        r.fix = fix_from_json(j["fix"]);
    }
    return r;
}

namespace {

bool strings_only(const nlohmann::json& a) {
    return a.is_array() && std::all_of(a.begin(), a.end(), [](const nlohmann::json& x) { return x.is_string(); });
}

// Each field present in `j` must have the type its kind says.
std::string fields_problem(const nlohmann::json& j, std::initializer_list<const char*> strings,
                           std::initializer_list<const char*> integers, std::initializer_list<const char*> booleans,
                           std::initializer_list<const char*> string_lists) {
    if (!j.is_object()) {
        return "not an object";
    }
    for (const char* k : strings) {
        if (j.contains(k) && !j[k].is_string()) {
            return fmt::format("`{}` is not a string", k);
        }
    }
    for (const char* k : integers) {
        if (j.contains(k) && !j[k].is_number_integer()) {
            return fmt::format("`{}` is not a whole number", k);
        }
    }
    for (const char* k : booleans) {
        if (j.contains(k) && !j[k].is_boolean()) {
            return fmt::format("`{}` is not true or false", k);
        }
    }
    for (const char* k : string_lists) {
        if (j.contains(k) && !strings_only(j[k])) {
            return fmt::format("`{}` is not a list of strings", k);
        }
    }
    return "";
}

}  // namespace

std::string record_problem(const nlohmann::json& j) {
    std::string p = fields_problem(
        j, {"id", "article", "language", "origin", "info", "sha256", "code", "expect", "verdict", "subkind", "wrapped_source", "expected", "source_file"},
        {"start_line", "end_line", "duration_ms", "source_line"}, {"cached", "meets_policy"},
        {"attributes", "feature_gates", "missing_crates", "undefined", "editions_passing", "commands"});
    if (!p.empty()) {
        return p;
    }
    if (!j.contains("verdict") || !verdict_from_string(j["verdict"].get<std::string>())) {
        return "no known verdict";
    }
    for (const char* list : {"findings", "evidence"}) {
        if (!j.contains(list)) {
            continue;
        }
        if (!j[list].is_array()) {
            return fmt::format("`{}` is not a list", list);
        }
        for (const auto& item : j[list]) {
            p = fields_problem(item, {"verdict", "subkind", "message", "toolchain", "edition", "command", "code", "level",
                                      "rendered", "source_file"},
                               {"line", "source_line"}, {}, {});
            if (p.empty() && std::string_view(list) == "findings" &&
                (!item.contains("verdict") || !verdict_from_string(item["verdict"].get<std::string>()))) {
                p = "no known verdict";  // never read as some other verdict
            }
            if (!p.empty()) {
                return fmt::format("`{}`: {}", list, p);
            }
        }
    }
    if (j.contains("fix")) {
        p = fields_problem(j["fix"], {"outcome", "code", "diff"}, {"rounds", "edits", "errors_before", "errors_after"}, {"verified"}, {"sources"});
        if (!p.empty()) {
            return fmt::format("`fix`: {}", p);
        }
    }
    if (j.contains("included")) {
        if (!j["included"].is_array()) {
            return "`included` is not a list";
        }
        for (const auto& run : j["included"]) {
            p = fields_problem(run, {"file"}, {"code_line", "lines", "article_line", "file_line"}, {}, {});
            if (!p.empty()) {
                return fmt::format("`included`: {}", p);
            }
        }
    }
    return "";
}

}  // namespace snipcheck
