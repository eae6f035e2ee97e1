// Runs a fuzz target's entry point once on every file of its corpus directories (no libFuzzer
// needed): the checked-in pathological inputs and past crashes are a regression test in every
// build. Exits non-zero when a directory is missing or empty; a crash fails the test as it is.
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

int main(int argc, char** argv) {
    namespace fs = std::filesystem;
    std::size_t inputs = 0;
    for (int a = 1; a < argc; ++a) {
        std::vector<fs::path> files;
        std::error_code ec;
        for (const auto& entry : fs::directory_iterator(argv[a], ec)) {
            if (entry.is_regular_file()) {
                files.push_back(entry.path());
            }
        }
        if (ec || files.empty()) {
            std::fprintf(stderr, "%s: no corpus here\n", argv[a]);
            return 1;
        }
        for (const auto& f : files) {
            std::ifstream in(f, std::ios::binary);
            std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
            LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
            ++inputs;
        }
    }
    std::printf("replayed %zu inputs\n", inputs);
    return 0;
}
