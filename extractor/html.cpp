#include "extractor/html.hpp"

#include <gumbo.h>

#include <algorithm>
#include <memory>
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

// Text of a subtree with its first source line (0 when no text was met yet).
void collect_text(const GumboNode* node, std::string& out, int& first_line) {
    if (node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_WHITESPACE ||
        node->type == GUMBO_NODE_CDATA) {
        if (first_line == 0) {
            first_line = static_cast<int>(node->v.text.start_pos.line);
        }
        out += node->v.text.text;
        return;
    }
    if (node->type != GUMBO_NODE_ELEMENT) {
        return;
    }
    if (node->v.element.tag == GUMBO_TAG_BR) {
        out += '\n';
    }
    const GumboVector& children = node->v.element.children;
    for (unsigned i = 0; i < children.length; ++i) {
        collect_text(static_cast<const GumboNode*>(children.data[i]), out, first_line);
    }
}

void walk(const GumboNode* node, std::vector<RawBlock>& out) {
    if (node->type != GUMBO_NODE_ELEMENT) {
        return;
    }
    const GumboElement& el = node->v.element;
    if (el.tag == GUMBO_TAG_PRE) {
        RawBlock b;
        b.fenced = true;
        b.info = language_tag(el);
        for (unsigned i = 0; i < el.children.length && b.info.empty(); ++i) {
            auto* child = static_cast<const GumboNode*>(el.children.data[i]);
            if (child->type == GUMBO_NODE_ELEMENT && child->v.element.tag == GUMBO_TAG_CODE) {
                b.info = language_tag(child->v.element);
            }
        }
        int first_line = 0;
        collect_text(node, b.code, first_line);
        if (first_line == 0) {
            return;
        }
        int line = first_line;
        while (!b.code.empty() && b.code.front() == '\n') {
            b.code.erase(0, 1);
            ++line;
        }
        while (!b.code.empty() && (b.code.back() == '\n' || b.code.back() == ' ')) {
            b.code.pop_back();
        }
        if (b.code.empty()) {
            return;
        }
        b.start_line = line;
        b.end_line = b.start_line + static_cast<int>(std::count(b.code.begin(), b.code.end(), '\n'));
        out.push_back(std::move(b));
        return;
    }
    for (unsigned i = 0; i < el.children.length; ++i) {
        walk(static_cast<const GumboNode*>(el.children.data[i]), out);
    }
}

}  // namespace

std::vector<RawBlock> parse_html_blocks(std::string_view html) {
    std::unique_ptr<GumboOutput, void (*)(GumboOutput*)> output(
        gumbo_parse_with_options(&kGumboDefaultOptions, html.data(), html.size()),
        [](GumboOutput* o) { gumbo_destroy_output(&kGumboDefaultOptions, o); });
    std::vector<RawBlock> blocks;
    walk(output->root, blocks);
    return blocks;
}

}  // namespace snipcheck
