// libFuzzer target: the plain-text region detector and language detection on arbitrary bytes.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "extractor/plaintext.hpp"
#include "tests/fuzz/fuzz_check.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    int previous_end = 0;
    for (const auto& r : snipcheck::detect_regions(text)) {
        snipcheck::fuzz::require(r.start_line > previous_end, "regions overlap or are out of order");
        snipcheck::fuzz::require(r.end_line >= r.start_line, "region lines out of order");
        previous_end = r.end_line;
    }
    snipcheck::detect_language(text);
    return 0;
}
