#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "extractor/plaintext.hpp"
#include "extractor/command_line.hpp"
#include "extractor/item_syntax.hpp"
#include "extractor/line_states.hpp"
#include "extractor/region_edges.hpp"
#include "extractor/segment.hpp"

using namespace snipcheck;

namespace {

std::vector<Segment> segments(std::string_view text) {
    auto lines = split_lines(text);
    return segment_lines(lines, std::vector<bool>(lines.size(), false), LineModel::embedded());
}

// The first and last line (0-based) of each region segment_lines() finds in `text`.
using Spans = std::vector<std::pair<int, int>>;
Spans spans(std::string_view text) {
    Spans out;
    for (const Segment& s : segments(text)) {
        out.emplace_back(s.first, s.last);
    }
    return out;
}

// Which lines wrapped_continuations() ties to the line above, with the embedded model.
std::vector<bool> tied_lines(const std::vector<std::string_view>& lines) {
    std::vector<Emission> emissions;
    for (auto line : lines) {
        emissions.push_back(model_text(line).empty() ? Emission{} : line_emission(model_text(line), LineModel::embedded()));
    }
    return wrapped_continuations(lines, emissions);
}

}  // namespace

TEST_CASE("rustdoc's hidden lines stay in the region") {
    auto s = segments(
        "The example below reads a number and prints it twice, as you can see here.\n"
        "# fn main() {\n"
        "let x = 5;\n"
        "println!(\"{x} {x}\");\n"
        "# }\n"
        "That is all there is to it, and the next section explains why it works.\n");
    REQUIRE(s.size() == 1);
    CHECK(s[0].first == 1);
    CHECK(s[0].last == 4);
    CHECK(s[0].language == "rust");
}

TEST_CASE("comment lines written in English stay in the region") {
    auto s = segments(
        "Here is how the server starts, in a handful of lines that do little.\n"
        "// Bind the listener before anything else happens in this program\n"
        "let listener = TcpListener::bind(\"127.0.0.1:8080\")?;\n"
        "// then accept connections one at a time, forever, until it is stopped\n"
        "for stream in listener.incoming() {\n"
        "handle(stream?);\n"
        "}\n"
        "The loop never ends on its own, which is what a server wants most of the time.\n");
    REQUIRE(s.size() == 1);
    CHECK(s[0].first == 1);
    CHECK(s[0].last == 6);
}

TEST_CASE("a blank line inside open braces does not split a region") {
    auto s = segments(
        "The type below keeps two fields and a method that reads one of them back.\n"
        "\n"
        "struct Point {\n"
        "x: i32,\n"
        "\n"
        "y: i32,\n"
        "}\n"
        "\n"
        "impl Point {\n"
        "fn x(&self) -> i32 {\n"
        "\n"
        "self.x\n"
        "}\n"
        "}\n"
        "\n"
        "Nothing more is needed to use it from the rest of the program, as shown next.\n");
    REQUIRE(s.size() == 1);
    CHECK(s[0].first == 2);
    CHECK(s[0].last == 13);
}

TEST_CASE("two complete listings separated by a blank line are split when the second redefines the first") {
    auto s = segments(
        "First the version that does not compile, because the value moved away.\n"
        "fn main() {\n"
        "let v = vec![1, 2, 3];\n"
        "let w = v;\n"
        "println!(\"{:?}\", v);\n"
        "}\n"
        "\n"
        "fn main() {\n"
        "let v = vec![1, 2, 3];\n"
        "let w = v.clone();\n"
        "println!(\"{:?} {:?}\", v, w);\n"
        "}\n"
        "The clone makes a second vector, so both names stay usable until the end.\n");
    REQUIRE(s.size() == 2);
    CHECK(s[0].first == 1);
    CHECK(s[0].last == 5);
    CHECK(s[1].first == 7);
    CHECK(s[1].last == 11);
}

