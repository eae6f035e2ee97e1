#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "extractor/extract.hpp"

using namespace snipcheck;
namespace fs = std::filesystem;

namespace {
fs::path scratch_dir() {
    auto dir = fs::temp_directory_path() / ("snipcheck-test-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    return dir;
}
void write(const fs::path& p, const std::string& bytes) {
    std::ofstream(p, std::ios::binary) << bytes;
}
}  // namespace

TEST_CASE("bad input gets a clear one-line error") {
    auto dir = scratch_dir();
    SECTION("a missing path") {
        auto r = extract_paths({(dir / "nope.md").string()});
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().message.find("no such file") != std::string::npos);
    }
    SECTION("a directory without articles") {
        fs::create_directories(dir / "empty");
        write(dir / "empty" / "notes.rs", "fn main() {}");
        auto r = extract_paths({(dir / "empty").string()});
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().message.find("no articles found") != std::string::npos);
    }
    SECTION("a binary file") {
        write(dir / "bin.md", std::string("\x7f" "ELF\0\0\0", 7));
        auto r = extract_paths({(dir / "bin.md").string()});
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().message.find("binary") != std::string::npos);
    }
    SECTION("invalid UTF-8, with its line") {
        auto r = make_article("x.md", "fine\nbad \xC3\x28 here\n");
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().message == "x.md:2: invalid UTF-8");
    }
    SECTION("a 50 MB file is refused, not chewed on") {
        auto path = dir / "huge.md";
        {
            std::ofstream out(path, std::ios::binary);
            std::string line(1023, 'a');
            line += '\n';
            for (int i = 0; i < 50 * 1024; ++i) {
                out << line;
            }
        }
        auto r = extract_paths({path.string()});
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().message.find("too large") != std::string::npos);
        CHECK(r.error().message.find('\n') == std::string::npos);
    }
    fs::remove_all(dir);
}

TEST_CASE("CRLF line endings give the same lines as LF") {
    auto crlf = make_article("a.md", "text\r\n\r\n```rust\r\nfn main() {}\r\n```\r\n");
    REQUIRE(crlf.ok());
    auto ex = extract_article(*crlf);
    REQUIRE(ex.snippets.size() == 1);
    CHECK(ex.snippets[0].start_line == 4);
    CHECK(ex.snippets[0].code == "fn main() {}");
}

TEST_CASE("directories are searched recursively in a stable order") {
    auto dir = scratch_dir() / "tree";
    fs::create_directories(dir / "sub");
    write(dir / "b.md", "```rust\nfn b() {}\n```\n");
    write(dir / "sub" / "a.markdown", "```rust\nfn a() {}\n```\n");
    write(dir / "skip.rs", "fn main() {}");
    auto r = extract_paths({dir.string()});
    REQUIRE(r.ok());
    REQUIRE(r->snippets.size() == 2);
    CHECK(r->snippets[0].id == "b:2");
    CHECK(r->snippets[1].id == "a:2");
    fs::remove_all(dir.parent_path());
}
