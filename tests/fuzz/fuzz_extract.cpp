// libFuzzer target: the whole extraction entry on arbitrary bytes, read as each article format
// (validation, CRLF, front end, snippet making), and every snippet serialised as the JSON report
// would: nothing an article holds may make that throw.
#include <cstddef>
#include <cstdint>
#include <string>

#include "extractor/extract.hpp"
#include "model/snippet.hpp"
#include "tests/fuzz/fuzz_check.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string bytes(reinterpret_cast<const char*>(data), size);
    for (const char* name : {"fuzz.md", "fuzz.html", "fuzz.txt"}) {
        auto article = snipcheck::make_article(name, bytes);
        if (!article) {
            snipcheck::fuzz::require(article.error().message.find('\n') == std::string::npos,
                                     "an error is more than one line");
            continue;
        }
        auto extraction = snipcheck::extract_article(*article);
        for (const auto& s : extraction.snippets) {
            snipcheck::fuzz::require(s.start_line >= 1 && s.end_line >= s.start_line, "snippet lines out of order");
            snipcheck::to_json(s).dump();  // throws (and so crashes) on invalid UTF-8
        }
        for (const auto& w : extraction.warnings) {
            snipcheck::fuzz::require(w.find('\n') == std::string::npos, "a warning is more than one line");
        }
    }
    return 0;
}
