import Foundation

/// A seeded xoshiro256** generator: fast, 256 bits of state, and the same stream on every
/// platform for the same seed (Swift's `SystemRandomNumberGenerator` is neither seedable nor
/// reproducible). The state is expanded from the 64-bit seed with SplitMix64, as the xoshiro
/// authors recommend.
///
/// It is a value type: copying it copies the stream. Give each thread its own generator, e.g.
/// from `forked()`.
public struct SeededRandom: RandomNumberGenerator, Sendable, Equatable {
    private var s0, s1, s2, s3: UInt64

    /// A generator whose whole stream is determined by `seed`.
    public init(seed: UInt64) {
        var expand = SplitMix64(seed: seed)
        s0 = expand.next(); s1 = expand.next(); s2 = expand.next(); s3 = expand.next()
    }

    /// The generator's whole state (four words), e.g. to save a training run and resume it.
    public var state: [UInt64] { [s0, s1, s2, s3] }

    /// The generator whose state is `state` (as read from `state`); nil unless four words, not all zero
    /// (xoshiro's all-zero state is a fixed point that only ever returns 0).
    public init?(state: [UInt64]) {
        guard state.count == 4, state.contains(where: { $0 != 0 }) else { return nil }
        s0 = state[0]; s1 = state[1]; s2 = state[2]; s3 = state[3]
    }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        let result = rotl(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3
        s2 ^= t
        s3 = rotl(s3, 45)
        return result
    }

    @inline(__always) private func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }

    /// A new, independent generator seeded from this one's stream (advances this one).
    public mutating func forked() -> SeededRandom { SeededRandom(seed: next()) }

    /// Uniform in `[0, 1)` with 24 bits of precision.
    public mutating func nextFloat() -> Float { Float(next() >> 40) * 0x1p-24 }

    /// Uniform in `[low, high)`.
    public mutating func uniform(_ low: Float, _ high: Float) -> Float { low + (high - low) * nextFloat() }

    /// Normally distributed with the given mean and standard deviation (Box–Muller; one
    /// sample per call so the stream position does not depend on hidden cached state).
    public mutating func normal(mean: Float = 0, standardDeviation: Float = 1) -> Float {
        let u1 = 1 - nextDouble()  // in (0, 1], so log is finite
        let u2 = nextDouble()
        let z = (-2 * Foundation.log(u1)).squareRoot() * Foundation.cos(2 * Double.pi * u2)
        return mean + standardDeviation * Float(z)
    }

    /// Shuffles `array` in place (Fisher–Yates, reproducible for a seed).
    public mutating func shuffle<T>(_ array: inout [T]) {
        guard array.count > 1 else { return }
        for i in stride(from: array.count - 1, to: 0, by: -1) {
            array.swapAt(i, int(below: i + 1))
        }
    }
}
