// "Did you mean" hints for an unknown subcommand or option: the closest known name by edit
// distance, if close enough to be a typo.
#include "cli/did_you_mean.hpp"

#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <vector>

namespace snipcheck {

namespace {

// Levenshtein distance, for "did you mean" hints.
std::size_t edit_distance(const std::string& a, const std::string& b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) {
        row[j] = j;
    }
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            std::size_t up = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diagonal = up;
        }
    }
    return row[b.size()];
}

// The closest of `names` to `word`, if close enough to be a typo.
std::string closest(const std::string& word, const std::vector<std::string>& names) {
    std::string best;
    std::size_t best_d = std::max<std::size_t>(2, word.size() / 3) + 1;
    for (const auto& n : names) {
        std::size_t d = edit_distance(word, n);
        if (d < best_d) {
            best = n;
            best_d = d;
        }
    }
    return best;
}

}  // namespace

std::string did_you_mean(CLI::App& app, int argc, char** argv) {
    CLI::App* scope = &app;
    for (int i = 1; i < argc; ++i) {
        std::string arg = argv[i];
        if (arg == "--") {
            break;
        }
        std::vector<std::string> known;
        for (const CLI::Option* o : scope->get_options()) {
            for (const auto& n : o->get_lnames()) {
                known.push_back("--" + n);
            }
            for (const auto& n : o->get_snames()) {
                known.push_back("-" + n);
            }
        }
        if (arg.starts_with("-") && arg != "-") {
            std::string name = arg.substr(0, arg.find('='));
            if (std::find(known.begin(), known.end(), name) == known.end()) {
                std::string hint = closest(name, known);
                return hint.empty() ? "" : fmt::format(" (did you mean `{}`?)", hint);
            }
            continue;
        }
        std::vector<std::string> subs;
        for (CLI::App* sub : scope->get_subcommands([](CLI::App*) { return true; })) {
            if (sub->get_name() == arg) {
                scope = sub;
                subs.clear();
                break;
            }
            subs.push_back(sub->get_name());
        }
        if (!subs.empty()) {
            std::string hint = closest(arg, subs);
            return hint.empty() ? "" : fmt::format(" (did you mean `{}`?)", hint);
        }
    }
    return "";
}

}  // namespace snipcheck
