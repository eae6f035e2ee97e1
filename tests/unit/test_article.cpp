#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <string>
#include <utility>
#include <vector>

#include "extractor/article.hpp"
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
    CHECK(r->snippets[0].id == (dir / "b.md").string() + ":2");
    CHECK(r->snippets[1].id == (dir / "sub" / "a.markdown").string() + ":2");
    fs::remove_all(dir.parent_path());
}

TEST_CASE("UTF-8 is validated strictly, with the line of the first bad sequence") {
    const std::vector<std::pair<std::string, std::string>> bad{
        {"an encoded surrogate", "\xED\xA0\x80"},
        {"the last surrogate", "\xED\xBF\xBF"},
        {"an overlong slash (2 bytes)", "\xC0\xAF"},
        {"an overlong C1 lead", "\xC1\xBF"},
        {"an overlong slash (3 bytes)", "\xE0\x80\xAF"},
        {"an overlong 4-byte form", "\xF0\x80\x80\xAF"},
        {"a code point above U+10FFFF", "\xF4\x90\x80\x80"},
        {"an F5 lead", "\xF5\x80\x80\x80"},
        {"an FF byte", "\xFF"},
        {"a stray continuation byte", "\x80"},
        {"a truncated 3-byte sequence", "\xE2\x82"},
        {"a truncated 4-byte sequence at the end", "\xF0\x9F\x98"},
    };
    for (const auto& [name, bytes] : bad) {
        INFO(name);
        CHECK(first_invalid_utf8_line("one\ntwo " + bytes + " x\n") == 2);
        auto r = make_article("x.md", "# T\n\n```rust\nfn main() { \"" + bytes + "\"; }\n```\n");
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().message == "x.md:4: invalid UTF-8");
    }
    SECTION("well-formed text of every length passes") {
        CHECK(first_invalid_utf8_line("a \xC2\xA9 \xE2\x82\xAC \xED\x9F\xBF \xEE\x80\x80 \xF0\x9F\x98\x80 \xF4\x8F\xBF\xBF") == 0);
    }
    SECTION("a truncated sequence at the very end") {
        CHECK(first_invalid_utf8_line("ok\n\xC3") == 2);
    }
}

TEST_CASE("extracted snippets always serialise to JSON") {
    // nlohmann::json throws on invalid UTF-8 when dumping; nothing an article holds may reach it.
    auto r = make_article("x.md", "```rust\nfn main() { let s = \"\xF0\x9F\xA6\x80\"; }\n```\n");
    REQUIRE(r.ok());
    for (const auto& s : extract_article(*r).snippets) {
        CHECK_NOTHROW(to_json(s).dump());
    }
}

TEST_CASE("paths in reports are valid UTF-8 whatever the file is called") {
    CHECK(display_path("posts/a.md") == "posts/a.md");
    CHECK(display_path("posts/\xC3\xA9t\xC3\xA9.md") == "posts/\xC3\xA9t\xC3\xA9.md");
    CHECK(display_path("posts/\xFF.md") == "posts/\\xFF.md");
    CHECK(display_path("a\\b\nc.md") == "a\\x5Cb\\x0Ac.md");  // unambiguous, one line
    CHECK(display_path("\xED\xA0\x80.md") == "\\xED\\xA0\\x80.md");

    auto dir = scratch_dir() / "names";
    fs::create_directories(dir);
    write(dir / "\xFF\xFE.md", "```rust\nfn main() {}\n```\n");
    auto r = extract_paths({dir.string()});
    REQUIRE(r.ok());
    REQUIRE(r->snippets.size() == 1);
    CHECK(r->snippets[0].article == display_path(dir.string()) + "/\\xFF\\xFE.md");
    CHECK(r->snippets[0].id == display_path(dir.string()) + "/\\xFF\\xFE.md:2");
    CHECK_NOTHROW(to_json(r->snippets[0]).dump());
    fs::remove_all(dir.parent_path());
}

TEST_CASE("directory walks do not follow symbolic links out of the tree") {
    auto base = scratch_dir();
    auto tree = base / "site";
    auto outside = base / "secrets";
    fs::create_directories(tree / "posts");
    fs::create_directories(outside);
    write(outside / "id_ed25519.txt", "-----BEGIN OPENSSH PRIVATE KEY-----\ncargo build --release\nrustup update\n");
    write(outside / "other.md", "```rust\nfn secret() {}\n```\n");
    write(tree / "posts" / "a.md", "```rust\nfn a() {}\n```\n");
    fs::create_symlink(outside / "id_ed25519.txt", tree / "posts" / "key.txt");
    fs::create_symlink(outside, tree / "linked-dir");
    fs::create_symlink(tree / "posts" / "a.md", tree / "again.md");      // inside: read once
    fs::create_symlink(fs::path("posts") / "a.md", tree / "relative.md");  // inside, relative
    fs::create_symlink(tree / "nowhere.md", tree / "dangling.md");

    auto r = extract_paths({tree.string()});
    REQUIRE(r.ok());
    REQUIRE(r->snippets.size() == 1);
    CHECK(r->snippets[0].article == (tree / "posts" / "a.md").string());
    for (const auto& s : r->snippets) {
        CHECK(s.code.find("secret") == std::string::npos);
        CHECK(s.code.find("cargo build") == std::string::npos);
    }
    bool warned = false;
    for (const auto& w : r->warnings) {
        warned |= w.find("key.txt: skipped: a symbolic link to a file outside") != std::string::npos;
    }
    CHECK(warned);

    SECTION("a link inside the tree to a file inside it is read when the file is not") {
        fs::create_directories(base / "site2" / "real");
        write(base / "site2" / "real" / "b.rs", "```rust\nfn b() {}\n```\n");
        fs::create_symlink(base / "site2" / "real" / "b.rs", base / "site2" / "b.md");
        auto r2 = extract_paths({(base / "site2").string()});
        REQUIRE(r2.ok());
        REQUIRE(r2->snippets.size() == 1);
        CHECK(r2->snippets[0].code == "fn b() {}");
    }
    fs::remove_all(base);
}

TEST_CASE("a .txt with fences is Markdown only when its fences hold its code") {
    const std::string fenced =
        "Some words about the example that follows below, in a sentence.\n\n"
        "```rust\nfn main() {\n    println!(\"hi\");\n}\n```\n\nMore words after it, in another sentence.\n";
    auto markdown = make_article("post.txt", fenced);
    REQUIRE(markdown.ok());
    CHECK(markdown->format == ArticleFormat::Markdown);
    // A dumped page that quoted some Markdown keeps those fences, but its own listings lost theirs.
    auto scrape = make_article("page.txt", fenced +
                                               "\nThe server itself is just as short, and reads like this:\n\n"
                                               "use std::net::TcpListener;\n"
                                               "fn main() -> std::io::Result<()> {\n"
                                               "    let listener = TcpListener::bind(\"127.0.0.1:8080\")?;\n"
                                               "    Ok(())\n"
                                               "}\n");
    REQUIRE(scrape.ok());
    CHECK(scrape->format == ArticleFormat::PlainText);
}
