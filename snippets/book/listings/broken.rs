// ANCHOR: all
fn main() {
    // ANCHOR: body
    let total: u32 = "three";
    // ANCHOR_END: body
    println!("{}", total);
}
// ANCHOR_END: all
