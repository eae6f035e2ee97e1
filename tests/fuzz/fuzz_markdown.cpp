// libFuzzer target: the Markdown front end (cmark-gfm and the block walk) on arbitrary bytes.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "extractor/markdown.hpp"
#include "tests/fuzz/fuzz_check.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    auto blocks = snipcheck::parse_markdown_blocks(text);
    for (const auto& b : blocks.blocks) {
        snipcheck::fuzz::require(b.start_line >= 1 && b.end_line >= b.start_line, "block lines out of order");
    }
    return 0;
}
