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
    j["articles"] = nlohmann::json::array();
    for (const auto& a : run.articles) {
        nlohmann::json ids = nlohmann::json::array();
        for (const auto& s : run.snippets) {
            if (s.article == a) {
                ids.push_back(s.id);
            }
        }
        j["articles"].push_back({{"path", a}, {"snippets", ids}});
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

Expected<CheckRun> read_json_report(const std::string& path) {
    std::ifstream in(path);
    if (!in) {
        return Error{fmt::format("{}: cannot read the report", path)};
    }
    std::ostringstream buf;
    buf << in.rdbuf();
    auto j = nlohmann::json::parse(buf.str(), nullptr, false);
    if (j.is_discarded() || j.value("schema", "") != "snipcheck/1" || !j.contains("snippets")) {
        return Error{fmt::format("{}: not a snipcheck/1 report", path)};
    }
    CheckRun run;
    for (const auto& t : j.value("toolchains", nlohmann::json::array())) {
        run.toolchains.push_back({t.value("name", ""), t.value("rustc", ""), t.value("identity", "")});
    }
    run.registry = j["registry"].value("path", "");
    run.registry_crates = j["registry"].value("crates", 0u);
    run.duration_ms = j["summary"].value("duration_ms", 0);
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
