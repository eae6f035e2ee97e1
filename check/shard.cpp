#include "check/shard.hpp"

#include <fmt/format.h>

#include "extractor/sha256.hpp"

namespace snipcheck {

Expected<Shard> parse_shard(const std::string& text) {
    Shard s;
    char slash = 0;
    int consumed = 0;
    if (std::sscanf(text.c_str(), "%d%c%d%n", &s.index, &slash, &s.count, &consumed) != 3 || slash != '/' ||
        consumed != static_cast<int>(text.size()) || s.count < 1 || s.index < 1 || s.index > s.count) {
        return Error{fmt::format("--shard '{}': expected K/N with 1 <= K <= N", text)};
    }
    return s;
}

bool in_shard(const Snippet& s, const Shard& shard) {
    if (shard.count <= 1) {
        return true;
    }
    std::string h = sha256_hex(s.id);
    unsigned long v = std::stoul(h.substr(0, 12), nullptr, 16);
    return static_cast<int>(v % static_cast<unsigned long>(shard.count)) == shard.index - 1;
}

}  // namespace snipcheck
