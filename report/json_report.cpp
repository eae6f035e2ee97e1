#include "report/json_report.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

namespace snipcheck {

nlohmann::json json_report(const CheckRun& run) {
    nlohmann::json j = {{"schema", "snipcheck/1"}, {"tool_version", SNIPCHECK_VERSION}};
    j["toolchains"] = nlohmann::json::array();
    for (const auto& t : run.toolchains) {
        j["toolchains"].push_back({{"name", t.name}, {"rustc", t.rustc}, {"identity", t.identity}});
    }
    j["registry"] = {{"kind", "directory"}, {"path", run.registry}, {"crates", run.registry_crates}};
    std::map<std::string, int> by_verdict;
    for (const auto& v : all_verdicts()) {
        by_verdict[std::string(v.id)] = 0;
    }
    for (const auto& r : run.results) {
        by_verdict[std::string(to_string(r.verdict))]++;
    }
    j["summary"] = {{"total", run.results.size()}, {"by_verdict", by_verdict}, {"duration_ms", run.duration_ms}};
    std::map<std::string, nlohmann::json> ids_of;
    for (const auto& s : run.snippets) {
        auto& ids = ids_of[s.article];
        if (ids.is_null()) {
            ids = nlohmann::json::array();
        }
        ids.push_back(s.id);
    }
    j["articles"] = nlohmann::json::array();
    for (const auto& a : run.articles) {
        auto it = ids_of.find(a);
        j["articles"].push_back({{"path", a}, {"snippets", it == ids_of.end() ? nlohmann::json::array() : it->second}});
    }
    j["snippets"] = nlohmann::json::array();
    for (std::size_t i = 0; i < run.snippets.size(); ++i) {
        auto s = to_json(run.snippets[i], run.results[i]);
        if (i < run.outcomes.size()) {
            s["meets_policy"] = run.outcomes[i].meets;
            s["expected"] = run.outcomes[i].expected;
        }
        j["snippets"].push_back(std::move(s));
    }
    return j;
}

namespace {

// The report's top level against the schema; "" when it holds.
std::string report_problem(const nlohmann::json& j) {
    if (!j.is_object() || !j.contains("schema") || j["schema"] != "snipcheck/1") {
        return "not a snipcheck/1 report";
    }
    if (!j.contains("snippets") || !j["snippets"].is_array()) {
        return "no list of snippets";
    }
    for (const char* key : {"registry", "summary"}) {
        if (j.contains(key) && !j[key].is_object()) {
            return fmt::format("`{}` is not an object", key);
        }
    }
    for (const char* key : {"toolchains", "articles"}) {
        if (j.contains(key) && (!j[key].is_array() || !std::all_of(j[key].begin(), j[key].end(), [](const auto& x) {
                                    return x.is_object();
                                }))) {
            return fmt::format("`{}` is not a list of objects", key);
        }
    }
    std::size_t n = 0;
    for (const auto& s : j["snippets"]) {
        ++n;
        if (std::string p = record_problem(s); !p.empty()) {
            return fmt::format("snippet {}: {}", n, p);
        }
        if (!s.contains("id") || !s.contains("article")) {
            return fmt::format("snippet {}: no id or article", n);
        }
    }
    return "";
}

CheckRun run_from_json(const nlohmann::json& j) {
    CheckRun run;
    for (const auto& t : j.value("toolchains", nlohmann::json::array())) {
        run.toolchains.push_back({t.value("name", ""), t.value("rustc", ""), t.value("identity", "")});
    }
    auto registry = j.value("registry", nlohmann::json::object());
    run.registry = registry.value("path", "");
    run.registry_crates = registry.value("crates", 0u);
    run.duration_ms = j.value("summary", nlohmann::json::object()).value("duration_ms", 0);
    for (const auto& a : j.value("articles", nlohmann::json::array())) {
        run.articles.push_back(a.value("path", ""));
    }
    for (const auto& s : j["snippets"]) {
        run.snippets.push_back(snippet_from_json(s));
        run.results.push_back(result_from_json(s));
        // Reports without a policy decision (older ones): compiles and skipped met it.
        std::string v = s.value("verdict", "");
        run.outcomes.push_back({s.value("meets_policy", v == "compiles" || v == "skipped"), s.value("expected", "")});
    }
    return run;
}

}  // namespace

Expected<CheckRun> read_json_report(const std::string& path) {
    std::ifstream in(path);
    if (!in) {
        return Error{fmt::format("{}: cannot read the report", path)};
    }
    std::ostringstream buf;
    buf << in.rdbuf();
    auto j = nlohmann::json::parse(buf.str(), nullptr, false);
    if (j.is_discarded()) {
        return Error{fmt::format("{}: not a snipcheck/1 report (not JSON)", path)};
    }
    if (std::string problem = report_problem(j); !problem.empty()) {
        return Error{fmt::format("{}: not a snipcheck/1 report: {}", path, problem)};
    }
    try {
        return run_from_json(j);
    } catch (const nlohmann::json::exception& e) {
        return Error{fmt::format("{}: not a snipcheck/1 report: {}", path, e.what())};
    }
}

CheckRun merge_runs(const std::vector<CheckRun>& runs) {
    CheckRun out;
    std::vector<std::size_t> order;
    std::vector<std::pair<const CheckRun*, std::size_t>> all;
    std::set<std::string> seen;
    for (const auto& r : runs) {
        if (out.toolchains.empty()) {
            out.toolchains = r.toolchains;
            out.registry = r.registry;
            out.registry_crates = r.registry_crates;
        }
        out.duration_ms += r.duration_ms;
        for (std::size_t i = 0; i < r.snippets.size(); ++i) {
            if (seen.insert(r.snippets[i].id + "\n" + r.snippets[i].article).second) {
                all.emplace_back(&r, i);
            }
        }
    }
    std::stable_sort(all.begin(), all.end(), [](const auto& a, const auto& b) {
        const Snippet& x = a.first->snippets[a.second];
        const Snippet& y = b.first->snippets[b.second];
        return x.article != y.article ? x.article < y.article : x.start_line < y.start_line;
    });
    for (const auto& [r, i] : all) {
        out.snippets.push_back(r->snippets[i]);
        out.results.push_back(r->results[i]);
        out.outcomes.push_back(i < r->outcomes.size() ? r->outcomes[i] : PolicyOutcome{});
        if (out.articles.empty() || out.articles.back() != r->snippets[i].article) {
            out.articles.push_back(r->snippets[i].article);
        }
    }
    return out;
}

}  // namespace snipcheck
