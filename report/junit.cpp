#include "report/junit.hpp"

#include <fmt/format.h>

#include "report/text_util.hpp"

namespace snipcheck {

std::string junit_report(const CheckRun& run) {
    int failures = 0;
    int skipped = 0;
    for (std::size_t i = 0; i < run.snippets.size(); ++i) {
        failures += !run.outcomes[i].meets;
        skipped += run.outcomes[i].meets && run.results[i].verdict == Verdict::Skipped;
    }
    std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    out += fmt::format("<testsuites name=\"snipcheck\" tests=\"{}\" failures=\"{}\" errors=\"0\" skipped=\"{}\" time=\"{:.3f}\">\n",
                       run.snippets.size(), failures, skipped, run.duration_ms / 1000.0);
    for (const auto& article : run.articles) {
        std::string cases;
        int n = 0;
        int f = 0;
        int sk = 0;
        double time = 0;
        for (std::size_t i = 0; i < run.snippets.size(); ++i) {
            const auto& s = run.snippets[i];
            if (s.article != article) {
                continue;
            }
            const auto& r = run.results[i];
            ++n;
            time += r.duration_ms / 1000.0;
            cases += fmt::format("    <testcase classname=\"{}\" name=\"{}\" time=\"{:.3f}\"", xml_escape(article),
                                 xml_escape(fmt::format("{} ({}, lines {}-{})", s.id, s.language, s.start_line, s.end_line)),
                                 r.duration_ms / 1000.0);
            if (!run.outcomes[i].meets) {
                ++f;
                std::string body = fmt::format("{}:{}: {}: {}\nexpected: {}\n", s.article, s.start_line,
                                               verdict_label(r), verdict_reason(r), run.outcomes[i].expected);
                int shown = 0;
                for (const auto& e : r.evidence) {
                    if ((e.level == "error" || e.level == "warning") && shown++ < 5) {
                        body += fmt::format("{}:{}: {} {}{}\n", s.article, e.line ? e.line : s.start_line, e.level,
                                            e.code.empty() ? "" : "[" + e.code + "] ", e.message);
                    }
                }
                cases += fmt::format(">\n      <failure type=\"{}\" message=\"{}\">{}</failure>\n    </testcase>\n",
                                     xml_escape(std::string(to_string(r.verdict))),
                                     xml_escape(verdict_label(r) + ": " + verdict_reason(r)), xml_escape(body));
            } else if (r.verdict == Verdict::Skipped) {
                ++sk;
                cases += fmt::format(">\n      <skipped message=\"{}\"/>\n    </testcase>\n", xml_escape(verdict_label(r)));
            } else {
                cases += "/>\n";
            }
        }
        out += fmt::format("  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"0\" skipped=\"{}\" time=\"{:.3f}\">\n",
                           xml_escape(article), n, f, sk, time);
        out += cases;
        out += "  </testsuite>\n";
    }
    out += "</testsuites>\n";
    return out;
}

}  // namespace snipcheck
