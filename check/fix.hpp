#pragma once
// Verified fixes back in the articles (issue 16): a fix's edited code (toolchains/rust_fix)
// mapped to the lines of the files the snippet came from — the article, or an mdBook-included
// file — as unified diffs, and written by `snipcheck fix`. Only the code block's own lines
// change; a line that cannot be found in its file as the snippet has it (as is, or
// HTML-escaped) makes the whole fix unmappable, and it is left out.
#include <map>
#include <string>
#include <vector>

#include "check/pipeline.hpp"
#include "model/error.hpp"
#include "model/snippet.hpp"

namespace snipcheck {

// One changed line of a file (1-based), its text before and after.
struct LineChange {
    std::string file;
    int line = 0;
    std::string before;
    std::string after;
};

// Files' texts read on demand, by path; edits accumulate in them.
using FileTexts = std::map<std::string, std::string>;

// Where each code line `fix.code` changes sits in its file, and the file line after the
// change; an Error names the first changed line that cannot be located.
Expected<std::vector<LineChange>> locate_fix(const Snippet& s, const Fix& fix, FileTexts& files);

// A unified diff (3 lines of context, `--- a/PATH` / `+++ b/PATH`) of the changes of one or
// more files; `files` has their texts before the changes.
std::string unified_diff(const std::vector<LineChange>& changes, FileTexts& files);

// The changed lines a diff made by unified_diff holds (what a report read back still has).
std::vector<LineChange> diff_changes(const std::string& diff);

// Sets the diff of every verified fix of the run (against the files as they are now);
// a fix that cannot be mapped to its article gets a run warning and no diff.
void attach_fix_diffs(CheckRun& run);

// What `snipcheck fix` does with a run: the verified, mapped fixes, all the files' changes.
struct FixPlan {
    std::vector<LineChange> changes;
    std::vector<std::string> fixed_ids;  // snippets whose fixes the plan carries
    std::size_t skipped = 0;             // fixes not verified, or not mappable
};
FixPlan plan_fixes(const CheckRun& run);

// Writes the plan's files all at once (model/file_io write_files_atomically); "" on success,
// else the message of what failed.
std::string write_fixes(const FixPlan& plan);

}  // namespace snipcheck
