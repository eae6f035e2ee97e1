#include "report/text_util.hpp"

#include <fmt/format.h>

namespace snipcheck {

std::string verdict_label(const CheckResult& r) {
    return r.subkind.empty() ? std::string(to_string(r.verdict))
                             : fmt::format("{} ({})", to_string(r.verdict), r.subkind);
}

std::string verdict_reason(const CheckResult& r) {
    for (const auto& f : r.findings) {
        if (f.verdict == to_string(r.verdict) && f.subkind == r.subkind) {
            return f.message;
        }
    }
    for (const auto& f : r.findings) {
        if (f.verdict == to_string(r.verdict)) {
            return f.message;
        }
    }
    return r.findings.empty() ? std::string(info(r.verdict).description) : r.findings.front().message;
}

std::string first_diagnostic(const Snippet& s, const CheckResult& r) {
    for (const char* level : {"error", "warning"}) {
        for (const auto& e : r.evidence) {
            if (e.level == level) {
                return fmt::format("{}:{}: {}{}", s.article, e.line ? e.line : s.start_line,
                                   e.code.empty() ? "" : "[" + e.code + "] ", e.message);
            }
        }
    }
    return "";
}

std::string reason_with_diagnostic(const Snippet& s, const CheckResult& r) {
    std::string d = first_diagnostic(s, r);
    return d.empty() ? verdict_reason(r) : verdict_reason(r) + "\n" + d;
}

std::string xml_escape(const std::string& s) {
    std::string out;
    out.reserve(s.size());
    for (unsigned char c : s) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&apos;"; break;
            default:
                if (c < 0x20 && c != '\n' && c != '\t' && c != '\r') {
                    out += ' ';  // not allowed in XML 1.0
                } else {
                    out += static_cast<char>(c);
                }
        }
    }
    return out;
}

}  // namespace snipcheck
