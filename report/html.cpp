#include "report/html.hpp"

#include <fmt/format.h>

#include <cctype>
#include <map>
#include <set>
#include <sstream>

#include "extractor/sha256.hpp"
#include "report/text_util.hpp"

namespace snipcheck {

namespace {

// Text and attribute values: xml_escape escapes & < > " ' and replaces what is not UTF-8.
std::string esc(const std::string& s) { return xml_escape(s); }

constexpr const char* kStyle = R"CSS(
:root{--ok:#2e7d32;--meh:#8d6e00;--bad:#c62828;font-family:system-ui,sans-serif;color:#222;background:#fafafa}
body{margin:0 auto;max-width:1100px;padding:1em}
h1{margin:.2em 0}h2{font-size:1.1em;margin:1.5em 0 .5em;word-break:break-all}
.run{color:#555}.run b{color:#222}
nav{position:sticky;top:0;background:#fafafa;padding:.5em 0;border-bottom:1px solid #ddd;z-index:1}
nav button{font:inherit;margin:.1em;padding:.2em .6em;border:1px solid #bbb;border-radius:1em;background:#fff;cursor:pointer}
nav button[aria-pressed=true]{background:#333;color:#fff}
.chart{display:grid;grid-template-columns:minmax(8em,22em) 1fr 4em;gap:.25em .6em;align-items:center;font-size:.9em}
.chart .name{overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.bar{display:flex;height:1em;background:#eee;border-radius:3px;overflow:hidden}
.block{border:1px solid #ddd;border-left:6px solid #999;border-radius:4px;margin:.8em 0;background:#fff}
.block .head{padding:.4em .6em;display:flex;gap:.6em;flex-wrap:wrap;align-items:baseline;border-bottom:1px solid #eee}
.verdict{font-weight:bold;padding:0 .4em;border-radius:3px;color:#fff}
.policy{font-size:.85em}.policy.fails{color:var(--bad);font-weight:bold}.policy.meets{color:var(--ok)}
.meta{color:#666;font-size:.85em}.reason{flex-basis:100%;font-size:.92em}
table.code{border-collapse:collapse;width:100%;font:13px/1.4 ui-monospace,monospace}
table.code td{padding:0 .6em;vertical-align:top;white-space:pre-wrap;word-break:break-all}
td.ln{color:#999;text-align:right;user-select:none;width:3.5em;border-right:1px solid #eee}
tr.hit td.ln{color:var(--bad);font-weight:bold}tr.hit td.src{background:#fff3f3}
tr.diag td{padding:.2em .6em .4em}
.ev{margin:.3em 0;font-size:.88em}.ev .who{color:#666}
pre.rendered{margin:.2em 0;padding:.4em .6em;background:#1e1e1e;color:#ddd;border-radius:3px;overflow-x:auto;font:12px/1.35 ui-monospace,monospace;white-space:pre}
.evidence{padding:.3em .6em;border-top:1px solid #eee}
.fix{padding:.3em .6em;border-top:1px solid #eee}.fix.verified .fixnote{color:#1a7f37;font-weight:bold}
.diff{background:#f6f8fa;padding:.4em;overflow-x:auto}
.a1{font-weight:bold}.a31{color:#ff6b6b}.a32{color:#7bd88f}.a33{color:#ffd866}.a34{color:#78a6ff}.a35{color:#d08cff}.a36{color:#5ad4e6}.a37{color:#eee}
.v-compiles{background:#2e7d32}.v-outdated-api{background:#e65100}.v-speculative-syntax{background:#6a1b9a}
.v-missing-dependency{background:#1565c0}.v-incomplete{background:#8d6e00}.v-error{background:#c62828}
.v-skipped{background:#757575}.v-harness-error{background:#37474f}
.block.b-compiles{border-left-color:#2e7d32}.block.b-outdated-api{border-left-color:#e65100}.block.b-speculative-syntax{border-left-color:#6a1b9a}
.block.b-missing-dependency{border-left-color:#1565c0}.block.b-incomplete{border-left-color:#8d6e00}.block.b-error{border-left-color:#c62828}
.block.b-skipped{border-left-color:#757575}.block.b-harness-error{border-left-color:#37474f}
[hidden]{display:none!important}
)CSS";

// The filter: buttons and `?filter=X`; `?selftest=1` clicks every button and writes what it
// saw into #selftest, for the browser test.
constexpr const char* kScript = R"JS(
(function () {
  "use strict";
  var blocks = Array.prototype.slice.call(document.querySelectorAll("article.block"));
  var sections = Array.prototype.slice.call(document.querySelectorAll("section.article"));
  var buttons = Array.prototype.slice.call(document.querySelectorAll("nav button[data-filter]"));
  function shows(b, f) {
    if (f === "all") { return true; }
    if (f === "fails") { return b.getAttribute("data-meets") === "no"; }
    return b.getAttribute("data-verdict") === f;
  }
  function apply(f) {
    if (!buttons.some(function (x) { return x.getAttribute("data-filter") === f; })) { f = "all"; }
    var shown = 0;
    blocks.forEach(function (b) { b.hidden = !shows(b, f); shown += b.hidden ? 0 : 1; });
    sections.forEach(function (s) {
      var mine = s.querySelectorAll("article.block");
      s.hidden = mine.length > 0 && s.querySelectorAll("article.block:not([hidden])").length === 0;
    });
    buttons.forEach(function (x) { x.setAttribute("aria-pressed", x.getAttribute("data-filter") === f ? "true" : "false"); });
    document.body.setAttribute("data-filter", f);
    document.getElementById("shown").textContent = shown + " of " + blocks.length + " blocks shown";
    return f;
  }
  buttons.forEach(function (x) {
    x.addEventListener("click", function () {
      var f = apply(x.getAttribute("data-filter"));
      try { history.replaceState(null, "", "?filter=" + encodeURIComponent(f)); } catch (e) { /* file: URLs may refuse */ }
    });
  });
  var params = new URLSearchParams(location.search);
  var start = apply(params.get("filter") || "all");
  if (params.get("selftest") === "1") {
    var report = { blocks: blocks.length, filters: {}, ok: true };
    buttons.forEach(function (x) {
      x.click();
      var f = x.getAttribute("data-filter"), bad = 0, shown = 0;
      blocks.forEach(function (b) { if (b.hidden === shows(b, f)) { bad++; } if (!b.hidden) { shown++; } });
      report.filters[f] = { shown: shown, wrong: bad };
      if (bad > 0 || (f !== "all" && shown === 0)) { report.ok = false; }
    });
    apply(start);
    document.getElementById("selftest").textContent = JSON.stringify(report);
  }
})();
)JS";

// Base64 of the SHA-256 of `text`: the hash a Content-Security-Policy names a script by.
std::string csp_hash(const std::string& text) {
    std::string hex = sha256_hex(text);
    std::string bytes;
    for (std::size_t i = 0; i + 1 < hex.size(); i += 2) {
        bytes += static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16));
    }
    static constexpr char kB64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    for (std::size_t i = 0; i < bytes.size(); i += 3) {
        unsigned v = static_cast<unsigned char>(bytes[i]) << 16;
        v |= i + 1 < bytes.size() ? static_cast<unsigned char>(bytes[i + 1]) << 8 : 0;
        v |= i + 2 < bytes.size() ? static_cast<unsigned char>(bytes[i + 2]) : 0;
        out += kB64[(v >> 18) & 63];
        out += kB64[(v >> 12) & 63];
        out += i + 1 < bytes.size() ? kB64[(v >> 6) & 63] : '=';
        out += i + 2 < bytes.size() ? kB64[v & 63] : '=';
    }
    return out;
}

std::vector<std::string> split_lines(const std::string& code) {
    std::vector<std::string> lines;
    std::istringstream in(code);
    for (std::string l; std::getline(in, l);) {
        lines.push_back(l);
    }
    return lines;
}

std::string evidence_html(const Evidence& e, bool with_rendered) {
    std::string who = e.toolchain + (e.edition.empty() ? "" : " " + e.edition);
    std::string out = fmt::format(R"(<div class="ev lvl-{}"><span class="who">[{}]</span> {}{}{})", esc(e.level),
                                  esc(who), esc(e.level), e.code.empty() ? "" : " [" + esc(e.code) + "]",
                                  e.message.empty() ? "" : ": " + esc(e.message));
    if (with_rendered && !e.rendered.empty()) {
        out += "<pre class=\"rendered\">" + ansi_to_html(e.rendered) + "</pre>";
    }
    return out + "</div>";
}

std::string block_html(const Snippet& s, const CheckResult& r, const PolicyOutcome& o, std::size_t index) {
    std::string verdict(to_string(r.verdict));
    std::string out = fmt::format(
        R"(<article class="block b-{v}" id="b{i}" data-verdict="{v}" data-meets="{m}" data-id="{id}">)"
        R"(<div class="head"><span class="verdict v-{v}">{v}</span>{sub}<span class="policy {mc}">{mt}</span>)"
        R"(<span class="meta">lines {a}&ndash;{b} &middot; {lang}{info}</span><div class="reason">{reason}</div></div>)",
        fmt::arg("v", esc(verdict)), fmt::arg("i", index), fmt::arg("m", o.meets ? "yes" : "no"), fmt::arg("id", esc(s.id)),
        fmt::arg("sub", r.subkind.empty() ? "" : "<span class=\"subkind\">" + esc(r.subkind) + "</span>"),
        fmt::arg("mc", o.meets ? "meets" : "fails"),
        fmt::arg("mt", o.meets ? "meets the policy" : "fails the policy (expected " + esc(o.expected) + ")"),
        fmt::arg("a", s.start_line), fmt::arg("b", s.end_line), fmt::arg("lang", esc(s.language)),
        fmt::arg("info", s.info.empty() ? "" : " &middot; <code>" + esc(s.info) + "</code>"),
        fmt::arg("reason", r.verdict == Verdict::Compiles ? "" : esc(verdict_reason(r))));
    // Evidence at a line of the block goes under that line; the rest below the code.
    std::map<int, std::vector<const Evidence*>> at_line;
    std::vector<const Evidence*> rest;
    for (const auto& e : r.evidence) {
        (e.line >= s.start_line && e.line <= s.end_line ? at_line[e.line] : rest).push_back(&e);
    }
    std::set<std::string> shown_rendered;  // several attempts often render the same diagnostic
    auto render = [&](const Evidence* e) {
        bool fresh = !e->rendered.empty() && shown_rendered.insert(e->rendered).second;
        return evidence_html(*e, fresh);
    };
    out += "<table class=\"code\">";
    auto lines = split_lines(s.code);
    for (std::size_t k = 0; k < lines.size(); ++k) {
        int line = s.start_line + static_cast<int>(k);
        auto it = at_line.find(line);
        out += fmt::format(R"(<tr{}><td class="ln">{}</td><td class="src">{}</td></tr>)",
                           it == at_line.end() ? "" : " class=\"hit\"", line, esc(lines[k]));
        if (it != at_line.end()) {
            out += "<tr class=\"diag\"><td></td><td>";
            for (const Evidence* e : it->second) {
                out += render(e);
            }
            out += "</td></tr>";
        }
    }
    out += "</table>";
    if (r.fix) {
        out += fmt::format(R"(<div class="fix {}"><span class="fixnote">{}</span>{}</div>)",
                           r.fix->verified ? "verified" : "unverified", esc(fix_note(r)),
                           r.fix->diff.empty() ? "" : "<pre class=\"diff\">" + esc(r.fix->diff) + "</pre>");
    }
    if (!rest.empty()) {
        out += "<div class=\"evidence\">";
        for (const Evidence* e : rest) {
            out += render(e);
        }
        out += "</div>";
    }
    return out + "</article>\n";
}

std::string chart_html(const CheckRun& run) {
    std::string out = "<div class=\"chart\" role=\"img\" aria-label=\"verdicts per article\">";
    for (const auto& article : run.articles) {
        std::map<Verdict, int> counts;
        for (const Entry& e : article.entries) {
            counts[e.result.verdict]++;
        }
        int total = 0;
        std::string bar;
        for (const auto& v : all_verdicts()) {
            if (int n = counts[v.verdict]; n > 0) {
                total += n;
                bar += fmt::format(R"(<span class="v-{0}" style="flex-grow:{1}" title="{0}: {1}"></span>)",
                                   esc(std::string(v.id)), n);
            }
        }
        out += fmt::format(R"(<span class="name" title="{0}">{0}</span><div class="bar">{1}</div><span>{2}</span>)",
                           esc(article.path), bar, total);
    }
    return out + "</div>";
}

// The page's head and the run's header: counts, toolchains, crates, the chart.
std::string page_head(const CheckRun& run, int failing) {
    std::string out = fmt::format(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
        "script-src 'sha256-{}'; img-src data:; base-uri 'none'; form-action 'none'\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        "<title>snipcheck report</title><style>{}</style></head>\n<body>\n",
        csp_hash(kScript), kStyle);
    std::vector<std::string> toolchains;
    for (const auto& t : run.toolchains) {
        toolchains.push_back(esc(t.name + " " + t.rustc));
    }
    out += fmt::format(
        "<header><h1>snipcheck</h1><p class=\"run\"><b>{}</b> snippets in <b>{}</b> articles; <b>{}</b> {} not meet "
        "the policy. {:.1f} s; toolchains: {}; crates: {} ({}).</p>\n",
        run.size(), run.articles.size(), failing, failing == 1 ? "does" : "do", run.duration_ms / 1000.0,
        toolchains.empty() ? "none" : fmt::format("{}", fmt::join(toolchains, ", ")), run.registry_crates,
        esc(run.registry));
    return out + chart_html(run) + "</header>\n";
}

}  // namespace

std::string ansi_to_html(const std::string& text) {
    std::string out;
    int open = 0;
    std::size_t i = 0;
    std::string plain;
    auto flush = [&] {
        out += esc(plain);
        plain.clear();
    };
    while (i < text.size()) {
        if (text[i] != '\x1b') {
            plain += text[i++];
            continue;
        }
        flush();
        if (i + 1 < text.size() && text[i + 1] == '[') {
            std::size_t j = i + 2;
            while (j < text.size() && (std::isdigit(static_cast<unsigned char>(text[j])) || text[j] == ';')) {
                ++j;
            }
            if (j < text.size() && text[j] == 'm') {
                std::vector<std::string> params;
                std::istringstream in(text.substr(i + 2, j - i - 2));
                for (std::string p; std::getline(in, p, ';');) {
                    params.push_back(p);
                }
                if (params.empty()) {
                    params.push_back("0");  // ESC[m is a reset
                }
                for (const auto& p : params) {
                    int n = p.empty() ? 0 : std::stoi(p.substr(0, 3));
                    if (n == 0) {
                        for (; open > 0; --open) {
                            out += "</span>";
                        }
                    } else if (n == 1 || (n >= 30 && n <= 37) || (n >= 90 && n <= 97)) {
                        out += fmt::format("<span class=\"a{}\">", n >= 90 ? n - 60 : n);
                        ++open;
                    }
                }
            }
            // Any other CSI sequence: dropped up to its final byte.
            while (j < text.size() && !(text[j] >= 0x40 && text[j] <= 0x7E)) {
                ++j;
            }
            i = j + 1;
        } else {
            i += 2;  // a lone ESC and the byte after it
        }
    }
    flush();
    for (; open > 0; --open) {
        out += "</span>";
    }
    return out;
}

std::string html_report(const CheckRun& run) {
    std::map<Verdict, int> totals;
    int failing = 0;
    for (const Entry& e : run.entries()) {
        totals[e.result.verdict]++;
        failing += !e.outcome.meets;
    }
    std::string out = page_head(run, failing);
    out += fmt::format("<nav aria-label=\"filter by verdict\"><button data-filter=\"all\">all ({})</button>"
                       "<button data-filter=\"fails\">fails the policy ({})</button>",
                       run.size(), failing);
    for (const auto& v : all_verdicts()) {
        if (totals[v.verdict] > 0) {
            out += fmt::format(R"(<button data-filter="{0}">{0} ({1})</button>)", esc(std::string(v.id)),
                               totals[v.verdict]);
        }
    }
    out += " <span id=\"shown\" class=\"meta\"></span></nav>\n<main>\n";
    std::size_t index = 0;
    for (const auto& article : run.articles) {
        out += fmt::format("<section class=\"article\" data-article=\"{0}\"><h2>{0}</h2>\n", esc(article.path));
        for (const Entry& e : article.entries) {
            out += block_html(e.snippet, e.result, e.outcome, index++);
        }
        out += !article.entries.empty() ? "</section>\n" : "<p class=\"meta\">no snippets</p></section>\n";
    }
    out += "</main>\n<pre id=\"selftest\" hidden></pre>\n<script>" + std::string(kScript) + "</script>\n</body></html>\n";
    return out;
}

}  // namespace snipcheck
