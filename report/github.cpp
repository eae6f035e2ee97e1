#include "report/github.hpp"

#include <fmt/format.h>

#include "report/text_util.hpp"

namespace snipcheck {

namespace {

// Control characters other than line breaks in caret notation (the log viewer renders ANSI
// sequences); line breaks stay, escaped below.
std::string terminal_safe_keeping_lines(const std::string& s) {
    std::string out;
    std::size_t from = 0;
    for (std::size_t nl = s.find('\n'); ; nl = s.find('\n', from)) {
        out += terminal_safe(s.substr(from, nl == std::string::npos ? std::string::npos : nl - from));
        if (nl == std::string::npos) {
            break;
        }
        out += '\n';
        from = nl + 1;
    }
    return out;
}

// Message data: %, CR and LF are escaped. Property values also escape : and ,.
std::string escape_data(const std::string& s) {
    std::string out;
    for (char c : terminal_safe_keeping_lines(s)) {
        switch (c) {
            case '%': out += "%25"; break;
            case '\r': out += "%0D"; break;
            case '\n': out += "%0A"; break;
            default: out += c;
        }
    }
    return out;
}

std::string escape_property(const std::string& s) {
    std::string out;
    for (char c : escape_data(s)) {
        switch (c) {
            case ':': out += "%3A"; break;
            case ',': out += "%2C"; break;
            default: out += c;
        }
    }
    return out;
}

}  // namespace

std::string github_annotations(const CheckRun& run) {
    std::string out;
    for (const Entry& e : run.entries()) {
        if (e.outcome.meets) {
            continue;
        }
        const auto& s = e.snippet;
        const auto& r = e.result;
        std::string message = reason_with_diagnostic(s, r);
        if (std::string note = fix_note(r); !note.empty()) {
            message += "\n" + note + (r.fix->verified ? " (`snipcheck fix` writes it)" : "");
        }
        out += fmt::format("::{} file={},line={},endLine={},title={}::{}\n",
                           r.verdict == Verdict::OutdatedApi ? "warning" : "error", escape_property(s.article),
                           s.start_line, std::max(s.start_line, s.end_line),
                           escape_property("snipcheck: " + verdict_label(r)), escape_data(message));
    }
    return out;
}

}  // namespace snipcheck
