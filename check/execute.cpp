// The generic executor of a check (execute.hpp): context, shard, cache, batches, threads.
#include "check/execute.hpp"

#include <algorithm>
#include <atomic>
#include <memory>
#include <mutex>
#include <optional>
#include <system_error>
#include <thread>

#include "check/result_cache.hpp"
#include "check/shard.hpp"
#include "extractor/sha256.hpp"

namespace snipcheck {

namespace {

// A prefix of a string that several owners share: a snippet's context is the first `length`
// bytes of what its article's earlier snippets contributed, which only ever grows at the end.
struct SharedPrefix {
    std::shared_ptr<const std::string> text_of;
    std::size_t length = 0;
    std::string hash;  // SHA-256 of text(), from a running digest: no copy per snippet
    std::string text() const { return text_of ? text_of->substr(0, length) : std::string(); }
};

// One snippet to check: where it is in the run, its checker (an index into the slots, or
// none) and its cache key.
struct Task {
    Snippet snippet;
    SharedPrefix context;
    std::size_t checker = 0;
    std::string key;
};

CheckResult not_checked(const Snippet& s) {
    CheckResult r;
    r.verdict = Verdict::Skipped;
    r.subkind = s.language == "markdown" || s.language == "text" ? "not-code" : "language-not-checked";
    return r;
}

std::size_t checker_of(const Snippet& s, const std::vector<CheckerSlot>& checkers) {
    std::size_t which = 0;
    while (which < checkers.size() && !checkers[which].checker->handles(s)) {
        ++which;
    }
    return which;
}

// Each snippet with its checker and its context: what the article's earlier snippets handled
// by the same checker contributed. Each article's contributions are kept once per checker
// and a snippet's context is a prefix of them, so memory stays linear however many snippets
// an article has; the text is made only when used.
std::vector<Task> plan_tasks(std::vector<Snippet> snippets, const std::vector<CheckerSlot>& checkers) {
    std::vector<Task> tasks;
    tasks.reserve(snippets.size());
    std::string article;
    std::vector<std::shared_ptr<std::string>> texts;
    std::vector<std::unique_ptr<Sha256Stream>> digests;
    for (auto& s : snippets) {
        if (texts.empty() || s.article != article) {
            article = s.article;
            texts.clear();
            digests.clear();
            for (std::size_t c = 0; c < checkers.size(); ++c) {
                texts.push_back(std::make_shared<std::string>());
                digests.push_back(std::make_unique<Sha256Stream>());
            }
        }
        Task t;
        t.checker = checker_of(s, checkers);
        if (t.checker < checkers.size()) {
            t.context = {texts[t.checker], texts[t.checker]->size(), digests[t.checker]->hex()};
            std::string more = checkers[t.checker].checker->contribution(s);
            *texts[t.checker] += more;
            digests[t.checker]->update(more);
        }
        t.snippet = std::move(s);
        tasks.push_back(std::move(t));
    }
    return tasks;
}

// Work items: batches of snippets one checker can check together, and single snippets.
std::vector<std::vector<std::size_t>> plan_work(const std::vector<Task>& tasks, const std::vector<bool>& settled,
                                                const std::vector<CheckerSlot>& checkers, unsigned jobs) {
    std::vector<std::vector<std::size_t>> work;
    std::vector<std::vector<std::size_t>> batchable(checkers.size());
    for (std::size_t i = 0; i < tasks.size(); ++i) {
        if (settled[i]) {
            continue;
        }
        if (checkers[tasks[i].checker].checker->batchable(tasks[i].snippet)) {
            batchable[tasks[i].checker].push_back(i);
        } else {
            work.push_back({i});
        }
    }
    for (const auto& group : batchable) {
        std::size_t per_batch = std::clamp<std::size_t>(group.size() / (std::max(1u, jobs) * 3), 2, 24);
        for (std::size_t b = 0; b < group.size(); b += per_batch) {
            work.emplace_back(group.begin() + static_cast<long>(b),
                              group.begin() + static_cast<long>(std::min(group.size(), b + per_batch)));
        }
    }
    return work;
}

// Runs `worker` on `jobs` threads (this one included).
void run_on_threads(unsigned jobs, const std::function<void()>& worker) {
    std::vector<std::thread> threads;
    for (unsigned t = 1; t < std::max(1u, jobs); ++t) {
        try {
            threads.emplace_back(worker);
        } catch (const std::system_error&) {
            break;  // the machine will not start more threads: the ones running share the work
        }
    }
    worker();
    for (auto& t : threads) {
        t.join();
    }
}

// One work item through its checker; a checker that throws anyway fails only its snippets.
std::vector<CheckResult> check_item(const std::vector<std::size_t>& indices, const std::vector<Task>& tasks,
                                    const SnippetChecker& checker) {
    std::vector<SnippetChecker::Item> items;
    for (std::size_t i : indices) {
        items.push_back({&tasks[i].snippet, tasks[i].context.text()});
    }
    std::vector<CheckResult> results;
    try {
        results = checker.check_batch(items);
    } catch (const std::exception&) {
        results.clear();
    }
    if (results.size() != items.size()) {
        results.assign(items.size(), harness_error("internal error: a checker returned no result for a batch"));
    }
    return results;
}

}  // namespace

Checked check_snippets(std::vector<Snippet> snippets, const std::vector<CheckerSlot>& checkers,
                       const ExecuteOptions& options) {
    std::vector<Task> tasks = plan_tasks(std::move(snippets), checkers);
    // Context needs the whole article; the shard is taken after it is known.
    std::erase_if(tasks, [&](const Task& t) { return !in_shard(t.snippet, options.shard); });
    std::vector<CheckResult> results(tasks.size());
    std::vector<bool> settled(tasks.size(), false);
    ResultCache cache(options.cache_dir);
    for (std::size_t i = 0; i < tasks.size(); ++i) {
        Task& t = tasks[i];
        if (t.checker == checkers.size()) {
            results[i] = not_checked(t.snippet);
            settled[i] = true;
            continue;
        }
        t.key = ResultCache::key(checkers[t.checker].identity, t.snippet, t.context.hash, options.include_ignored);
        if (auto hit = options.use_cache ? cache.load(t.key) : std::nullopt) {
            results[i] = *hit;
            results[i].cached = true;
            settled[i] = true;
        }
    }
    auto work = plan_work(tasks, settled, checkers, options.jobs);
    std::atomic<std::size_t> next{0};
    std::atomic<std::size_t> done{static_cast<std::size_t>(std::count(settled.begin(), settled.end(), true))};
    std::mutex progress_mutex;
    run_on_threads(options.jobs, [&] {
        for (std::size_t item = next++; item < work.size(); item = next++) {
            const auto& indices = work[item];
            auto checked = check_item(indices, tasks, *checkers[tasks[indices.front()].checker].checker);
            for (std::size_t k = 0; k < indices.size(); ++k) {
                std::size_t i = indices[k];
                if (options.use_cache && checked[k].verdict != Verdict::HarnessError) {
                    cache.store(tasks[i].key, checked[k]);
                }
                results[i] = std::move(checked[k]);
                std::size_t d = ++done;
                if (options.progress) {
                    std::lock_guard<std::mutex> lock(progress_mutex);
                    options.progress(d, tasks.size(), tasks[i].snippet.article);
                }
            }
        }
    });
    Checked out;
    for (auto& t : tasks) {
        out.snippets.push_back(std::move(t.snippet));
    }
    out.results = std::move(results);
    return out;
}

}  // namespace snipcheck
