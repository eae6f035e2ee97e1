#include "extractor/html.hpp"

#include <gumbo.h>

#include <algorithm>
#include <memory>
#include <optional>
#include <utility>
#include <vector>
#include <string>

namespace snipcheck {

namespace {

std::string attribute(const GumboElement& el, const char* name) {
    const GumboAttribute* a = gumbo_get_attribute(&el.attributes, name);
    return a ? a->value : "";
}

// The language tag of a <pre> or its <code>: class="language-rust" / "lang-rust" /
// "highlight-rust" / "rust", or data-lang="rust".
std::string language_tag(const GumboElement& el) {
    std::string lang = attribute(el, "data-lang");
    if (!lang.empty()) {
        return lang;
    }
    std::string cls = attribute(el, "class");
    std::string fallback;
    std::size_t i = 0;
    while (i < cls.size()) {
        std::size_t j = cls.find(' ', i);
        std::string word = cls.substr(i, j == std::string::npos ? std::string::npos : j - i);
        i = j == std::string::npos ? cls.size() : j + 1;
        for (std::string_view prefix : {"language-", "lang-", "highlight-", "source-"}) {
            if (word.starts_with(prefix)) {
                return word.substr(prefix.size());
            }
        }
        if (fallback.empty() && !word.empty()) {
            fallback = word;
        }
    }
    return fallback;
}

const GumboNode* child_at(const GumboNode* node, unsigned i) {
    return static_cast<const GumboNode*>(node->v.element.children.data[i]);
}

// Text of a <pre> subtree with its first source line (0 when it has no text). Iterative, with
// an explicit stack of (node, next child): a page nested 100,000 elements deep must not
// overflow the call stack, and every text node is appended once, so the cost is linear.
void collect_text(const GumboNode* pre, std::string& out, int& first_line) {
    std::vector<std::pair<const GumboNode*, unsigned>> stack{{pre, 0}};
    while (!stack.empty()) {
        auto& [node, next] = stack.back();
        if (node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_WHITESPACE ||
            node->type == GUMBO_NODE_CDATA) {
            if (first_line == 0) {
                first_line = static_cast<int>(node->v.text.start_pos.line);
            }
            out += node->v.text.text;
            stack.pop_back();
            continue;
        }
        if (node->type != GUMBO_NODE_ELEMENT || next == node->v.element.children.length) {
            stack.pop_back();
            continue;
        }
        if (next == 0 && node->v.element.tag == GUMBO_TAG_BR) {
            out += '\n';
        }
        const GumboNode* child = child_at(node, next++);
        stack.emplace_back(child, 0);
    }
}

std::optional<RawBlock> pre_block(const GumboNode* node) {
    const GumboElement& el = node->v.element;
    RawBlock b;
    b.fenced = true;
    b.info = language_tag(el);
    for (unsigned i = 0; i < el.children.length && b.info.empty(); ++i) {
        const GumboNode* child = child_at(node, i);
        if (child->type == GUMBO_NODE_ELEMENT && child->v.element.tag == GUMBO_TAG_CODE) {
            b.info = language_tag(child->v.element);
        }
    }
    int first_line = 0;
    collect_text(node, b.code, first_line);
    if (first_line == 0) {
        return std::nullopt;
    }
    std::size_t lead = b.code.find_first_not_of('\n');
    if (lead == std::string::npos) {
        return std::nullopt;
    }
    b.code.erase(0, lead);
    std::size_t keep = b.code.find_last_not_of("\n ");
    if (keep == std::string::npos) {
        return std::nullopt;
    }
    b.code.erase(keep + 1);
    b.start_line = first_line + static_cast<int>(lead);
    b.end_line = b.start_line + static_cast<int>(std::count(b.code.begin(), b.code.end(), '\n'));
    return b;
}

// Every <pre> outside another <pre>, in document order; iterative for the same reason.
void walk(const GumboNode* root, std::vector<RawBlock>& out) {
    std::vector<std::pair<const GumboNode*, unsigned>> stack{{root, 0}};
    while (!stack.empty()) {
        auto& [node, next] = stack.back();
        if (node->type != GUMBO_NODE_ELEMENT) {
            stack.pop_back();
            continue;
        }
        if (node->v.element.tag == GUMBO_TAG_PRE) {
            if (auto b = pre_block(node)) {
                out.push_back(std::move(*b));
            }
            stack.pop_back();
            continue;
        }
        if (next == node->v.element.children.length) {
            stack.pop_back();
            continue;
        }
        const GumboNode* child = child_at(node, next++);
        stack.emplace_back(child, 0);
    }
}

}  // namespace

std::vector<RawBlock> parse_html_blocks(std::string_view html) {
    // Parse errors are never read, and gumbo copies the whole stack of open elements into each
    // one: on a deeply nested page that is quadratic memory (gigabytes for 100 KB). Keep none.
    static const GumboOptions options = [] {
        GumboOptions o = kGumboDefaultOptions;
        o.max_errors = 0;
        return o;
    }();
    std::unique_ptr<GumboOutput, void (*)(GumboOutput*)> output(
        gumbo_parse_with_options(&options, html.data(), html.size()),
        [](GumboOutput* o) { gumbo_destroy_output(&options, o); });
    std::vector<RawBlock> blocks;
    walk(output->root, blocks);
    return blocks;
}

}  // namespace snipcheck