TEST_CASE("compiler output is not taken for Rust") {
    auto s = segments(
        "The compiler refuses the program and explains what went wrong, like this:\n"
        "error[E0382]: borrow of moved value: `v`\n"
        " --> src/main.rs:4:22\n"
        "  |\n"
        "2 |     let v = vec![1, 2, 3];\n"
        "  |         - move occurs because `v` has type `Vec<i32>`\n"
        "3 |     let w = v;\n"
        "  |             - value moved here\n"
        "4 |     println!(\"{:?}\", v);\n"
        "  |                      ^ value borrowed here after move\n"
        "\n"
        "For more information about this error, try `rustc --explain E0382`.\n"
        "The fix is to clone the vector or to borrow it instead of moving it away.\n");
    CHECK(s.empty());
}

TEST_CASE("quote markers are read through and stripped from the region's code") {
    const char* text =
        "The original post quoted the snippet, which a scrape keeps with its markers.\n"
        "> fn add(a: i32, b: i32) -> i32 {\n"
        ">     a + b\n"
        "> }\n"
        "After the quote the article goes on with its own words, as articles do.\n";
    auto regions = detect_regions(text);
    REQUIRE(regions.size() == 1);
    CHECK(regions[0].start_line == 2);
    CHECK(regions[0].end_line == 4);
    CHECK(regions[0].code == "fn add(a: i32, b: i32) -> i32 {\n    a + b\n}");
}

TEST_CASE("list indentation the page left is stripped from the region's code") {
    auto regions = detect_regions(
        "1. Add the dependency, then write the function in your library's root file:\n"
        "\n"
        "       pub fn double(x: i32) -> i32 {\n"
        "           x * 2\n"
        "       }\n"
        "\n"
        "2. Call it from the binary, and run the program to see the doubled number.\n");
    REQUIRE(regions.size() == 1);
    CHECK(regions[0].code == "pub fn double(x: i32) -> i32 {\n    x * 2\n}");
}

TEST_CASE("a command with options between sentences is shell, a sentence about a command is not") {
    auto s = segments(
        "The server below answers on a port of your choice, in one binary.\n"
        "some-server --port 1234 serve -m models/small\n"
        "Picking guide:\n"
        "cargo install ripgrep builds ripgrep from source. That takes minutes.\n"
        "Then the article goes on with more prose about other things.\n");
    REQUIRE(s.size() == 1);
    CHECK(s[0].first == 1);
    CHECK(s[0].last == 1);
    CHECK(s[0].language == "shell");
}

TEST_CASE("a table's rule line alone is not a snippet") {
    auto s = segments(
        "The table below compares the two tools on size and memory, side by side.\n"
        "| Item | One | Two |\n"
        "|---|---|---|\n"
        "| Size | small | large |\n"
        "Either way the choice depends on what the project needs most of all.\n");
    CHECK(s.empty());
}

TEST_CASE("a heading that lost its markup between two listings ends the first") {
    auto s = segments(
        "The web layer comes first, in a single function that does little.\n"
        "fn serve() {\n"
        "    let port = 8080;\n"
        "}\n"
        "Database Access\n"
        "// the storage layer, next\n"
        "use std::collections::HashMap;\n"
        "fn store() -> HashMap<String, u32> { HashMap::new() }\n"
        "That is the whole program, and the next section explains how it runs.\n");
    REQUIRE(s.size() == 2);
    CHECK(s[0].last == 3);
    CHECK(s[1].first == 5);
}

TEST_CASE("a line that goes on a paragraph the dump wrapped is prose, whatever its words") {
    // A text browser fills each line of a paragraph up to the page's width; a line whose first
    // word would not have fitted on the line above continues that paragraph.
    const char* text =
        "   Whether using channels for everything can degrade or improve the speed\n"
        "   of a concurrent program compared with locks is an open question; I think\n"
        "   the answer, like the answer to most computer science questions, is \"it\n"
        "   depends.\"\n"
        "\n"
        "   The next section measures both ways of sharing state on the same program\n"
        "   and shows the numbers, so that you can make up your own mind about it.\n"
        "\n"
        "let total = counter.lock().unwrap();\n";
    auto lines = split_lines(text);
    auto tied = tied_lines(lines);
    CHECK(tied[1]);
    CHECK(tied[3]);
    CHECK_FALSE(tied[8]);  // below a blank line
    auto s = segments(text);
    REQUIRE(s.size() == 1);
    CHECK(s[0].first == 8);
}

