#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <string>

#include "extractor/command_line.hpp"
#include "extractor/extract.hpp"
#include "extractor/plaintext.hpp"

using namespace snipcheck;

TEST_CASE("regions of a scrape that lost its fences and indentation") {
    const char* text =
        "An Article About Things\n"          // 1
        "Here is how a server starts. It is short.\n"  // 2
        "// Minimal server\n"                // 3
        "use std::net::TcpListener;\n"       // 4
        "fn main() {\n"                      // 5
        "let l = TcpListener::bind(\"0.0.0.0:80\").unwrap();\n"  // 6
        "}\n"                                // 7
        "Then install the tools you need.\n"  // 8
        "cargo install cargo-nextest\n"      // 9
        "cargo nextest run\n"                // 10
        "Configuration goes into the manifest.\n"  // 11
        "[dependencies]\n"                   // 12
        "serde = \"1\"\n"                    // 13
        "Adoption\n"                         // 14
        "# Adoption in 2025\n"               // 15
        "## Banks\n"                         // 16
        "- 40% of banks\n"                   // 17
        "- 30% of insurers\n"                // 18
        "Takeaways:\n"                       // 19
        "- bullets after prose are not code\n"  // 20
        "- nor is this one\n";               // 21
    auto regions = detect_regions(text);
    auto at = [&](int line) {
        auto r = std::find_if(regions.begin(), regions.end(), [&](const Block& x) { return x.start_line == line; });
        return r == regions.end() ? Block{} : *r;
    };
    CHECK(at(3).end_line == 7);
    CHECK(at(3).language == "rust");
    CHECK(at(3).origin == Origin::Detected);
    CHECK(at(3).info.empty());  // the language is the detector's, not an info string
    CHECK(at(12).end_line == 13);
    CHECK(at(12).language == "toml");
    CHECK(at(15).end_line == 18);
    CHECK(at(15).language == "markdown");
    CHECK(regions.size() <= 4);
}

// Two bare commands squeezed between sentences, no blank line around them: the model reads
// them about half as prose; segmentation leans a line shaped as a command to code.
TEST_CASE("bare shell commands between two sentences") {
    auto regions = detect_regions(
        "Then install the tools you need.\n"
        "cargo install cargo-nextest\n"
        "cargo nextest run\n"
        "Configuration goes into the manifest.\n");
    REQUIRE(regions.size() == 1);
    CHECK(regions[0].start_line == 2);
    CHECK(regions[0].language == "shell");
}

TEST_CASE("indented regions keep blank lines inside and end at prose") {
    const char* text =
        "Intro paragraph that explains the code below in some detail.\n"  // 1
        "\n"                                                               // 2
        "use std::fmt;\n"                                                  // 3
        "\n"                                                               // 4
        "struct P {\n"                                                     // 5
        "    x: i32,\n"                                                    // 6
        "}\n"                                                              // 7
        "\n"                                                               // 8
        "After the code comes more prose, which ends the region here.\n";  // 9
    auto regions = detect_regions(text);
    REQUIRE(regions.size() == 1);
    CHECK(regions[0].start_line == 3);
    CHECK(regions[0].end_line == 7);
}

TEST_CASE("a lone line of inline code inside prose is not a snippet") {
    auto regions = detect_regions("Some words here.\ntokio::select!,JoinSet (\nMore words follow here.\n");
    CHECK(regions.empty());
}

TEST_CASE("untagged blocks get a language from their content") {
    CHECK(detect_language("fn main() {\n    println!(\"hi\");\n}") == "rust");
    CHECK(detect_language("[package]\nname = \"x\"\nversion = \"0.1.0\"") == "toml");
    CHECK(detect_language("cargo build --release\ncd target") == "shell");
    CHECK(detect_language("# Title\n- a\n- b") == "markdown");
    CHECK(detect_language("some plain words here") == "text");
}

TEST_CASE("a long scrape is extracted in linear time") {
    // Each region's text used to be cut out by counting lines from the top of the article:
    // a million-line scrape alternating prose and code did not finish in ten minutes.
    std::string text;
    const int pairs = 100000;
    for (int i = 0; i < pairs; ++i) {
        text += "Then the article says what the next lines do.\n";
        text += "let value_" + std::to_string(i) + " = compute(" + std::to_string(i) + ");\n";
        text += "let other = value.unwrap();\n";
    }
    auto article = make_article("scrape.txt", text);
    REQUIRE(article.ok());
    auto t0 = std::chrono::steady_clock::now();
    auto ex = extract_article(*article);
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    REQUIRE(ex.snippets.size() == static_cast<std::size_t>(pairs));
    CHECK(ex.snippets.back().start_line == 3 * (pairs - 1) + 2);
    CHECK(ex.snippets.back().code == "let value_" + std::to_string(pairs - 1) + " = compute(" +
                                         std::to_string(pairs - 1) + ");\nlet other = value.unwrap();");
    CHECK(seconds < 15.0);
}

