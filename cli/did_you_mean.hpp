#pragma once
#include <string>

namespace CLI {
class App;
}

namespace snipcheck {

// " (did you mean `--jobs`?)" for the first unknown subcommand or option in argv, or "".
std::string did_you_mean(CLI::App& app, int argc, char** argv);

}  // namespace snipcheck
