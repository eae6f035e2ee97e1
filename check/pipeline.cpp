#include "check/pipeline.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <thread>

#include "check/result_cache.hpp"
#include "extractor/extract.hpp"
#include "runner/sandbox.hpp"
#include "toolchains/rust_checker.hpp"
#include "toolchains/shell_checker.hpp"
#include "toolchains/toml_checker.hpp"
#include "toolchains/rust_source.hpp"

namespace snipcheck {

namespace {

CheckResult not_checked(const Snippet& s) {
    CheckResult r;
    r.verdict = Verdict::Skipped;
    r.subkind = s.language == "markdown" || s.language == "text" ? "not-code" : "language-not-checked";
    return r;
}

}  // namespace

void apply_policy(CheckRun& run, const std::vector<PolicyRule>& rules, const Baseline* baseline) {
    run.outcomes.clear();
    for (std::size_t i = 0; i < run.snippets.size(); ++i) {
        run.outcomes.push_back(decide(run.snippets[i], run.results[i], rules, baseline));
    }
}

bool all_meet_policy(const CheckRun& run) {
    return std::all_of(run.outcomes.begin(), run.outcomes.end(), [](const PolicyOutcome& o) { return o.meets; });
}

Expected<CheckRun> run_check(const CheckOptions& options) {
    auto started = std::chrono::steady_clock::now();
    auto extraction = extract_paths(options.paths);
    if (!extraction) {
        return extraction.error();
    }
    if (std::string why = sandbox_unavailable_reason(); !why.empty()) {
        return Error{why};
    }
    RustCheckOptions rust_options{options.profile, options.cache_dir, options.include_ignored};
    auto checker = RustChecker::create(rust_options);
    if (!checker) {
        return checker.error();
    }
    const RustChecker& rust = **checker;
    std::vector<std::unique_ptr<SnippetChecker>> owned;
    owned.push_back(std::make_unique<TomlChecker>(rust.reference(), options.profile, options.cache_dir));
    owned.push_back(std::make_unique<ShellChecker>(rust.reference(), options.profile, options.cache_dir));
    std::vector<const SnippetChecker*> checkers{&rust, owned[0].get(), owned[1].get()};
    std::vector<std::string> identities;
    for (const auto* c : checkers) {
        identities.push_back(c->identity());
    }
    CheckRun run;
    // Report order: by article, then line, whatever order the paths came in; shards and
    // their merge then agree with an unsharded run.
    std::stable_sort(extraction->snippets.begin(), extraction->snippets.end(), [](const Snippet& a, const Snippet& b) {
        return a.article != b.article ? a.article < b.article : a.start_line < b.start_line;
    });
    run.snippets = std::move(extraction->snippets);
    run.warnings = std::move(extraction->warnings);
    run.results.resize(run.snippets.size());
    run.toolchains = {{"stable", (*checker)->reference().release, (*checker)->reference().identity},
                      {"nightly", (*checker)->probe().release, (*checker)->probe().identity}};
    run.registry = options.profile.registry;
    run.registry_crates = (*checker)->registry_size();

    // Context: the items of the article's earlier Rust snippets, for fragments that use them.
    std::vector<std::string> contexts(run.snippets.size());
    std::string article;
    std::string items;
    for (std::size_t i = 0; i < run.snippets.size(); ++i) {
        const auto& s = run.snippets[i];
        if (s.article != article) {
            article = s.article;
            items.clear();
            run.articles.push_back(article);
        }
        if (s.language == "rust") {
            contexts[i] = items;
            items += items_of(s.code);
        }
    }

    // Context needs the whole article; the shard is taken after it is known.
    if (options.shard.count > 1) {
        std::vector<Snippet> kept;
        std::vector<std::string> kept_contexts;
        for (std::size_t i = 0; i < run.snippets.size(); ++i) {
            if (in_shard(run.snippets[i], options.shard)) {
                kept.push_back(std::move(run.snippets[i]));
                kept_contexts.push_back(std::move(contexts[i]));
            }
        }
        run.snippets = std::move(kept);
        contexts = std::move(kept_contexts);
        run.results.assign(run.snippets.size(), CheckResult{});
        std::vector<std::string> articles;
        for (const auto& s : run.snippets) {
            if (articles.empty() || articles.back() != s.article) {
                articles.push_back(s.article);
            }
        }
        run.articles = articles;
    }
    ResultCache cache(options.cache_dir);
    std::atomic<std::size_t> next{0};
    std::atomic<std::size_t> done{0};
    std::mutex progress_mutex;
    auto worker = [&] {
        for (std::size_t i = next++; i < run.snippets.size(); i = next++) {
            const Snippet& s = run.snippets[i];
            CheckResult r;
            std::size_t which = 0;
            while (which < checkers.size() && !checkers[which]->handles(s)) {
                ++which;
            }
            if (which == checkers.size()) {
                r = not_checked(s);
            } else {
                const SnippetChecker& checker_for = *checkers[which];
                std::string key = ResultCache::key(identities[which], s, contexts[i], options.include_ignored);
                auto hit = options.use_cache ? cache.load(key) : std::nullopt;
                if (hit) {
                    r = *hit;
                    r.cached = true;
                } else {
                    r = checker_for.check(s, contexts[i]);
                    if (options.use_cache && r.verdict != Verdict::HarnessError) {
                        cache.store(key, r);
                    }
                }
            }
            run.results[i] = std::move(r);
            std::size_t d = ++done;
            if (options.progress) {
                std::lock_guard<std::mutex> lock(progress_mutex);
                options.progress(d, run.snippets.size(), s.article);
            }
        }
    };
    std::vector<std::thread> threads;
    for (unsigned t = 1; t < std::max(1u, options.jobs); ++t) {
        threads.emplace_back(worker);
    }
    worker();
    for (auto& t : threads) {
        t.join();
    }
    apply_policy(run, options.profile.policies, options.baseline ? &*options.baseline : nullptr);
    run.duration_ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started).count();
    return run;
}

}  // namespace snipcheck