TEST_CASE("the shape of a bare command") {
    CHECK(reads_as_command("cargo install cargo-nextest"));
    CHECK(reads_as_command("cargo watch -x 'run --bin server'"));
    CHECK(reads_as_command("some-tool --port 1234 plain -m org/Model-7B"));
    CHECK_FALSE(reads_as_command("cargo install ripgrep builds ripgrep from source."));
    CHECK_FALSE(reads_as_command("cargo and rustup are the tools"));
    CHECK_FALSE(reads_as_command("cargo"));
    CHECK_FALSE(reads_as_command("14.2 cargo-watch \u2014 rerun on file change"));
    CHECK_FALSE(reads_as_command("Picking guide"));
}

TEST_CASE("the shape of a compiler's source location") {
    CHECK(starts_with_source_location("main.rs:3:8: 3:20 error: unresolved name `total`."));
    CHECK(starts_with_source_location("src/lib.rs:12     if total > 3 {"));
    CHECK(starts_with_source_location("main.rs:7"));
    CHECK_FALSE(starts_with_source_location("let path = \"main.rs:3\";"));
    CHECK_FALSE(starts_with_source_location("mod.rs: the module file"));
    CHECK_FALSE(starts_with_source_location("Field: u32,"));
}

TEST_CASE("the shape of a lone Rust item line") {
    CHECK(reads_as_item("fn read(&mut self, buf: &mut [u8]) -> Result<usize, io::Error>"));
    CHECK(reads_as_item("impl<T: Responder, E: Into<Error>> Responder for Result<T, E>"));
    CHECK(reads_as_item("impl !Send for MyType {} // this type cannot be sent to other threads"));
    CHECK(reads_as_item("pub const fn new() -> Self {"));
    CHECK(reads_as_item("let x = 5;"));
    CHECK_FALSE(reads_as_item("let alone the fact that it is still unstable, as we discussed"));
    CHECK_FALSE(reads_as_item("use of this function is discouraged, since it allocates"));
    CHECK_FALSE(reads_as_item("type system. The next section explains it: ok"));
    CHECK_FALSE(reads_as_item("fn pointers"));
}

TEST_CASE("a one-line signature right below a paragraph is a snippet") {
    auto regions = detect_regions(
        "   The reading half of the trait is the read method from the standard library:\n"
        "fn read(&mut self, buf: &mut [u8]) -> Result<usize, io::Error>\n"
        "   It borrows the buffer only for the duration of the call, which is the point.\n");
    REQUIRE(regions.size() == 1);
    CHECK(regions[0].start_line == 2);
    CHECK(regions[0].end_line == 2);
    CHECK(regions[0].language == "rust");
}

TEST_CASE("a line a text browser cut at the page's width is joined to its rest") {
    // lynx cuts preformatted lines at its page width (here 80), mid-token, and starts the rest
    // at the margin. The rest is joined back and left as a blank line: numbers stay.
    const std::string cut = "        let greeting = \"Once upon a time there was a small crab in a sea.\".to_up";
    REQUIRE(cut.size() == 80);
    const std::string text =
        "The function below shouts a greeting at whoever calls it, which is rude.\n"
        "\n"
        "fn main() {\n"
        "    let name = String::from(\"Ferris\");\n"
        "    if !name.is_empty() {\n" +
        cut + "\n" +
        "percase();\n"
        "        println!(\"{greeting}, {name}\");\n"
        "    }\n"
        "}\n"
        "\n"
        "It prints the greeting once and returns.\n";
    auto regions = detect_regions(text);
    REQUIRE(regions.size() == 1);
    CHECK(regions[0].start_line == 3);
    CHECK(regions[0].end_line == 10);
    CHECK(regions[0].code.find("\"Once upon a time there was a small crab in a sea.\".to_uppercase();\n\n") !=
          std::string::npos);
    SECTION("a line as wide as the widest, with its rest indented, is code that goes on: not joined") {
        std::string indented = text;
        indented.replace(indented.find("percase();"), 10, "        .to_string();");
        auto kept = detect_regions(indented);
        REQUIRE(kept.size() == 1);
        CHECK(kept[0].code.find(".to_up\n") != std::string::npos);
    }
}

