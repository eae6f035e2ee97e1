#include "check/pipeline.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>

#include <fmt/format.h>
#include <memory>
#include <set>
#include <system_error>
#include <thread>

#include "check/fix.hpp"
#include "check/result_cache.hpp"
#include "extractor/extract.hpp"
#include "extractor/sha256.hpp"
#include "runner/process.hpp"
#include "runner/sandbox.hpp"
#include "toolchains/rust_checker.hpp"
#include "toolchains/rust_fix.hpp"
#include "toolchains/shell_checker.hpp"
#include "toolchains/toml_checker.hpp"
#include "toolchains/rust_source.hpp"

namespace snipcheck {

namespace {

// Runs one check on a worker thread: an exception becomes the snippet's harness-error,
// never a crash of the run.
template <typename Check>
CheckResult guarded(Check&& check) {
    try {
        return check();
    } catch (const std::exception& e) {
        CheckResult r;
        r.verdict = Verdict::HarnessError;
        r.evidence.push_back({"snipcheck", "", "", "", "error", std::string("internal error: ") + e.what(), 0});
        return r;
    }
}

// A prefix of a string that several owners share: a snippet's context is the first `length`
// bytes of its article's items, which only ever grow at the end.
struct SharedPrefix {
    std::shared_ptr<const std::string> text_of;
    std::size_t length = 0;
    std::string hash;  // SHA-256 of text(), from a running digest: no copy per snippet
    std::string text() const { return text_of ? text_of->substr(0, length) : std::string(); }
};

CheckResult not_checked(const Snippet& s) {
    CheckResult r;
    r.verdict = Verdict::Skipped;
    r.subkind = s.language == "markdown" || s.language == "text" ? "not-code" : "language-not-checked";
    return r;
}

// `git ls-files` of a directory inside a work tree, or nullopt (not one, or no git).
std::optional<std::vector<std::string>> git_files(const std::string& dir) {
    ProcessLimits limits;
    limits.wall_time = std::chrono::milliseconds(60000);
    limits.max_output_bytes = 256u * 1024u * 1024u;
    // A directory named on the command line is read even when the repository ignores it
    // (a build folder of generated articles): its own files are then walked plainly.
    ProcessResult ignored = run_process({"git", "-C", dir, "check-ignore", "-q", "."}, inherited_env({"PATH", "HOME"}), ".", limits);
    if (ignored.ok()) {
        return std::nullopt;
    }
    ProcessResult r = run_process({"git", "-C", dir, "ls-files", "-z", "--cached", "--others", "--exclude-standard"},
                                  inherited_env({"PATH", "HOME"}), ".", limits);
    if (!r.ok() || r.output_truncated) {
        return std::nullopt;
    }
    std::vector<std::string> files;
    std::size_t start = 0;
    while (start < r.out.size()) {
        std::size_t end = r.out.find('\0', start);
        if (end == std::string::npos) {
            end = r.out.size();
        }
        files.push_back(r.out.substr(start, end - start));
        start = end + 1;
    }
    return files;
}

// A baseline must name snippets the way this run does (ARTICLE-PATH:LINE). One whose ids
// match none of this run's is refused rather than silently matching nothing; reports made
// before ids took the article's path (ARTICLE-STEM:LINE) are told apart in the message.
std::string baseline_problem(const Baseline& baseline, const std::vector<Snippet>& snippets) {
    if (baseline.met_by_id.empty() || snippets.empty()) {
        return "";
    }
    std::set<std::string> old_form;
    for (const auto& s : snippets) {
        if (baseline.met_by_id.count(s.id)) {
            return "";
        }
        old_form.insert(fmt::format("{}:{}", article_stem(s.article), s.start_line));
    }
    const std::string& example = baseline.met_by_id.begin()->first;
    for (const auto& [id, met] : baseline.met_by_id) {
        if (old_form.count(id)) {
            return fmt::format("the baseline names snippets by file stem (`{}`), as snipcheck did before ids "
                               "took the article's path (`{}`): make the baseline again with this version",
                               id, snippets.front().id);
        }
    }
    return fmt::format("none of the baseline's snippet ids (e.g. `{}`) is one of this run's (e.g. `{}`): "
                       "run from the same directory with the same paths as the baseline's run",
                       example, snippets.front().id);
}

}  // namespace

WalkOptions walk_options(const std::vector<std::string>& excludes) {
    WalkOptions w;
    w.excludes = excludes;
    w.list_files = git_files;
    return w;
}

void apply_policy(CheckRun& run, const std::vector<PolicyRule>& rules, const Baseline* baseline) {
    run.outcomes.clear();
    for (std::size_t i = 0; i < run.snippets.size(); ++i) {
        run.outcomes.push_back(decide(run.snippets[i], run.results[i], rules, baseline));
    }
}

bool all_meet_policy(const CheckRun& run) {
    return std::all_of(run.outcomes.begin(), run.outcomes.end(), [](const PolicyOutcome& o) { return o.meets; });
}

std::string run_identity(const std::vector<Snippet>& snippets, const Profile& profile,
                         const std::vector<std::string>& checker_identities, bool sandboxed, bool include_ignored) {
    std::string text = std::string("snipcheck-run-v1\nversion\n") + SNIPCHECK_VERSION + "\nprofile\n" +
                       sha256_hex(profile.source_text) + "\nsandbox\n" + (sandboxed ? "bwrap" : "none") +
                       "\ninclude-ignored\n" + (include_ignored ? "1" : "0") + "\ncheckers\n";
    for (const auto& id : checker_identities) {
        text += sha256_hex(id) + "\n";
    }
    text += "snippets\n";
    for (const auto& s : snippets) {
        text += s.article + "\t" + s.id + "\t" + s.sha256 + "\n";
    }
    return sha256_hex(text).substr(0, 32);
}

Expected<CheckRun> run_check(const CheckOptions& options) {
    auto started = std::chrono::steady_clock::now();
    std::vector<std::string> excludes = options.excludes;
    excludes.insert(excludes.end(), options.profile.exclude_paths.begin(), options.profile.exclude_paths.end());
    auto extraction = extract_paths(options.paths, walk_options(excludes));
    if (!extraction) {
        return extraction.error();
    }
    if (options.baseline) {
        if (std::string why = baseline_problem(*options.baseline, extraction->snippets); !why.empty()) {
            return Error{why};
        }
    }
    if (options.no_sandbox) {
        disable_sandbox();
    } else if (std::string why = sandbox_unavailable_reason(); !why.empty()) {
        return Error{why};
    }
    RustCheckOptions rust_options{options.profile, options.cache_dir, options.include_ignored};
    auto checker = RustChecker::create(rust_options);
    if (!checker) {
        return checker.error();
    }
    const RustChecker& rust = **checker;
    std::vector<std::unique_ptr<SnippetChecker>> owned;
    // TOML is judged against the same universe as Rust: today's.
    Profile today = options.profile;
    today.registry = rust.reference_universe().registry;
    today.universe_name = rust.reference_universe().name;
    std::vector<std::pair<std::string, std::string>> older;
    for (const auto& u : rust.evidence_universes()) {
        older.emplace_back(u.name, u.registry);
    }
    owned.push_back(std::make_unique<TomlChecker>(rust.reference(), today, options.cache_dir, older));
    owned.push_back(std::make_unique<ShellChecker>(rust.reference(), today, options.cache_dir));
    std::vector<const SnippetChecker*> checkers{&rust, owned[0].get(), owned[1].get()};
    std::vector<std::string> identities;
    for (const auto* c : checkers) {
        // Results found without the sandbox are kept apart from sandboxed ones.
        identities.push_back(c->identity() + (options.no_sandbox ? "\nsandbox\nnone" : ""));
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
    run.registry = rust.reference_universe().registry;
    run.registry_crates = (*checker)->registry_size();
    run.sandboxed = !options.no_sandbox;
    run.shard = options.shard;
    run.run_id = run_identity(run.snippets, options.profile, identities, run.sandboxed, options.include_ignored);

    // Context: the items of the article's earlier Rust snippets, for fragments that use them.
    // Each article's items are kept once and a snippet's context is a prefix of them, so memory
    // stays linear however many snippets an article has; the text is made only when used.
    std::vector<SharedPrefix> contexts(run.snippets.size());
    std::string article;
    std::shared_ptr<std::string> items;
    std::unique_ptr<Sha256Stream> digest;
    for (std::size_t i = 0; i < run.snippets.size(); ++i) {
        const auto& s = run.snippets[i];
        if (!items || s.article != article) {
            article = s.article;
            items = std::make_shared<std::string>();
            digest = std::make_unique<Sha256Stream>();
            run.articles.push_back(article);
        }
        if (s.language == "rust") {
            contexts[i] = {items, items->size(), digest->hex()};
            std::string more = items_of(s.code);
            *items += more;
            digest->update(more);
        }
    }

    // Context needs the whole article; the shard is taken after it is known.
    if (options.shard.count > 1) {
        std::vector<Snippet> kept;
        std::vector<SharedPrefix> kept_contexts;
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
    std::vector<std::size_t> which(run.snippets.size(), 0);
    std::vector<std::string> keys(run.snippets.size());
    std::vector<bool> settled(run.snippets.size(), false);
    for (std::size_t i = 0; i < run.snippets.size(); ++i) {
        const Snippet& s = run.snippets[i];
        while (which[i] < checkers.size() && !checkers[which[i]]->handles(s)) {
            ++which[i];
        }
        if (which[i] == checkers.size()) {
            run.results[i] = not_checked(s);
            settled[i] = true;
            continue;
        }
        keys[i] = ResultCache::key(identities[which[i]], s,
                                   contexts[i].hash.empty() ? sha256_hex("") : contexts[i].hash, options.include_ignored);
        if (auto hit = options.use_cache ? cache.load(keys[i]) : std::nullopt) {
            run.results[i] = *hit;
            run.results[i].cached = true;
            settled[i] = true;
        }
    }
    // Work items: batches of Rust snippets that can share one rustc run, and single snippets.
    std::vector<std::size_t> batchable;
    std::vector<std::vector<std::size_t>> work;
    for (std::size_t i = 0; i < run.snippets.size(); ++i) {
        if (settled[i]) {
            continue;
        }
        if (checkers[which[i]] == &rust && rust.batchable(run.snippets[i])) {
            batchable.push_back(i);
        } else {
            work.push_back({i});
        }
    }
    std::size_t per_batch = std::clamp<std::size_t>(batchable.size() / (std::max(1u, options.jobs) * 3), 2, 24);
    for (std::size_t b = 0; b < batchable.size(); b += per_batch) {
        work.emplace_back(batchable.begin() + static_cast<long>(b),
                           batchable.begin() + static_cast<long>(std::min(batchable.size(), b + per_batch)));
    }
    std::size_t already = std::count(settled.begin(), settled.end(), true);
    std::atomic<std::size_t> next{0};
    std::atomic<std::size_t> done{already};
    std::mutex progress_mutex;
    auto worker = [&] {
        for (std::size_t item = next++; item < work.size(); item = next++) {
            const auto& indices = work[item];
            std::vector<std::optional<Attempt>> firsts(indices.size());
            if (indices.size() > 1) try {
                std::vector<const Snippet*> group;
                for (std::size_t i : indices) {
                    group.push_back(&run.snippets[i]);
                }
                firsts = rust.first_attempts(group);
            } catch (const std::exception&) {
                firsts.assign(indices.size(), std::nullopt);  // each goes through the ladder alone
            }
            for (std::size_t k = 0; k < indices.size(); ++k) {
                std::size_t i = indices[k];
                const Snippet& s = run.snippets[i];
                const std::string context = s.language == "rust" ? contexts[i].text() : std::string();
                CheckResult r = guarded([&] {
                    CheckResult checked = firsts[k] ? rust.check(s, context, &*firsts[k]) : checkers[which[i]]->check(s, context);
                    if (checkers[which[i]] == &rust) {
                        checked.fix = fix_rust(rust, s, context, checked);  // issue 16: verified fixes
                    }
                    return checked;
                });
                if (options.use_cache && r.verdict != Verdict::HarnessError) {
                    cache.store(keys[i], r);
                }
                run.results[i] = std::move(r);
                std::size_t d = ++done;
                if (options.progress) {
                    std::lock_guard<std::mutex> lock(progress_mutex);
                    options.progress(d, run.snippets.size(), s.article);
                }
            }
        }
    };
    std::vector<std::thread> threads;
    for (unsigned t = 1; t < std::max(1u, options.jobs); ++t) {
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
    for (std::size_t i = 0; i < run.snippets.size(); ++i) {
        locate_included_lines(run.snippets[i], run.results[i]);  // mdBook includes: chapter and file lines
    }
    attach_fix_diffs(run);
    apply_policy(run, options.profile.policies, options.baseline ? &*options.baseline : nullptr);
    run.duration_ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started).count();
    return run;
}

}  // namespace snipcheck
