/// SplitMix64: a tiny, fast, seedable generator with 64 bits of state. InterestData draws the
/// cold-target users and generates synthetic data with it directly, and `SeededRandom` expands
/// its seed with it. Defined here rather than taken from the standard library so that a seed
/// means the same stream on every platform and Swift version.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