TEST_CASE("a comment cut at the page's width at the margin is joined to its rest") {
    // A comment line at the margin cut mid-word by lynx: its rest starts at the margin too, so
    // the indentation cannot tell; the rest ends as no statement, argument or element does.
    const std::string cut = "// The call below expands to `1 + 0` whichever pass reads it, early or after typ";
    REQUIRE(cut.size() == 80);
    const std::string text = "For instance, the line of code below expands into a sum of two literals:\n\n" + cut +
                             "\nechecking\n1 + mac!()\n\nThe lint then sees both operands.\n";
    auto regions = detect_regions(text);
    REQUIRE(regions.size() == 1);
    CHECK(regions[0].start_line == 3);
    CHECK(regions[0].code.find("after typechecking\n\n1 + mac!()") != std::string::npos);
    SECTION("a rest that ends as an argument does is code, not the comment's rest") {
        std::string argument = text;
        argument.replace(argument.find("echecking"), 9, "compute(1),");
        auto kept = detect_regions(argument);
        REQUIRE(kept.size() == 1);
        CHECK(kept[0].code.find("after typ\ncompute(1),") != std::string::npos);
    }
}

TEST_CASE("a comment a text browser wrapped at a space, as it wraps prose, is joined with the space back") {
    // html2text wraps preformatted lines like paragraphs: at the page's width (here 79, which
    // several prose lines reach), at a space it drops, the rest at the margin.
    const std::string prose =
        "Since each worker thread processes its requests one after the other, handlers 1\n"
        "that block the current thread will stop the current worker from processing many\n"
        "new requests at all, which is why every slow operation should be asynchronous 2\n"
        "instead, as the following handler shows by doing exactly the wrong thing here:\n";
    const std::string comment = "    std::thread::sleep(Duration::from_secs(5)); // <-- Bad practice! Will cause";
    REQUIRE(comment.size() == 79);
    REQUIRE(prose.find('\n') == 79);
    const std::string text = prose + "\n" +
                             "fn my_handler() -> impl Responder {\n" + comment + "\n" +
                             "the current worker thread to hang!\n"
                             "    \"response\"\n"
                             "}\n"
                             "\n"
                             "Any long operation that is not bound by the processor belongs in a future.\n";
    auto regions = detect_regions(text);
    REQUIRE(regions.size() == 1);
    CHECK(regions[0].start_line == 6);
    CHECK(regions[0].end_line == 10);
    CHECK(regions[0].code.find("Will cause the current worker thread to hang!\n\n    \"response\"") != std::string::npos);
    SECTION("without its indentation, measured with four columns a bracket; a statement below is no rest") {
        std::string flat = text;
        flat.replace(flat.find(comment), 4, "");
        flat.replace(flat.find("    \"response\""), 4, "");
        flat.replace(flat.find("fn my_handler() -> impl Responder {"), 35,
                     "fn my_handler() -> impl Responder { // the handler, which waits on purpose\n"
                     "std::thread::yield_now();");
        auto joined = detect_regions(flat);
        REQUIRE(joined.size() == 1);
        CHECK(joined[0].code.find("Will cause the current worker thread to hang!") != std::string::npos);
        CHECK(joined[0].code.find("on purpose\nstd::thread::yield_now();") != std::string::npos);
    }
    SECTION("a line below that the model reads as code is no rest, however it ends") {
        std::string code = text;
        code.replace(code.find("the current worker thread to hang!"), 34, "Box::new(state.worker)");
        auto kept = detect_regions(code);
        REQUIRE(kept.size() == 1);
        CHECK(kept[0].code.find("Will cause\nBox::new(state.worker)") != std::string::npos);
    }
    SECTION("a field, or a call with a comment of its own, is code; a line with backticks is words") {
        for (std::string line : {"sleeping_workers,", "thread::yield_now(); // and again"}) {
            std::string code = text;
            code.replace(code.find("the current worker thread to hang!"), 34, line);
            auto kept = detect_regions(code);
            REQUIRE(kept.size() == 1);
            CHECK(kept[0].code.find("Will cause\n" + line) != std::string::npos);
        }
        std::string words = text;
        words.replace(words.find("the current worker thread to hang!"), 34, "`Worker::hang`,");
        auto joined = detect_regions(words);
        REQUIRE(joined.size() == 1);
        CHECK(joined[0].code.find("Will cause `Worker::hang`,") != std::string::npos);
    }
}

