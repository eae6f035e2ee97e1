#include "extractor/markdown.hpp"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

#include <algorithm>
#include <memory>

#include "extractor/static_site.hpp"

namespace snipcheck {

namespace {

// Front matter (--- YAML --- or +++ TOML +++) is blanked, not removed, so lines keep numbers.
std::string blank_front_matter(std::string_view text) {
    std::string out(text);
    for (std::string_view fence : {"---\n", "+++\n"}) {
        if (!text.starts_with(fence)) {
            continue;
        }
        std::string closing = "\n" + std::string(fence.substr(0, 3));
        std::size_t end = text.find(closing, 3);
        if (end == std::string_view::npos) {
            return out;
        }
        end += closing.size();
        for (std::size_t i = 0; i < end && i < out.size(); ++i) {
            if (out[i] != '\n') {
                out[i] = ' ';
            }
        }
    }
    return out;
}

// Where each line starts: a block's closing fence is found in constant time, however many
// blocks came before it.
std::vector<std::size_t> line_starts(std::string_view text) {
    std::vector<std::size_t> starts{0};
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\n') {
            starts.push_back(i + 1);
        }
    }
    return starts;
}

std::string_view line_at(std::string_view text, const std::vector<std::size_t>& starts, int line) {
    if (line < 1 || static_cast<std::size_t>(line) > starts.size()) {
        return {};
    }
    std::size_t pos = starts[line - 1];
    std::size_t end = static_cast<std::size_t>(line) < starts.size() ? starts[line] - 1 : text.size();
    return text.substr(pos, end - pos);
}

bool is_closing_fence(std::string_view line, char fence_char, int fence_length) {
    std::size_t i = 0;
    while (i < line.size() && (line[i] == ' ' || line[i] == '>' || line[i] == '\t')) {
        ++i;
    }
    int count = 0;
    while (i < line.size() && line[i] == fence_char) {
        ++count;
        ++i;
    }
    return count >= fence_length;
}

std::string expectation_from_html(cmark_node* node) {
    if (node == nullptr || cmark_node_get_type(node) != CMARK_NODE_HTML_BLOCK) {
        return "";
    }
    std::string_view html = cmark_node_get_literal(node) ? cmark_node_get_literal(node) : "";
    constexpr std::string_view kTag = "snipcheck:";
    std::size_t at = html.find(kTag);
    if (!html.starts_with("<!--") || at == std::string_view::npos) {
        return "";
    }
    std::string_view rest = html.substr(at + kTag.size());
    std::size_t close = rest.find("-->");
    rest = rest.substr(0, close);
    std::string out;
    for (char c : rest) {
        if (c != '\n') {
            out.push_back(c);
        }
    }
    std::size_t b = out.find_first_not_of(' ');
    std::size_t e = out.find_last_not_of(' ');
    out = b == std::string::npos ? "" : out.substr(b, e - b + 1);
    if (out.starts_with("expect ")) {
        out = out.substr(7);  // `snipcheck: expect nightly` -> "nightly"
    }
    return out;
}

struct ParserDeleter {
    void operator()(cmark_parser* p) const { cmark_parser_free(p); }
};
struct NodeDeleter {
    void operator()(cmark_node* n) const { cmark_node_free(n); }
};
struct IterDeleter {
    void operator()(cmark_iter* i) const { cmark_iter_free(i); }
};

}  // namespace

Blocks parse_markdown_blocks(std::string_view original) {
    // Hugo and Jekyll highlight blocks are taken out first: cmark would read them as prose.
    ShortcodeBlocks shortcodes = take_highlight_blocks(blank_front_matter(original));
    std::string text = std::move(shortcodes.text);
    cmark_gfm_core_extensions_ensure_registered();
    std::unique_ptr<cmark_parser, ParserDeleter> parser(cmark_parser_new(CMARK_OPT_DEFAULT));
    for (const char* name : {"table", "strikethrough", "autolink", "tasklist"}) {
        if (cmark_syntax_extension* ext = cmark_find_syntax_extension(name)) {
            cmark_parser_attach_syntax_extension(parser.get(), ext);
        }
    }
    cmark_parser_feed(parser.get(), text.data(), text.size());
    std::unique_ptr<cmark_node, NodeDeleter> doc(cmark_parser_finish(parser.get()));

    Blocks out;
    const std::vector<std::size_t> starts = line_starts(text);
    std::unique_ptr<cmark_iter, IterDeleter> iter(cmark_iter_new(doc.get()));
    cmark_event_type ev;
    while ((ev = cmark_iter_next(iter.get())) != CMARK_EVENT_DONE) {
        cmark_node* node = cmark_iter_get_node(iter.get());
        if (ev != CMARK_EVENT_ENTER || cmark_node_get_type(node) != CMARK_NODE_CODE_BLOCK) {
            continue;
        }
        Block b;
        int fence_length = 0;
        int fence_offset = 0;
        char fence_char = 0;
        const bool fenced = cmark_node_get_fenced(node, &fence_length, &fence_offset, &fence_char) != 0;
        b.origin = fenced ? Origin::Fenced : Origin::Indented;
        const char* info = cmark_node_get_fence_info(node);
        b.info = info ? info : "";
        const char* literal = cmark_node_get_literal(node);
        b.code = literal ? literal : "";
        if (!b.code.empty() && b.code.back() == '\n') {
            b.code.pop_back();
        }
        int node_start = cmark_node_get_start_line(node);
        int node_end = cmark_node_get_end_line(node);
        b.start_line = fenced ? node_start + 1 : node_start;
        int content_lines = b.code.empty() ? 0 : 1 + static_cast<int>(std::count(b.code.begin(), b.code.end(), '\n'));
        b.end_line = b.start_line + content_lines - 1;
        b.expectation = expectation_from_html(cmark_node_previous(node));
        if (fenced && !is_closing_fence(line_at(text, starts, node_end), fence_char, fence_length)) {
            out.warnings.push_back({node_start, "code fence is never closed; the block runs to the end of the file"});
        } else if (fenced && node_end == node_start) {
            continue;  // the opening fence closed on its own line: nothing inside
        }
        if (content_lines == 0) {
            continue;
        }
        out.blocks.push_back(std::move(b));
    }
    if (!shortcodes.blocks.empty() || !shortcodes.warnings.empty()) {
        out.blocks.insert(out.blocks.end(), shortcodes.blocks.begin(), shortcodes.blocks.end());
        out.warnings.insert(out.warnings.end(), shortcodes.warnings.begin(), shortcodes.warnings.end());
        std::stable_sort(out.blocks.begin(), out.blocks.end(),
                         [](const Block& a, const Block& b) { return a.start_line < b.start_line; });
    }
    return out;
}

}  // namespace snipcheck
