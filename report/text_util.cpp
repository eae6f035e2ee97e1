#include "report/text_util.hpp"

#include <fmt/format.h>

namespace snipcheck {

std::string verdict_label(const CheckResult& r) {
    return r.subkind.empty() ? std::string(to_string(r.verdict))
                             : fmt::format("{} ({})", to_string(r.verdict), r.subkind);
}

std::string verdict_reason(const CheckResult& r) {
    for (const auto& f : r.findings) {
        if (f.verdict == r.verdict && f.subkind == r.subkind) {
            return f.message;
        }
    }
    for (const auto& f : r.findings) {
        if (f.verdict == r.verdict) {
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

namespace {

// The code point that starts at s[i] and its length; an invalid or truncated sequence,
// an overlong form, a surrogate or a value past U+10FFFF reads as U+FFFD of length 1.
std::pair<char32_t, std::size_t> decode_utf8(const std::string& s, std::size_t i) {
    auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
    unsigned char c = byte(i);
    if (c < 0x80) {
        return {c, 1};
    }
    std::size_t n = c >= 0xF0 && c <= 0xF4 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 && c <= 0xDF ? 2 : 0;
    if (n == 0 || (c >= 0xF5) || i + n > s.size()) {
        return {0xFFFD, 1};
    }
    char32_t cp = c & (0xFF >> (n + 1));
    for (std::size_t k = 1; k < n; ++k) {
        if ((byte(i + k) & 0xC0) != 0x80) {
            return {0xFFFD, 1};
        }
        cp = (cp << 6) | (byte(i + k) & 0x3F);
    }
    static constexpr char32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < kMin[n] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
        return {0xFFFD, 1};
    }
    return {cp, n};
}

// XML 1.0's Char production.
bool xml_char(char32_t c) {
    return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD) ||
           (c >= 0x10000 && c <= 0x10FFFF);
}

}  // namespace

std::string xml_escape(const std::string& s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size();) {
        auto [cp, n] = decode_utf8(s, i);
        switch (cp) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&apos;"; break;
            default:
                if (cp == 0xFFFD && n == 1) {
                    out += "\xEF\xBF\xBD";  // not UTF-8: the replacement character
                } else if (!xml_char(cp)) {
                    out += ' ';  // not allowed in XML 1.0
                } else {
                    out.append(s, i, n);
                }
        }
        i += n;
    }
    return out;
}

std::string terminal_safe(const std::string& s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        auto c = static_cast<unsigned char>(s[i]);
        if (c == '\n' || c == '\r') {
            out += ' ';
        } else if ((c < 0x20 && c != '\t') || c == 0x7F) {
            out += '^';
            out += static_cast<char>(c ^ 0x40);  // ESC -> ^[, BEL -> ^G, DEL -> ^?
        } else if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) >= 0x80 &&
                   static_cast<unsigned char>(s[i + 1]) <= 0x9F) {
            out += fmt::format("<U+{:04X}>", static_cast<unsigned char>(s[i + 1]));  // C1 controls (CSI is U+009B)
            ++i;
        } else {
            out += static_cast<char>(c);
        }
    }
    return out;
}

std::string cut_at_char(const std::string& s, std::size_t max_bytes, const std::string& ellipsis) {
    if (s.size() <= max_bytes) {
        return s;
    }
    std::size_t end = max_bytes > ellipsis.size() ? max_bytes - ellipsis.size() : 0;
    while (end > 0 && (static_cast<unsigned char>(s[end]) & 0xC0) == 0x80) {
        --end;  // never inside a UTF-8 sequence
    }
    return s.substr(0, end) + ellipsis;
}

std::string fix_note(const CheckResult& r) {
    if (!r.fix) {
        return "";
    }
    const Fix& f = *r.fix;
    std::string edits = fmt::format("{} edit{}", f.edits, f.edits == 1 ? "" : "s");
    if (!f.verified) {
        return fmt::format("no verified fix ({} tried, the snippet still fails)", edits);
    }
    std::string sources;
    for (const auto& src : f.sources) {
        sources += (sources.empty() ? "" : ", ") + src;
    }
    std::string outcome = f.outcome == "incomplete"
                              ? fmt::format("still incomplete, only names defined nowhere left ({} -> {} errors)",
                                            f.errors_before, f.errors_after)
                              : f.outcome;
    return fmt::format("fix verified: {} ({}), {} after {} round{}", edits, sources, outcome, f.rounds,
                       f.rounds == 1 ? "" : "s");
}

}  // namespace snipcheck
