// ANCHOR: all
// ANCHOR: square
pub fn square(x: u32) -> u32 {
    x * x
}
// ANCHOR_END: square

// ANCHOR: main
fn main() {
    // ANCHOR_END: main
    let side = 3;
    // ANCHOR: call
    println!("{}", square(side));
    // ANCHOR_END: call
}
// ANCHOR_END: all
