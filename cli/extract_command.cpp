// `snipcheck extract PATH...`: the snippets of articles, as JSON or one line each.
#include <CLI/CLI.hpp>
#include <iostream>
#include <memory>

#include "cli/command.hpp"
#include "cli/common.hpp"
#include "extractor/extract.hpp"
#include "report/extraction.hpp"

namespace snipcheck {

namespace {

struct ExtractOptions {
    std::string format = "json";
    std::vector<std::string> paths;
    std::vector<std::string> excludes;
};

int cmd_extract(const ExtractOptions& opt) {
    auto result = extract_paths(opt.paths, walk_options(opt.excludes));
    if (!result) {
        return fail(result.error().message);
    }
    print_warnings(result->warnings);
    if (opt.format == "text") {
        std::cout << extraction_text(result->snippets);
    } else {
        write_extraction_json(std::cout, result->snippets);
    }
    return kExitOk;
}

}  // namespace

Action define_extract(CLI::App& sub) {
    auto opt = std::make_shared<ExtractOptions>();
    sub.add_option("--format", opt->format, "json or text")->check(CLI::IsMember({"json", "text"}));
    sub.add_option("PATH", opt->paths, "articles or directories")->required();
    sub.add_option("--exclude", opt->excludes, "leave out paths matching this glob (repeatable)")->allow_extra_args(false);
    return [opt] { return cmd_extract(*opt); };
}

}  // namespace snipcheck
