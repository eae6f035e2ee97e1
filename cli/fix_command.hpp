#pragma once
// `snipcheck fix PATH... [--dry-run]` (issue 16): writes the run's verified fixes into the
// articles (and mdBook-included files), all files at once, or prints them as a diff.
#include <ostream>

#include "model/run.hpp"

namespace snipcheck {

// Writes (or with `dry_run` prints to `out`) the verified fixes of `run`; what was done goes
// to `out`, snippets left alone are counted. Returns "" or the error that stopped the write.
std::string apply_run_fixes(const CheckRun& run, bool dry_run, std::ostream& out);

}  // namespace snipcheck