TEST_CASE("a line of code right below a paragraph's last line is not the paragraph's rest") {
    // html2text keeps no blank line above a listing: a paragraph's last line, cut mid-sentence
    // at the page's width, and below it code that ends as a statement or block does.
    const char* text =
        "Whether using channels for everything can degrade or improve the speed of\n"
        "a concurrent program compared with locks is an open question; I think the\n"
        "answer, like the answer to most computer science questions, depends on it\n"
        "and the program below shows one of the two ways of sharing the state, with\n"
        "fn main() {\n"
        "    let total = counter.lock().unwrap();\n"
        "}\n";
    auto lines = split_lines(text);
    auto tied = tied_lines(lines);
    CHECK(tied[1]);
    CHECK(tied[3]);
    CHECK_FALSE(tied[4]);
    auto s = segments(text);
    REQUIRE(s.size() == 1);
    CHECK(s[0].first == 4);
}

TEST_CASE("without prose lines near one width, no line is taken for a wrapped paragraph's") {
    auto lines = split_lines(
        "Here is a short sentence.\n"
        "let x = 5;\n"
        "let y = x + 1;\n");
    auto tied = tied_lines(lines);
    CHECK(std::none_of(tied.begin(), tied.end(), [](bool t) { return t; }));
}

TEST_CASE("words ending in a colon and an alert marker above a listing stay out of it") {
    auto s = segments(
        "Until now the handler never answered anything back to the client. Let's change that:\n"
        "fn handle(stream: TcpStream) -> std::io::Result<()> {\n"
        "    let mut reader = BufReader::new(stream);\n"
        "    Ok(())\n"
        "}\n"
        "\n"
        "[!EXAMPLE]\n"
        "use std::collections::HashMap;\n"
        "let mut scores: HashMap<&str, i32> = HashMap::new();\n");
    REQUIRE(s.size() == 2);
    CHECK(s[0].first == 1);
    CHECK(s[0].last == 4);
    CHECK(s[1].first == 7);
    CHECK(s[1].last == 8);
}

TEST_CASE("markup inside a macro's body does not vote a Rust listing into another language") {
    auto s = segments(
        "The component below renders two progress bars that advance together on every click.\n"
        "\n"
        "let (count, set_count) = signal(0);\n"
        "view! {\n"
        "    <div class=\"bars\">\n"
        "        <progress max=\"50\" value=count/>\n"
        "        <progress max=\"50\" value=count/>\n"
        "        <button on:click=move |_| set_count.update(|n| *n += 1)>\"+1\"</button>\n"
        "    </div>\n"
        "}\n"
        "\n"
        "The same page shows it in plain JavaScript, for comparison with what you may know.\n"
        "\n"
        "const button = document.querySelector('button');\n"
        "button.addEventListener('click', () => { count += 1; render(); });\n"
        "function render() { document.getElementById('bar').value = count; }\n");
    REQUIRE(s.size() == 1);
    CHECK(s[0].first == 2);
    CHECK(s[0].language == "rust");
}

TEST_CASE("two listings that each end in rustdoc's hidden main are two listings") {
    auto s = segments(
        "The reference shows what may stand before self in a brace group of a use declaration.\n"
        "\n"
        "mod m {\n"
        "    pub enum E { V1, V2 }\n"
        "}\n"
        "use m::E::{self, V1};\n"
        "# fn main() {}\n"
        "\n"
        "struct S {}\n"
        "use S::{self as _};\n"
        "# fn main() {}\n");
    REQUIRE(s.size() == 2);
    CHECK(s[0].last == 6);
    CHECK(s[1].first == 8);
}

