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

// `s` with each byte of `special` written as %XX.
std::string percent_escape(const std::string& s, std::string_view special) {
    std::string out;
    for (char c : s) {
        if (special.find(c) != std::string_view::npos) {
            out += fmt::format("%{:02X}", static_cast<unsigned char>(c));
        } else {
            out += c;
        }
    }
    return out;
}

// Message data: %, CR and LF are escaped. Property values also escape : and ,.
std::string escape_data(const std::string& s) { return percent_escape(terminal_safe_keeping_lines(s), "%\r\n"); }

std::string escape_property(const std::string& s) { return percent_escape(escape_data(s), ":,"); }

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
