#pragma once
// Shell scripts read as words, never run: the simple commands of a script (at ; && || | and
// newlines), with comments, heredoc bodies, assignments and prefix words such as `sudo` and
// `env` left out, each with the script line it starts on.
#include <string>
#include <vector>

namespace snipcheck {

// One command of a script: its words, and the snippet line it starts on.
struct ShellCommand {
    std::vector<std::string> words;
    int line = 0;
};

// Splits a script into simple commands.
std::vector<ShellCommand> shell_commands(const std::string& script);

}  // namespace snipcheck