TEST_CASE("a listing keeps the comment that heads it right below a paragraph, and a blank line above its body") {
    auto s = segments(
        "   So with all of that context out of the way, here is the code, updated for rooms:\n"
        "// ...\n"
        "\n"
        "#[derive(Clone)]\n"
        "struct Names(Arc<Mutex<HashSet<String>>>);\n"
        "\n"
        "impl Names {\n"
        "    fn new() -> Self {\n"
        "        Self(Arc::new(Mutex::new(HashSet::new())))\n"
        "    }\n"
        "}\n");
    REQUIRE(s.size() == 1);
    CHECK(s[0].first == 1);
    CHECK(s[0].last == 10);
}

TEST_CASE("a dump with no blank line between two listings is cut where an item is defined again") {
    auto s = segments(
        "The compiler accepts the first trait and rejects the second, which binds a pattern.\n"
        "trait T {\n"
        "    fn f1((a, b): (i32, i32)) {}\n"
        "}\n"
        "trait T {\n"
        "    fn f1(123: i32) {}\n"
        "}\n"
        "Throws:\n"
        "const trait Bar {}\n"
        "const trait Foo: [const] Bar {}\n");
    REQUIRE(s.size() == 3);
    CHECK(s[0].first == 1);
    CHECK(s[0].last == 3);
    CHECK(s[1].first == 4);
    CHECK(s[1].last == 6);
    CHECK(s[2].first == 8);  // `Throws:` ends the listing above; const traits are two names
    CHECK(s[2].last == 9);
}

TEST_CASE("a region's unsure edges: lines that read as prose or output by themselves") {
    const Emission code{std::log(0.05), std::log(0.9), std::log(0.05)};
    const Emission prose{std::log(0.8), std::log(0.15), std::log(0.05)};
    const Emission output{std::log(0.1), std::log(0.2), std::log(0.7)};
    const Emission blank{};
    // 0 prose, 1 blank, 2-4 code, 5 prose, 6 tied to 5 (reads as code alone), 7 blank
    std::vector<Emission> emissions{prose, blank, code, code, code, prose, code, blank};
    std::vector<int> state{kCode, -1, kCode, kCode, kCode, kCode, kCode, -1};
    std::vector<bool> tied(emissions.size(), false);
    tied[6] = true;
    Segment s{0, 6, "rust"};
    mark_unsure_edges(emissions, state, tied, s);
    CHECK(s.unsure_head == 2);  // the prose line and the blank line below it
    CHECK(s.unsure_tail == 2);  // the wrapped sentence, both its lines
    tied[6] = false;
    mark_unsure_edges(emissions, state, tied, s);
    CHECK(s.unsure_tail == 0);  // the last line reads as code: the edge is sure
    emissions[6] = output;
    mark_unsure_edges(emissions, state, tied, s);
    CHECK(s.unsure_tail == 2);
    emissions[6] = kCommentLean;  // a comment leans to code: no unsure line
    mark_unsure_edges(emissions, state, tied, s);
    CHECK(s.unsure_tail == 0);
    Segment all{5, 5, "rust"};  // nothing sure left: no edge is unsure
    mark_unsure_edges(emissions, state, tied, all);
    CHECK(all.unsure_head + all.unsure_tail == 0);
}

