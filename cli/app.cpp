// run_cli: the command table turned into CLI11 subcommands, parsed, and the chosen command run.
#include "cli/app.hpp"

#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <array>

#include "cli/command.hpp"
#include "cli/common.hpp"
#include "cli/did_you_mean.hpp"

namespace snipcheck {

std::span<const Command> commands() {
    static const std::array<Command, 7> table{{
        {"extract", "list the snippets of articles", define_extract},
        {"check", "classify every snippet with the real toolchains", define_check},
        {"merge", "join shard reports into one", define_merge},
        {"universe", "crate universes: Debian suites' packaged crates", define_universe},
        {"badge", "SVG badges from a report", define_badge},
        {"explain", "show a snippet's wrapped source, commands and diagnostics", define_explain},
        {"fix", "write the verified fixes of outdated snippets into the articles", define_fix},
    }};
    return table;
}

int run_cli(int argc, char** argv) {
    CLI::App app{"snipcheck: checks the Rust, TOML and shell snippets of technical articles"};
    app.set_version_flag("-V,--version", std::string("snipcheck ") + SNIPCHECK_VERSION);
    app.require_subcommand(1);
    Action chosen;
    for (const Command& c : commands()) {
        CLI::App* sub = app.add_subcommand(c.name, c.description);
        sub->callback([&chosen, action = c.define(*sub)] { chosen = action; });
    }
    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForVersion& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        return fail(e.what() + did_you_mean(app, argc, argv));
    }
    if (!chosen) {
        return kExitError;
    }
    // The last line of defence: whatever escapes a command is one line and exit 2.
    try {
        return chosen();
    } catch (const std::exception& e) {
        return fail(fmt::format("internal error: {}", e.what()));
    } catch (...) {
        return fail("internal error");
    }
}

}  // namespace snipcheck
