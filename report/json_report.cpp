#include "report/json_report.hpp"

#include <map>

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
        j["snippets"].push_back(to_json(run.snippets[i], run.results[i]));
    }
    return j;
}

}  // namespace snipcheck