TEST_CASE("a sentence the dump wrapped over two lines ends the listing above it") {
    // html2text keeps no blank line around a listing. The sentence between these two reads as
    // prose only leaning (its words are lifetimes and types), and neither of its lines is written
    // as a sentence alone: wrapped back together, the two are one, capitalised and ended.
    auto s = segments(
        "An iterator over a slice hands out references into the slice, one at a time, and\n"
        "each reference borrows from the slice rather than from the iterator itself, so\n"
        "the lifetime in the signature below names the slice and not the iterator state:\n"
        "struct Bytes<'data> {\n"
        "    rest: &'data [u8]\n"
        "}\n"
        "Every returned &'data u8 outlives the &'next mut self borrow of each next_byte\n"
        "call, because 'data: 'next holds! Here is the impl.\n"
        "impl<'data> Bytes<'data> {\n"
        "    fn next_byte(&mut self) -> Option<&'data u8> {\n"
        "        let (first, rest) = self.rest.split_first()?;\n"
        "        self.rest = rest;\n"
        "        Some(first)\n"
        "    }\n"
        "}\n"
        "The caller can now hold two bytes at once without any complaint from the borrow\n"
        "checker, which is what we wanted from the start.\n");
    REQUIRE(s.size() == 2);
    CHECK(s[0].first == 3);
    CHECK(s[0].last == 5);
    CHECK(s[1].first == 8);
    CHECK(s[1].last == 14);
}

TEST_CASE("where the page indents its paragraphs, a line at that margin is prose unless sure code") {
    // lynx indents every paragraph by three columns and no preformatted line. The last line of
    // this paragraph reads as code about as much as prose; its margin says which.
    const std::string text =
        "   Generic arguments\n"
        "\n"
        "   The :: token is required before the opening < for generic arguments in\n"
        "   an expression, to avoid ambiguity with the less-than operator, and the\n"
        "   compiler tells you so when you leave it out. The rule applies to method\n"
        "   calls and to paths alike, and to constants as well as to types, which\n"
        "   surprises people who come from languages with other rules about it.\n"
        "   Hence the \"turbofish\" syntax.\n"
        "(0..10).collect::<Vec<_>>();\n"
        "Vec::<u8>::with_capacity(1024);\n"
        "\n"
        "   The next section explains why the parser needs it.\n";
    auto s = segments(text);
    REQUIRE(s.size() == 1);
    CHECK(s[0].first == 8);
    CHECK(s[0].last == 9);
    SECTION("a page without the margin shows nothing: the line goes with the code") {
        std::string flat;
        for (auto line : split_lines(text)) {
            flat += std::string(line.substr(std::min(line.find_first_not_of(' '), line.size()))) + "\n";
        }
        auto f = segments(flat);
        REQUIRE(f.size() == 1);
        CHECK(f[0].first == 7);
    }
}

TEST_CASE("a compiler's quote of a source line is output, and its brace opens nothing") {
    // Old rustc quoted the failing line after its location: `file.rs:N  code {`. Read as code,
    // its open brace carried the region over the prose and output below to the next `}`.
    auto s = segments(
        "Compile it, and the compiler complains:\n"
        "$ rustc total.rs\n"
        "total.rs:3:8: 3:20 error: unresolved name `sum_all`.\n"
        "total.rs:3     if sum_all(1) {\n"
        "                  ^~~~~~~~~~~\n"
        "error: aborting due to previous error\n"
        "\n"
        "That makes sense, since nothing defines it yet. So we define it here:\n"
        "fn sum_all(n: u32) -> bool {\n"
        "    n > 0\n"
        "}\n");
    REQUIRE_FALSE(s.empty());
    CHECK(s.back().first == 8);
    CHECK(s.back().last == 10);
}

TEST_CASE("a string literal the dump wrapped over two lines leaves no bracket open") {
    // The `"` that closes the wrapped string must not open a new one: read line by line, each
    // `println!(` stays open and the region runs on over the two sentences below.
    auto s = segments(
        "Now look at the first version of it again, the one we wrote before:\n"
        "    impl Monster {\n"
        "        fn attack(&self) {\n"
        "            match *self {\n"
        "                Scuba(l, s, c, w) => println!(\"The monster attacks for\n"
        "{} damage.\", w),\n"
        "                Raver(l, s, c, w) => println!(\"The monster\n"
        "attacks for {} damage.\", w)\n"
        "            }\n"
        "        }\n"
        "    }\n"
        "Ugh. This is way better. No destructuring on types. We can write an\n"
        "implementation for absolutely anything:\n"
        "    trait Monster {\n"
        "        fn attack(&self);\n"
        "    }\n");
    REQUIRE(s.size() == 2);
    CHECK(s[0].first == 1);
    CHECK(s[0].last == 10);
    CHECK(s[1].first == 13);
    CHECK(s[1].last == 15);
}

