// Batches: several snippets type-checked in one rustc run, each in a module of its own crate,
// as rustdoc's merged doctests do. Only a batch that passes settles its snippets' first rung.
#include <fmt/format.h>

#include <algorithm>
#include <iterator>
#include <set>
#include <sstream>

#include "toolchains/rust/rust_checker.hpp"
#include "toolchains/rust/rust_fix.hpp"
#include "toolchains/rust/rust_source.hpp"

namespace snipcheck {

bool RustChecker::batchable(const Snippet& s) const {
    if (s.language != "rust" || s.has_attribute("ignore") || s.has_attribute("text") ||
        s.has_attribute("compile_fail") || s.has_attribute("should_panic")) {
        return false;
    }
    for (const auto& a : s.attributes) {
        if (a.starts_with("edition")) {
            return false;
        }
    }
    std::string stripped = strip_comments_and_strings(s.code);
    if (stripped.find("#![") != std::string::npos || stripped.find("extern crate") != std::string::npos ||
        stripped.find("crate::") != std::string::npos || stripped.find("macro_rules!") != std::string::npos) {
        return false;
    }
    std::vector<std::string> externs;
    std::set<std::string> missing;
    std::set<std::string> undefined;
    classify_roots(s, externs, missing, undefined);
    return missing.empty() && undefined.empty();
}

namespace {

using LineRange = std::pair<std::size_t, std::size_t>;  // a module's first and last line in the batch

bool within(const Diagnostic& d, const LineRange& range) {
    return d.line >= static_cast<int>(range.first) && d.line <= static_cast<int>(range.second);
}

// The batch's modules its errors point at; nullopt when an error points at none of them
// (the batch cannot be narrowed down by dropping modules).
std::optional<std::set<std::size_t>> failing_modules(const Attempt& a, const std::vector<LineRange>& ranges) {
    std::set<std::size_t> failing;
    for (const auto& d : a.diagnostics) {
        if (d.level != "error") {
            continue;
        }
        bool found = false;
        for (std::size_t j = 0; j < ranges.size(); ++j) {
            if (within(d, ranges[j])) {
                failing.insert(j);
                found = true;
            }
        }
        if (!found) {
            return std::nullopt;
        }
    }
    return failing;
}

}  // namespace

// One crate of the `live` snippets of `group`, each in a module of its own; `ranges` gets each
// module's lines, `externs` the crates they use.
WrappedSource RustChecker::batch_source(const std::vector<const Snippet*>& group, const std::vector<std::size_t>& live,
                                        std::vector<std::pair<std::size_t, std::size_t>>& ranges,
                                        std::set<std::string>& externs) const {
    WrappedSource batch;
    batch.crate_type = "lib";
    auto emit = [&](const std::string& text, int article) {
        batch.text += text + "\n";
        batch.article_line.push_back(article);
    };
    emit("#![allow(unused)]", 0);
    for (std::size_t k : live) {
        const Snippet& s = *group[k];
        std::vector<std::string> ex;
        std::set<std::string> missing;
        std::set<std::string> undefined;
        classify_roots(s, ex, missing, undefined);
        externs.insert(ex.begin(), ex.end());
        WrappedSource one = wrap_rust(s, "", {});
        std::size_t first = batch.article_line.size() + 1;
        emit(fmt::format("pub mod snipcheck_snippet_{} {{", k), 0);
        std::istringstream lines(one.text);
        std::string line;
        std::size_t n = 0;
        while (std::getline(lines, line)) {
            if (n > 0) {  // the wrapper's own #![allow(unused)] stays at the crate root
                emit(line, one.article_line[n]);
            }
            ++n;
        }
        emit("}", 0);
        ranges.emplace_back(first, batch.article_line.size());
    }
    return batch;
}

std::vector<std::optional<Attempt>> RustChecker::first_attempts(const std::vector<const Snippet*>& group) const {
    std::vector<std::optional<Attempt>> out(group.size());
    std::vector<std::size_t> live(group.size());
    for (std::size_t i = 0; i < live.size(); ++i) {
        live[i] = i;
    }
    const std::string edition = options_.profile.editions.front();
    for (int round = 0; round < 3 && live.size() >= 2; ++round) {
        std::vector<LineRange> ranges;
        std::set<std::string> externs;
        WrappedSource batch = batch_source(group, live, ranges, externs);
        Attempt a = run_rustc(stable_, &crates_, batch, edition, {}, std::vector<std::string>(externs.begin(), externs.end()));
        if (!a.harness_error.empty() && !a.passed) {
            break;
        }
        if (a.passed) {
            // Each passing module's first rung, with the diagnostics (warnings) that point into it.
            for (std::size_t j = 0; j < live.size(); ++j) {
                Attempt mine = a;
                mine.diagnostics.clear();
                std::copy_if(a.diagnostics.begin(), a.diagnostics.end(), std::back_inserter(mine.diagnostics),
                             [&](const Diagnostic& d) { return within(d, ranges[j]); });
                out[live[j]] = std::move(mine);
            }
            break;
        }
        auto failing = failing_modules(a, ranges);
        if (!failing || failing->empty()) {
            break;
        }
        std::vector<std::size_t> next;
        for (std::size_t j = 0; j < live.size(); ++j) {
            if (!failing->count(j)) {
                next.push_back(live[j]);
            }
        }
        live = std::move(next);
    }
    return out;
}

}  // namespace snipcheck

namespace snipcheck {

std::vector<CheckResult> RustChecker::check_batch(const std::vector<Item>& items) const {
    std::vector<std::optional<Attempt>> firsts(items.size());
    if (items.size() > 1) {
        try {
            std::vector<const Snippet*> group;
            for (const auto& item : items) {
                group.push_back(item.snippet);
            }
            firsts = first_attempts(group);
        } catch (const std::exception&) {
            firsts.assign(items.size(), std::nullopt);  // each goes through the ladder alone
        }
    }
    std::vector<CheckResult> out;
    for (std::size_t k = 0; k < items.size(); ++k) {
        out.push_back(guarded([&] {
            CheckResult r = check(*items[k].snippet, items[k].context, firsts[k] ? &*firsts[k] : nullptr);
            r.fix = fix_rust(*this, *items[k].snippet, items[k].context, r);
            return r;
        }));
    }
    return out;
}

}  // namespace snipcheck
