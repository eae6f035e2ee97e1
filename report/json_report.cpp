#include "report/json_report.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "model/file_io.hpp"

namespace snipcheck {

nlohmann::json json_report(const CheckRun& run) {
    nlohmann::json j = {{"schema", "snipcheck/1"}, {"tool_version", SNIPCHECK_VERSION}};
    j["toolchains"] = nlohmann::json::array();
    for (const auto& t : run.toolchains) {
        j["toolchains"].push_back({{"name", t.name}, {"rustc", t.rustc}, {"identity", t.identity}});
    }
    j["run"] = {{"id", run.run_id},
                {"shard", {{"index", run.shard.index}, {"count", run.shard.count}}},
                {"sandbox", run.sandboxed ? "bubblewrap" : "none (--no-sandbox-i-trust-these-articles)"}};
    j["registry"] = {{"kind", "directory"}, {"path", run.registry}, {"crates", run.registry_crates}};
    std::map<std::string, int> by_verdict;
    for (const auto& v : all_verdicts()) {
        by_verdict[std::string(v.id)] = 0;
    }
    for (const Entry& e : run.entries()) {
        by_verdict[std::string(to_string(e.result.verdict))]++;
    }
    j["summary"] = {{"total", run.size()}, {"by_verdict", by_verdict}, {"duration_ms", run.duration_ms}};
    j["articles"] = nlohmann::json::array();
    j["snippets"] = nlohmann::json::array();
    for (const auto& a : run.articles) {
        nlohmann::json ids = nlohmann::json::array();
        for (const Entry& e : a.entries) {
            ids.push_back(e.snippet.id);
            auto s = to_json(e.snippet, e.result);
            s["meets_policy"] = e.outcome.meets;
            s["expected"] = e.outcome.expected;
            j["snippets"].push_back(std::move(s));
        }
        j["articles"].push_back({{"path", a.path}, {"snippets", std::move(ids)}});
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
    if (j.contains("run")) {
        const auto& r = j["run"];
        if (!r.is_object() || !r.contains("id") || !r["id"].is_string() || !r.contains("shard") ||
            !r["shard"].is_object() || !r["shard"].contains("index") || !r["shard"].contains("count") ||
            !r["shard"]["index"].is_number_integer() || !r["shard"]["count"].is_number_integer()) {
            return "`run` is not {id, shard: {index, count}}";
        }
        int k = r["shard"]["index"];
        int n = r["shard"]["count"];
        if (n < 1 || k < 1 || k > n) {
            return fmt::format("`run.shard` {}/{} is not K/N with 1 <= K <= N", k, n);
        }
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
    // Reports without `run` (older ones) are whole runs of an unknown identity.
    auto about = j.value("run", nlohmann::json::object());
    run.run_id = about.value("id", "");
    auto shard = about.value("shard", nlohmann::json::object());
    run.shard = {shard.value("index", 1), shard.value("count", 1)};
    run.sandboxed = about.value("sandbox", "bubblewrap") == "bubblewrap";
    std::map<std::string, std::size_t> article_at;
    for (const auto& a : j.value("articles", nlohmann::json::array())) {
        article_at.emplace(a.value("path", ""), run.articles.size());
        run.articles.push_back({a.value("path", ""), {}});
    }
    for (const auto& s : j["snippets"]) {
        // Reports without a policy decision (older ones): compiles and skipped met it.
        std::string v = s.value("verdict", "");
        Entry e{snippet_from_json(s), result_from_json(s),
                {s.value("meets_policy", v == "compiles" || v == "skipped"), s.value("expected", "")}};
        auto [at, fresh] = article_at.emplace(e.snippet.article, run.articles.size());
        if (fresh) {
            run.articles.push_back({e.snippet.article, {}});
        }
        run.articles[at->second].entries.push_back(std::move(e));
    }
    return run;
}

}  // namespace

Expected<CheckRun> read_json_report(const std::string& path) {
    auto text = read_whole_file(path);
    if (!text) {
        return Error{fmt::format("{}: cannot read the report", path)};
    }
    auto j = nlohmann::json::parse(*text, nullptr, false);
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
    std::vector<const Entry*> all;
    std::set<std::string> seen;
    for (const auto& r : runs) {
        if (out.toolchains.empty()) {
            out.toolchains = r.toolchains;
            out.registry = r.registry;
            out.registry_crates = r.registry_crates;
            out.run_id = r.run_id;
        }
        out.sandboxed = out.sandboxed && r.sandboxed;
        out.duration_ms += r.duration_ms;
        for (const Entry& e : r.entries()) {
            if (seen.insert(e.snippet.id + "\n" + e.snippet.article).second) {
                all.push_back(&e);
            }
        }
    }
    std::stable_sort(all.begin(), all.end(), [](const Entry* a, const Entry* b) {
        const Snippet& x = a->snippet;
        const Snippet& y = b->snippet;
        return x.article != y.article ? x.article < y.article : x.start_line < y.start_line;
    });
    for (const Entry* e : all) {
        out.add(*e);
    }
    return out;
}

std::string shard_set_problem(const std::vector<CheckRun>& runs, const std::vector<std::string>& paths) {
    if (runs.empty()) {
        return "no reports to merge";
    }
    auto name = [&](std::size_t i) { return i < paths.size() ? paths[i] : fmt::format("report {}", i + 1); };
    auto shard_of = [&](std::size_t i) { return fmt::format("{}/{}", runs[i].shard.index, runs[i].shard.count); };
    const CheckRun& first = runs.front();
    for (std::size_t i = 1; i < runs.size(); ++i) {
        if (runs[i].run_id == first.run_id && runs[i].shard.count != first.shard.count) {
            return fmt::format("{} is shard {} but {} is shard {}: the shards of one run are K/N with one N", name(i),
                               shard_of(i), name(0), shard_of(0));
        }
        if (runs[i].run_id != first.run_id) {
            return fmt::format("{} (shard {}, run {}) is not from the run of {} (shard {}, run {}): every shard must "
                               "check the same articles with the same snipcheck, profile and toolchains",
                               name(i), shard_of(i), runs[i].run_id.empty() ? "unknown" : runs[i].run_id, name(0),
                               shard_of(0), first.run_id.empty() ? "unknown" : first.run_id);
        }
    }
    std::map<int, std::size_t> seen;
    for (std::size_t i = 0; i < runs.size(); ++i) {
        auto [it, fresh] = seen.emplace(runs[i].shard.index, i);
        if (!fresh) {
            return fmt::format("shard {} of run {} is there twice: {} and {}", shard_of(i), first.run_id, name(it->second),
                               name(i));
        }
    }
    std::vector<std::string> missing;
    for (int k = 1; k <= first.shard.count; ++k) {
        if (!seen.contains(k)) {
            missing.push_back(fmt::format("{}/{}", k, first.shard.count));
        }
    }
    if (!missing.empty()) {
        return fmt::format("shard{} {} of run {} {} missing: {} of {} shard reports arrived", missing.size() > 1 ? "s" : "",
                           fmt::join(missing, ", "), first.run_id, missing.size() > 1 ? "are" : "is", runs.size(),
                           first.shard.count);
    }
    return "";
}

}  // namespace snipcheck