TEST_CASE("a shell session's prompt lines are not part of the Rust listing they show") {
    auto s = segments(
        "The compiler can then make certain optimizations. Check this out:\n"
        "$ cat traits.rs\n"
        "    fn print_vec<T: Display>(v: &[T]) {\n"
        "        for i in v.iter() {\n"
        "            println!(\"{}\", i)\n"
        "        }\n"
        "    }\n"
        "\n"
        "    fn main() {\n"
        "        print_vec(&[1, 2, 3]);\n"
        "    }\n"
        "$ rustc traits.rs && ./traits\n"
        "1\n"
        "2\n"
        "3\n");
    auto rust = std::find_if(s.begin(), s.end(), [](const Segment& x) { return x.language == "rust"; });
    REQUIRE(rust != s.end());
    CHECK(rust->first == 2);
    CHECK(rust->last == 10);
}

TEST_CASE("depth_changes reads a string across the two lines a dump wrapped it over") {
    std::vector<std::string_view> lines{"println!(\"attacks for", "{} damage.\", w);", "f(\"(\", '\"', x)"};
    CHECK(depth_changes(lines) == std::vector<int>{1, -1, 0});
    CHECK(depth_change("{} damage.\", w);") == 0);  // alone, its quote opens a string
}

TEST_CASE("a lone connective word between two one-line listings splits them") {
    auto s = segments(
        "With this, calling the A-function changes from:\n"
        "    let bot = f64x2(a(i, j), a(i, j + 1));\n"
        "    to\n"
        "    let bot = a(usizex2(i, i), usizex2(j, j+1));\n"
        "for a nice 20% speedup. Note that the official version can and does use nightly.\n");
    REQUIRE(s.size() == 2);
    CHECK(s[0].first == 1);
    CHECK(s[0].last == 1);
    CHECK(s[1].first == 3);
    CHECK(s[1].last == 3);
}

TEST_CASE("a sentence that quotes calls right below a listing is not part of it") {
    auto s = segments(
        "The Entry API still saves a good amount of work over this:\n"
        "if !map.contains(&k) {\n"
        "    map.insert(k, v);\n"
        "}\n"
        "This will result in hash(); get(); hash(); get(); really_insert(); in the\n"
        "worst case, which is twice the work the entry API does.\n");
    REQUIRE(s.size() == 1);
    CHECK(s[0].first == 1);
    CHECK(s[0].last == 3);
}

TEST_CASE("rustdoc's hidden lines vote with their Rust, not as shell comments") {
    auto s = segments(
        "With this, we can make our program correct, as the example below shows:\n"
        "# #![feature(new_uninit)]\n"
        "# #![feature(uninit_array)]\n"
        "# // checked on nightly only\n"
        "#\n"
        "use std::mem::MaybeUninit;\n"
        "\n"
        "unsafe {\n"
        "    let mut results = MaybeUninit::<[bool; 16]>::uninit();\n"
        "    println!(\"{}\", results.as_ptr().is_null());\n"
        "}\n"
        "Why is this different? Because the compiler can see the type of our memory.\n");
    REQUIRE(s.size() == 1);
    CHECK(s[0].first == 1);
    CHECK(s[0].last == 10);
    CHECK(s[0].language == "rust");
    CHECK(hidden_rust("# fn main() {") == "fn main() {");
    CHECK(hidden_rust("# install the tools first") == "# install the tools first");
}

