#include "cli/app.hpp"

#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <functional>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "extractor/extract.hpp"

namespace snipcheck {

namespace {

constexpr int kExitOk = 0;
constexpr int kExitError = 2;

int fail(const std::string& message) {
    std::fprintf(stderr, "snipcheck: error: %s\n", message.c_str());
    return kExitError;
}

struct ExtractOptions {
    std::string format = "json";
    std::vector<std::string> paths;
};

int cmd_extract(const ExtractOptions& opt) {
    auto result = extract_paths(opt.paths);
    if (!result) {
        return fail(result.error().message);
    }
    for (const auto& w : result->warnings) {
        std::fprintf(stderr, "snipcheck: warning: %s\n", w.c_str());
    }
    if (opt.format == "text") {
        for (const auto& s : result->snippets) {
            std::cout << fmt::format("{}:{}-{}: {} ({})\n", s.article, s.start_line, s.end_line,
                                     s.language, to_string(s.origin));
        }
        return kExitOk;
    }
    nlohmann::json out = {{"schema", "snipcheck/1"}, {"tool_version", SNIPCHECK_VERSION}};
    out["snippets"] = nlohmann::json::array();
    for (const auto& s : result->snippets) {
        out["snippets"].push_back(to_json(s));
    }
    std::cout << out.dump(2) << "\n";
    return kExitOk;
}

}  // namespace

int run_cli(int argc, char** argv) {
    CLI::App app{"snipcheck: checks the Rust, TOML and shell snippets of technical articles"};
    app.set_version_flag("--version", SNIPCHECK_VERSION);
    app.require_subcommand(1);

    ExtractOptions extract;
    auto* ex = app.add_subcommand("extract", "list the snippets of articles");
    ex->add_option("--format", extract.format, "json or text")->check(CLI::IsMember({"json", "text"}));
    ex->add_option("PATH", extract.paths, "articles or directories")->required();

    std::function<int()> action;
    ex->callback([&] { action = [&] { return cmd_extract(extract); }; });

    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForVersion& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        return fail(e.what());
    }
    return action ? action() : kExitError;
}

}  // namespace snipcheck
