// libFuzzer target: the HTML front end (gumbo and the <pre> walk) on arbitrary bytes.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "extractor/html.hpp"
#include "tests/fuzz/fuzz_check.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view html(reinterpret_cast<const char*>(data), size);
    for (const auto& b : snipcheck::parse_html_blocks(html).blocks) {
        snipcheck::fuzz::require(b.start_line >= 1 && b.end_line >= b.start_line, "block lines out of order");
        snipcheck::fuzz::require(!b.code.empty(), "an empty <pre> became a block");
    }
    return 0;
}