TEST_CASE("a comment alone between blank lines divides one listing, the names after it may repeat") {
    const std::string listing =
        "Anonymous constants do not inherit the generic parameters of their item:\n"
        "struct Foo<const N: usize>;\n"
        "type Alias<T: Sized> = [T; 1 + 1];\n"
        "\n"
        "// Desugars to:\n"
        "\n"
        "struct Foo<const N: usize>;\n"
        "\n"
        "const ANON: usize = 1 + 1;\n"
        "type Alias<T: Sized> = [T; ANON];\n"
        "\n"
        "That is why the constant cannot name T.\n";
    auto s = segments(listing);
    REQUIRE(s.size() == 1);
    CHECK(s[0].first == 1);
    CHECK(s[0].last == 9);
    SECTION("a comment that heads the next item is no divider: a second listing") {
        std::string headed = listing;
        headed.replace(headed.find("// Desugars to:\n\n"), 17, "// Desugars to:\n");
        auto two = segments(headed);
        REQUIRE(two.size() == 2);
        CHECK(two[1].first == 4);
    }
}

TEST_CASE("a comment right below a listing heads the next one the dump set against it") {
    CHECK(spans(
        "The first version keeps the count in the struct:\n"
        "struct Counter {\n"
        "    count: u32,\n"
        "}\n"
        "// The second version counts in a cell, so that a shared reference can count.\n"
        "struct Counter {\n"
        "    count: std::cell::Cell<u32>,\n"
        "}\n"
        "Both compile.\n") == Spans{{1, 3}, {4, 7}});  // the second from its comment, not its struct
    SECTION("a comment below code inside one listing stays in it") {
        CHECK(spans(
            "A counter and its method:\n"
            "struct Counter {\n"
            "    count: u32,\n"
            "}\n"
            "// Counting never overflows: it saturates.\n"
            "impl Counter {\n"
            "    fn bump(&mut self) { self.count = self.count.saturating_add(1); }\n"
            "}\n"
            "That is all.\n") == Spans{{1, 7}});
    }
    SECTION("nor is it a comment alone between blank lines, that lets the names after it repeat") {
        CHECK(spans(
            "The first version keeps the count in the struct:\n"
            "struct Counter {\n"
            "    count: u32,\n"
            "}\n"
            "// The second version counts in a cell.\n"
            "\n"
            "struct Counter {\n"
            "    count: std::cell::Cell<u32>,\n"
            "}\n"
            "Both compile.\n") == Spans{{1, 4}, {6, 8}});
    }
}

TEST_CASE("statements below a listing stay with it, and the item that defines a name again starts the next") {
    const std::string first =
        "A module and a function that uses it:\n"
        "mod m {\n"
        "    pub const C: usize = 1;\n"
        "}\n"
        "fn f() -> usize { m::C }\n"
        "\n";
    const std::string after = "The second listing defines f again, which is an error.\n";
    CHECK(spans(first + "let a = f();\nlet b = f() + 1;\nfn f() -> usize { 2 }\nlet c = f();\n" + after) ==
          Spans{{1, 7}, {8, 9}});
    SECTION("a piece that defines a name of its own first starts the next listing at its blank line") {
        CHECK(spans(first + "struct S;\nfn f() -> S { S }\n" + after) == Spans{{1, 4}, {6, 7}});
    }
}

TEST_CASE("comment lines below a listing that prose follows are the listing's") {
    CHECK(spans(
        "The sum is printed:\n"
        "fn main() {\n"
        "    let total: u32 = [1, 2].iter().sum();\n"
        "    println!(\"{}\", total);\n"
        "}\n"
        "\n"
        "// 3\n"
        "// No overflow is possible here.\n"
        "Note that the sum needs its type written out.\n") == Spans{{1, 7}});
    SECTION("not a comment whose wrapped rest starts lower-case: it heads what follows") {
        auto two = spans(
            "The sum is printed:\n"
            "fn main() {\n"
            "    let total: u32 = [1, 2].iter().sum();\n"
            "}\n"
            "\n"
            "// The same sum over a slice of any length, for the callers that\n"
            "hold their numbers in a vector.\n"
            "fn sum(xs: &[u32]) -> u32 { xs.iter().sum() }\n"
            "Both compile.\n");
        REQUIRE_FALSE(two.empty());
        CHECK(two[0] == std::pair{1, 3});
    }
}
