/// `exp`, `tanh` and the logistic sigmoid over whole buffers, eight lanes at a time.
///
/// Why not libm: `Foundation.tanh` costs ~20 ns a scalar here, so a 256×96 gate activation took
/// longer than the GEMM that produced it. These are the Cephes single-precision algorithms
/// (range reduction by ln 2 and a degree-6 polynomial for exp; an odd polynomial near 0 and
/// `1 − 2/(e^{2|x|} + 1)` elsewhere for tanh), written on `SIMD8<Float>` so every build
/// vectorises them. Accuracy: within a few ulp of libm over the whole range (tested); `exp`
/// saturates at e^±88.3 (≈2.2e38 and ≈4.6e-39) instead of reaching ±inf / 0, which no finite
/// loss here depends on.
public enum VectorMath {
    public typealias V = SIMD8<Float>

    /// e^x per lane.
    @inline(__always)
    public static func exp(_ x: V) -> V {
        let low = V(repeating: -87.3), high = V(repeating: 88.3)
        var clamped = x.replacing(with: low, where: x .< low)
        clamped = clamped.replacing(with: high, where: clamped .> high)
        // n = round(x / ln 2) by the 1.5·2^23 trick: adding it leaves n in the low mantissa bits
        // (exact for |n| < 2^22), so neither a rounding instruction nor a conversion is needed.
        let magic = V(repeating: 12_582_912)
        let shifted = clamped * 1.442_695_04 + magic
        let n = shifted - magic
        var r = clamped - n * 0.693_359_375
        r = r - n * -2.121_944_4e-4
        let z = r * r
        var p = V(repeating: 1.987_569_15e-4)
        p = p * r + 1.398_199_95e-3
        p = p * r + 8.333_451_9e-3
        p = p * r + 4.166_579_59e-2
        p = p * r + 1.666_666_55e-1
        p = p * r + 5.000_000_12e-1
        let y = p * z + r + 1
        // 2^n from the exponent bits.
        let bits = unsafeBitCast(shifted, to: SIMD8<Int32>.self) &- 0x4B40_0000  // = n
        let exponent = (bits &+ 127) &<< 23
        return y * unsafeBitCast(exponent, to: V.self)
    }

    /// tanh x per lane.
    @inline(__always)
    public static func tanh(_ x: V) -> V {
        let a = abs(x)
        // Near 0, 1 − 2/(e^{2x}+1) cancels; the odd polynomial keeps relative accuracy there.
        let z = x * x
        var p = V(repeating: -5.704_988_72e-3)
        p = p * z + 2.063_908_88e-2
        p = p * z - 5.373_971_56e-2
        p = p * z + 1.333_144_22e-1
        p = p * z - 3.333_328_19e-1
        let small = p * z * x + x
        let large = 1 - 2 / (exp(a + a) + 1)
        let signed = large.replacing(with: -large, where: x .< 0)
        return signed.replacing(with: small, where: a .< 0.625)
    }

    /// The logistic sigmoid 1 / (1 + e^−x) per lane.
    @inline(__always)
    public static func sigmoid(_ x: V) -> V {
        1 / (1 + exp(-x))
    }

    @inline(__always)
    static func abs(_ x: V) -> V { x.replacing(with: -x, where: x .< 0) }

    /// Applies a lane function to `count` floats from `source` into `destination` (which may be
    /// the same buffer): whole vectors first, then the tail through a zero-padded vector.
    @inline(__always)
    public static func apply(
        _ source: UnsafePointer<Float>, _ destination: UnsafeMutablePointer<Float>, count: Int,
        _ f: (V) -> V
    ) {
        for i in stride(from: 0, to: count, by: 8) {
            let n = min(8, count - i)
            Lanes.store(f(Lanes.load(source + i, n)), destination + i, n)
        }
    }

    /// A new array of `f` applied to every element of `x`.
    @inline(__always)
    public static func map(_ x: [Float], _ f: (V) -> V) -> [Float] {
        [Float](unsafeUninitializedCapacity: x.count) { out, n in
            if let o = out.baseAddress {
                x.withUnsafeBufferPointer { apply($0.baseAddress!, o, count: x.count, f) }
            }
            n = x.count
        }
    }

    /// Scalar versions (one lane of the vector code), for code that works element by element.
    @inline(__always) public static func exp(_ x: Float) -> Float { exp(V(repeating: x))[0] }
    @inline(__always) public static func tanh(_ x: Float) -> Float { tanh(V(repeating: x))[0] }
    @inline(__always) public static func sigmoid(_ x: Float) -> Float { sigmoid(V(repeating: x))[0] }
}
