#include "report/explain.hpp"

#include <fmt/format.h>

#include <filesystem>
#include <set>

#include "report/text_util.hpp"

namespace snipcheck {

const Entry* find_snippet(const CheckRun& run, const std::string& which) {
    for (const Entry& e : run.entries()) {
        if (e.snippet.id == which) {
            return &e;
        }
    }
    std::size_t colon = which.rfind(':');
    if (colon == std::string::npos || colon + 1 == which.size() ||
        which.find_first_not_of("0123456789", colon + 1) != std::string::npos || which.size() - colon > 10) {
        return nullptr;
    }
    std::string article = which.substr(0, colon);
    int line = std::stoi(which.substr(colon + 1));
    auto same = [&](const std::string& a) {
        return a == article || a.ends_with("/" + article) || article.ends_with("/" + a) ||
               std::filesystem::path(a).lexically_normal() == std::filesystem::path(article).lexically_normal();
    };
    for (const Entry& e : run.entries()) {
        const Snippet& s = e.snippet;
        if (same(s.article) && line >= s.start_line && line <= std::max(s.start_line, s.end_line)) {
            return &e;
        }
    }
    return nullptr;
}

std::string explain_text(const Entry& e) {
    const Snippet& s = e.snippet;
    const CheckResult& r = e.result;
    std::string out = fmt::format("{} ({}:{}-{}, {}, {})\nverdict: {}{}\n", s.id, s.article, s.start_line, s.end_line,
                                  s.language, to_string(s.origin), to_string(r.verdict),
                                  r.subkind.empty() ? "" : " (" + r.subkind + ")");
    for (const auto& f : r.findings) {
        out += fmt::format("finding: {}{}: {}\n", to_string(f.verdict), f.subkind.empty() ? "" : "/" + f.subkind, f.message);
    }
    if (r.fix) {
        out += "\n--- fix ---\n" + fix_note(r) + "\n";
        out += r.fix->verified ? r.fix->diff : "edited code (does not compile):\n" + r.fix->code + "\n";
    }
    out += "\n--- wrapped source ---\n" + r.wrapped_source + "\n--- commands ---\n";
    for (const auto& c : r.commands) {
        out += c + "\n";
    }
    out += "\n--- diagnostics (article lines) ---\n";
    std::set<std::string> shown;
    for (const auto& ev : r.evidence) {
        out += fmt::format("[{} {}] {}:{}: {} {}{}\n", ev.toolchain, ev.edition, s.article, ev.line, ev.level,
                           ev.code.empty() ? "" : "[" + ev.code + "] ", ev.message);
        if (!ev.rendered.empty() && shown.insert(ev.rendered).second) {
            out += ev.rendered + (ev.rendered.ends_with("\n") ? "" : "\n");
        }
    }
    return out;
}

}  // namespace snipcheck
