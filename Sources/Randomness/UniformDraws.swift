/// The uniform draws every seeded generator in mist shares. They are spelled out (rather than
/// using the standard library's `Int.random(in:using:)`) because their exact use of the stream is
/// part of what a seed means: the same seed must give the same split and the same data forever.
extension RandomNumberGenerator {
    /// Uniform integer in `0 ..< bound` without modulo bias (Lemire's multiply-and-reject).
    public mutating func int(below bound: Int) -> Int {
        precondition(bound > 0, "int(below:) needs a positive bound, got \(bound)")
        let b = UInt64(bound)
        var product = next().multipliedFullWidth(by: b)
        if product.low < b {
            let threshold = (0 &- b) % b
            while product.low < threshold { product = next().multipliedFullWidth(by: b) }
        }
        return Int(product.high)
    }

    /// Uniform in `[0, 1)` with 53 bits of precision.
    public mutating func nextDouble() -> Double { Double(next() >> 11) * 0x1p-53 }
}
