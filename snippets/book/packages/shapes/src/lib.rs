//! The sample book's own helper crate, as books ship theirs (the Rust Book's `trpl`).
use itertools::Itertools;

pub fn area(width: u32, height: u32) -> u32 {
    width * height
}

pub fn describe(sides: &[u32]) -> String {
    sides.iter().map(|s| s.to_string()).join(" x ")
}
