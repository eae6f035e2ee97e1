#pragma once
// What the fuzz targets assert: a broken invariant aborts, which libFuzzer reports as a crash
// and the corpus replay as a failed test.
#include <cstdio>
#include <cstdlib>

namespace snipcheck::fuzz {

inline void require(bool ok, const char* what) {
    if (!ok) {
        std::fprintf(stderr, "fuzz invariant broken: %s\n", what);
        std::abort();
    }
}

}  // namespace snipcheck::fuzz
