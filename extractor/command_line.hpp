#pragma once
// The shape of a bare shell command as a reader recognises it on any page: a program name
// followed by arguments, and nothing of a sentence; and the shape of a lone Rust item line. The line model reads such a line, squeezed
// between two sentences without blank lines, about half as prose; segmentation leans it to code.
#include <string_view>

namespace snipcheck {

// True for `cargo install cargo-nextest` or `some-tool --port 1234 run`: the first word is a
// well-known command, or a lower-case program name followed by an option (`-x`, `--name`); at
// least one argument; no sentence punctuation at the end, no capitalised or English function
// word outside quotes.
bool reads_as_command(std::string_view t);

// A terminal's prompt and the command typed after it (`$ cargo run`, `$ ./target/debug/app`):
// a line of a shell session, never one of a Rust listing, where `$` starts a line only inside a
// macro's rules.
bool shell_prompt(std::string_view t);

// True for the first line of a Rust item or statement written alone, as articles quote
// signatures (`fn read(&mut self, buf: &mut [u8]) -> io::Result<usize>`, `impl !Send for T {}`):
// an item keyword first (after `pub`, `async`, `unsafe`, `const`), Rust punctuation, and before
// any `//` comment no sentence punctuation at the end, no typography and no English function word.
bool reads_as_item(std::string_view t);

// A line (trimmed) that reads as a statement of its own, never as the rest of a line above that
// a dump wrapped: it ends in `;`, `{`, `}` or `(`, or reads as an item.
bool reads_as_statement(std::string_view t);

// What a line says in the language it is written in: a rustdoc hidden line's Rust (`# fn main() {`,
// `# #![feature(x)]`, `# // comment`), not the `# ` a shell comment starts with too; "" for a
// lone `#`, which says nothing.
std::string_view hidden_rust(std::string_view t);

// A line that starts with a Rust source location, as compilers print them before a message or
// a quoted source line (`main.rs:3:8: 3:20 error: ...`, `main.rs:3     if x {`): output.
bool starts_with_source_location(std::string_view t);

// Lines that end the code above them, whatever the model says. A heading that lost its markup:
// two to eight capitalised words ("Database Access", "Error Handling in Rust").
bool heading(std::string_view t);

// Words ending in one colon that introduce what follows ("Let's change that:", "Output:").
bool introduces(std::string_view t);

// A few words that end in an English function word, as a sentence joins two listings with
// ("to", "or", "instead of", "compared to"): no Rust line ends so. Rust's keywords (`in`, `for`,
// `as`) and one-letter names (`a`) are no such end.
bool connective(std::string_view t);

// A line that starts as a written sentence does, whatever Rust it quotes after: a capitalised
// word and two lower-case ones, none a keyword ("This will result in hash(); get(); ..."). No Rust
// line starts with three bare words but keywords' (`pub async fn`, `let mut x`).
bool starts_as_sentence(std::string_view t);

// A GitHub or mdBook alert's marker the page kept as text (`[!NOTE]`, `[!EXAMPLE]`).
bool alert_marker(std::string_view t);

}  // namespace snipcheck