TEST_CASE("a few words ending in a function word join two listings, they are no code") {
    CHECK(connective("to"));
    CHECK(connective("or"));
    CHECK(connective("and then"));
    CHECK(connective("instead of"));
    CHECK(connective("is equivalent to"));
    CHECK_FALSE(connective("let mut a"));
    CHECK_FALSE(connective("impl Trait for"));
    CHECK_FALSE(connective("Option<T> or"));
    CHECK_FALSE(connective("a"));      // a one-letter name
    CHECK_FALSE(connective("in"));     // Rust's keywords
    CHECK_FALSE(connective("result"));
    CHECK_FALSE(connective("to the end of the page"));
}

TEST_CASE("a line cut mid-word in a dump that lost its indentation is joined to its rest") {
    // lynx cut both lines at its page width, 80 columns, with their indentation (8): without it
    // they fall short of every width the page shows, but within a few columns of the prose's
    // once given back four columns for each bracket open before them.
    const std::string prose =
        "The migrations run in the order they were added, and each one of them can be\n"
        "undone by the closure given second, which the schema keeps until it is asked\n"
        "to roll all of the list back, newest first, as the example below shows here.\n";
    REQUIRE(prose.find('\n') == 76);
    const std::string text = prose +
                             "\n"
                             "impl Schema {\n"
                             "fn run(&mut self) {\n"
                             "self.add_migration(|| \"create table\".to_string(), || \"drop table\".to_strin\n"
                             "g());\n"
                             "// (if it is, this cluster is entirely keys and tombstones, so keep goin\n"
                             "g)\n"
                             "self.execute();\n"
                             "}\n"
                             "}\n"
                             "\n"
                             "Each closure returns the statement it stands for.\n";
    auto regions = detect_regions(text);
    REQUIRE(regions.size() == 1);
    CHECK(regions[0].start_line == 5);
    CHECK(regions[0].end_line == 13);
    CHECK(regions[0].code.find("\"drop table\".to_string());\n\n") != std::string::npos);
    CHECK(regions[0].code.find("so keep going)\n\n") != std::string::npos);
    SECTION("a rest that starts with a keyword, or a comment that ends a sentence, is a line of its own") {
        std::string kept = text;
        kept.replace(kept.find("g());"), 5, "where");
        kept.replace(kept.find("keep goin\ng)"), 12, "keep going.\nself.log");
        auto regions = detect_regions(kept);
        REQUIRE(regions.size() == 1);
        CHECK(regions[0].code.find(".to_strin\nwhere") != std::string::npos);
        CHECK(regions[0].code.find("going.\nself.log") != std::string::npos);
    }
}

TEST_CASE("a line that starts as a written sentence does is no code, whatever it quotes") {
    CHECK(starts_as_sentence("This will result in hash(); get(); really_insert(); in the"));
    CHECK(starts_as_sentence("Note that the call below never returns."));
    CHECK_FALSE(starts_as_sentence("Self where T: Clone"));   // a keyword
    CHECK_FALSE(starts_as_sentence("let mut x = 5;"));        // lower-case first
    CHECK_FALSE(starts_as_sentence("Foo { x: 1 }"));
    CHECK(starts_as_sentence("Ok so far"));
    CHECK_FALSE(starts_as_sentence("Ok so"));
}

TEST_CASE("a comment's `//` that a dump cut between its slashes is joined back") {
    const std::string prose =
        "Each signature below comes in two forms, the elided one first and then the\n"
        "one with every lifetime written out, which the compiler infers from the one\n"
        "before it; both forms mean exactly the same thing to the type checker here.\n";
    const std::string text = prose +
                             "\n"
                             "    trait Example {\n"
                             "    fn args1<T: ToCStr>(&mut self, args: &[T]) -> &mut Command;        /\n"
                             "    / elided\n"
                             "    }\n"
                             "\n"
                             "Both forms compile.\n";
    auto regions = detect_regions(text);
    REQUIRE(regions.size() == 1);
    CHECK(regions[0].code.find("&mut Command;        // elided\n\n}") != std::string::npos);
}
