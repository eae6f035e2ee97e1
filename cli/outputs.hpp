#pragma once
// The report files a run writes (`check`, `merge`, `badge`): every format rendered first,
// then all written or none, and what `check` prints on standard output.
#include <string>

#include "model/run.hpp"

namespace CLI {
class App;
}

namespace snipcheck {

struct OutputOptions {
    std::string report;  // JSON
    std::string junit;
    std::string sarif;
    std::string summary;
    std::string badges;  // a directory
    std::string html;
    std::string root;    // SARIF's ROOT: default the repository root or the current directory
    std::string format = "text";  // standard output: text, json, github, sarif, junit
    bool github = false;          // = --format github
    std::string color = "auto";
    bool verbose = false;
    bool quiet = false;
};

// --junit, --sarif, --summary, --badges, --html and --root.
void add_report_files(CLI::App& sub, OutputOptions& opt);

// Writes every report the options ask for; kExitOk or the exit code of a failed write.
int write_reports(const CheckRun& run, const OutputOptions& opt);

// The badges of a run into `dir`, all or none.
int write_badges(const CheckRun& run, const std::string& dir);

// What goes to standard output: the terminal summary or one of the machine formats.
std::string stdout_text(const CheckRun& run, const OutputOptions& opt);

}  // namespace snipcheck
