#include "extractor/html.hpp"

#include <fmt/format.h>
#include <gumbo.h>

#include <algorithm>
#include <cctype>
#include <initializer_list>
#include <memory>
#include <optional>
#include <utility>
#include <vector>
#include <string>
#include <unordered_map>

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

std::optional<Block> pre_block(const GumboNode* node) {
    const GumboElement& el = node->v.element;
    Block b;
    b.origin = Origin::Html;
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
void walk(const GumboNode* root, std::vector<Block>& out) {
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

bool is_one_of(std::string_view name, std::initializer_list<std::string_view> names) {
    return std::find(names.begin(), names.end(), name) != names.end();
}

// Elements that never contain others here: void elements, and those whose end tag is optional
// and that a sibling closes (a run of <li> or <p> does not nest).
bool never_nests(std::string_view name) {
    return is_one_of(name, {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                            "source", "track", "wbr", "param", "keygen", "basefont", "bgsound", "frame",
                            "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "thead",
                            "tbody", "tfoot", "colgroup", "caption", "rb", "rt", "rp", "rtc",
                            "html", "head", "body"});
}

// Raw-text elements: what follows up to their end tag is text, whatever it looks like.
bool is_raw_text(std::string_view name) {
    return is_one_of(name, {"script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes"});
}

std::string lower_ascii(std::string_view s) {
    std::string out(s);
    for (char& c : out) {
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return out;
}

bool is_name_char(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == ':' || c == '_';
}

}  // namespace

namespace {

struct Tag {
    std::string name;  // lower case
    bool closing = false;
    bool self_closing = false;
};

// The element stack as an HTML parser builds it, as far as depth goes.
class OpenElements {
public:
    int depth() const { return static_cast<int>(open_.size()); }
    bool foreign() const { return foreign_ > 0; }  // inside <svg>/<math>: `<x/>` closes itself

    void push(std::string name) {
        foreign_ += name == "svg" || name == "math";
        ++count_[name];
        open_.push_back(std::move(name));
    }
    // An end tag closes its element and everything opened inside it; a stray one closes nothing.
    void close(const std::string& name) {
        auto it = count_.find(name);
        if (it == count_.end() || it->second == 0) {
            return;
        }
        while (!open_.empty()) {
            std::string top = std::move(open_.back());
            open_.pop_back();
            --count_[top];
            foreign_ -= top == "svg" || top == "math";
            if (top == name) {
                return;
            }
        }
    }

private:
    std::vector<std::string> open_;
    std::unordered_map<std::string, int> count_;
    int foreign_ = 0;
};

// Reads the tag whose name starts at `i` (after `<` or `</`); `i` ends past its `>` (the first
// outside a quoted attribute value).
Tag read_tag(std::string_view html, std::size_t& i, bool closing) {
    std::size_t name_start = closing ? i + 1 : i;
    std::size_t name_end = name_start;
    while (name_end < html.size() && is_name_char(html[name_end])) {
        ++name_end;
    }
    Tag tag{lower_ascii(html.substr(name_start, name_end - name_start)), closing, false};
    std::size_t j = name_end;
    char quote = 0;
    for (; j < html.size(); ++j) {
        if (quote != 0) {
            quote = html[j] == quote ? 0 : quote;
        } else if (html[j] == '"' || html[j] == '\'') {
            quote = html[j];
        } else if (html[j] == '>') {
            break;
        }
    }
    tag.self_closing = j < html.size() && j > name_end && html[j - 1] == '/';
    i = j < html.size() ? j + 1 : html.size();
    return tag;
}

// Past a raw-text element's content (<script>, <style>, ...): to its end tag.
std::size_t skip_raw_text(std::string_view html, std::size_t i, const std::string& name) {
    std::string end_tag = "</" + name;
    for (std::size_t at = i;; at += 2) {
        at = html.find("</", at);
        if (at == std::string_view::npos) {
            return html.size();
        }
        if (lower_ascii(html.substr(at, end_tag.size())) == end_tag) {
            return at;
        }
    }
}

// Past markup that opens no element (`<!-- -->`, `<!DOCTYPE>`, `<?xml?>`) starting at `lt`;
// npos when there is none there.
std::size_t skip_non_element(std::string_view html, std::size_t lt) {
    if (html.substr(lt, 4) == "<!--") {
        std::size_t end = html.find("-->", lt + 4);
        return end == std::string_view::npos ? html.size() : end + 3;
    }
    if (html[lt + 1] == '!' || html[lt + 1] == '?') {
        std::size_t end = html.find('>', lt + 1);
        return end == std::string_view::npos ? html.size() : end + 1;
    }
    return std::string_view::npos;
}

}  // namespace

int html_nesting_bound(std::string_view html, int limit) {
    OpenElements open;
    int deepest = 0;
    std::size_t i = 0;
    while (i < html.size() && deepest <= limit) {
        std::size_t lt = html.find('<', i);
        if (lt == std::string_view::npos || lt + 1 >= html.size()) {
            break;
        }
        if (std::size_t past = skip_non_element(html, lt); past != std::string_view::npos) {
            i = past;
            continue;
        }
        i = lt + 1;
        bool closing = html[i] == '/';
        std::size_t name_start = closing ? i + 1 : i;
        if (name_start >= html.size() || !std::isalpha(static_cast<unsigned char>(html[name_start]))) {
            continue;  // a lone `<` in text
        }
        Tag tag = read_tag(html, i, closing);
        if (tag.closing) {
            open.close(tag.name);
        } else if (never_nests(tag.name) || (tag.self_closing && open.foreign())) {
            continue;
        } else if (is_raw_text(tag.name)) {
            i = skip_raw_text(html, i, tag.name);
        } else if (tag.name == "plaintext") {
            break;  // the rest of the page is text
        } else {
            open.push(std::move(tag.name));
            deepest = std::max(deepest, open.depth());
        }
    }
    return deepest;
}

Blocks parse_html_blocks(std::string_view html) {
    Blocks out;
    if (html_nesting_bound(html, kMaxHtmlDepth) > kMaxHtmlDepth) {
        out.warnings.push_back({1, fmt::format("HTML nested more than {} elements deep; its code blocks are not read",
                                               kMaxHtmlDepth)});
        return out;
    }
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
    walk(output->root, out.blocks);
    return out;
}

}  // namespace snipcheck
