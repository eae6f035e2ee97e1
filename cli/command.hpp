#pragma once
// The command table (ninja's ChooseTool rows): each command is a name, a line for --help and
// a function that declares its options on its CLI11 subcommand and returns what runs once
// they are parsed. A new command is one row in commands() and one file.
#include <functional>
#include <span>

namespace CLI {
class App;
}

namespace snipcheck {

using Action = std::function<int()>;

struct Command {
    const char* name;
    const char* description;
    Action (*define)(CLI::App& sub);
};

std::span<const Command> commands();

// The rows' define functions (one file each: cli/*_command.cpp).
Action define_extract(CLI::App& sub);
Action define_check(CLI::App& sub);
Action define_fix(CLI::App& sub);
Action define_explain(CLI::App& sub);
Action define_merge(CLI::App& sub);
Action define_badge(CLI::App& sub);
Action define_universe(CLI::App& sub);

}  // namespace snipcheck
