trait Shape {
    fn area(&self) -> f64;
}
fn total(shapes: &[Box<Shape>]) -> f64 {
    shapes.iter().map(|s| s.area()).sum()
}
