#include "check/pipeline.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>

#include <fmt/format.h>
#include <memory>
#include <set>
#include <system_error>
#include <thread>

#include "check/execute.hpp"
#include "check/fix.hpp"
#include "extractor/extract.hpp"
#include "extractor/sha256.hpp"
#include "runner/process.hpp"
#include "runner/sandbox.hpp"
#include "toolchains/checkers.hpp"

namespace snipcheck {

namespace {

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
    for (Entry& e : run.entries()) {
        e.outcome = decide(e.snippet, e.result, rules, baseline);
    }
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
    auto checkers = make_checkers({options.profile, options.cache_dir, options.include_ignored, !options.no_sandbox});
    if (!checkers) {
        return checkers.error();
    }
    std::vector<CheckerSlot> slots;
    for (std::size_t c = 0; c < checkers->all.size(); ++c) {
        slots.push_back({checkers->all[c].get(), checkers->identities[c]});
    }
    // Report order: by article, then line, whatever order the paths came in; shards and
    // their merge then agree with an unsharded run.
    std::vector<Snippet> snippets = std::move(extraction->snippets);
    std::stable_sort(snippets.begin(), snippets.end(), [](const Snippet& a, const Snippet& b) {
        return a.article != b.article ? a.article < b.article : a.start_line < b.start_line;
    });
    CheckRun run;
    run.warnings = std::move(extraction->warnings);
    run.toolchains = checkers->toolchains;
    run.registry = checkers->registry;
    run.registry_crates = checkers->registry_crates;
    run.sandboxed = !options.no_sandbox;
    run.shard = options.shard;
    run.run_id = run_identity(snippets, options.profile, checkers->identities, run.sandboxed, options.include_ignored);
    ExecuteOptions exec{options.cache_dir, options.use_cache, options.include_ignored, options.jobs, options.shard,
                        options.progress};
    Checked checked = check_snippets(std::move(snippets), slots, exec);
    for (std::size_t i = 0; i < checked.snippets.size(); ++i) {
        locate_included_lines(checked.snippets[i], checked.results[i]);  // mdBook includes: chapter and file lines
        run.add({std::move(checked.snippets[i]), std::move(checked.results[i]), {}});
    }
    attach_fix_diffs(run);
    apply_policy(run, options.profile.policies, options.baseline ? &*options.baseline : nullptr);
    run.duration_ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started).count();
    return run;
}

}  // namespace snipcheck
