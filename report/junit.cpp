#include "report/junit.hpp"

#include <fmt/format.h>

#include "report/text_util.hpp"

namespace snipcheck {

namespace {

// One snippet as a <testcase>: a failure when it does not meet the policy, skipped when it
// was not checked.
std::string testcase(const std::string& article, const Entry& e) {
    const auto& s = e.snippet;
    const auto& r = e.result;
    std::string out = fmt::format("    <testcase classname=\"{}\" name=\"{}\" time=\"{:.3f}\"", xml_escape(article),
                                  xml_escape(fmt::format("{} ({}, lines {}-{})", s.id, s.language, s.start_line, s.end_line)),
                                  r.duration_ms / 1000.0);
    if (!e.outcome.meets) {
        std::string body = fmt::format("{}:{}: {}: {}\nexpected: {}\n", s.article, s.start_line, verdict_label(r),
                                       verdict_reason(r), e.outcome.expected);
        int shown = 0;
        for (const auto& ev : r.evidence) {
            if ((ev.level == "error" || ev.level == "warning") && shown++ < 5) {
                body += fmt::format("{}:{}: {} {}{}\n", s.article, ev.line ? ev.line : s.start_line, ev.level,
                                    ev.code.empty() ? "" : "[" + ev.code + "] ", ev.message);
            }
        }
        return out + fmt::format(">\n      <failure type=\"{}\" message=\"{}\">{}</failure>\n    </testcase>\n",
                                 xml_escape(std::string(to_string(r.verdict))),
                                 xml_escape(verdict_label(r) + ": " + verdict_reason(r)), xml_escape(body));
    }
    if (r.verdict == Verdict::Skipped) {
        return out + fmt::format(">\n      <skipped message=\"{}\"/>\n    </testcase>\n", xml_escape(verdict_label(r)));
    }
    return out + "/>\n";
}

}  // namespace

std::string junit_report(const CheckRun& run) {
    int failures = 0;
    int skipped = 0;
    for (const Entry& e : run.entries()) {
        failures += !e.outcome.meets;
        skipped += e.outcome.meets && e.result.verdict == Verdict::Skipped;
    }
    std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    out += fmt::format("<testsuites name=\"snipcheck\" tests=\"{}\" failures=\"{}\" errors=\"0\" skipped=\"{}\" time=\"{:.3f}\">\n",
                       run.size(), failures, skipped, run.duration_ms / 1000.0);
    for (const auto& article : run.articles) {
        std::string cases;
        int f = 0;
        int sk = 0;
        double time = 0;
        for (const Entry& e : article.entries) {
            time += e.result.duration_ms / 1000.0;
            f += !e.outcome.meets;
            sk += e.outcome.meets && e.result.verdict == Verdict::Skipped;
            cases += testcase(article.path, e);
        }
        out += fmt::format("  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"0\" skipped=\"{}\" time=\"{:.3f}\">\n",
                           xml_escape(article.path), article.entries.size(), f, sk, time);
        out += cases;
        out += "  </testsuite>\n";
    }
    out += "</testsuites>\n";
    return out;
}

}  // namespace snipcheck
