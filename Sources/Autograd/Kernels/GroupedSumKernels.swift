/// The loops of `groupedWeightedSum` (InterestModel: the sentiment layer and the item path, over
/// every history token of a batch), here with the other kernels so that they are built with
/// -Ounchecked, and written eight columns at a time. Deliberately not `@inlinable` (see
/// `GRUKernels`). Each output scalar is summed over its group's rows in order, exactly as one
/// scalar at a time, so the bits are the same.
public enum GroupedSumKernels {
    typealias V = SIMD8<Float>

    /// `out[i] += Σ_k weights[k] · x[k]` over the `lengths[i]` consecutive rows of group `i`
    /// (rows of `columns` floats); rows whose weight is 0 are skipped.
    public static func forward(_ x: UnsafePointer<Float>, weights: UnsafePointer<Float>, lengths: [Int], columns c: Int,
                               into out: UnsafeMutablePointer<Float>) {
        var k = 0
        for (i, n) in lengths.enumerated() {
            let o = out + i * c
            for _ in 0..<n {
                let w = weights[k]
                if w != 0 { multiplyAdd(w, x + k * c, into: o, count: c) }
                k += 1
            }
        }
    }

    /// `dx[k] = weights[k] · g[i]` for each row `k` of group `i` whose weight is not 0 (the
    /// other rows of `dx` are left as they are).
    public static func backward(_ g: UnsafePointer<Float>, weights: UnsafePointer<Float>, lengths: [Int], columns c: Int,
                                into dx: UnsafeMutablePointer<Float>) {
        var k = 0
        for (i, n) in lengths.enumerated() {
            let gi = g + i * c
            for _ in 0..<n {
                let w = weights[k]
                if w != 0 { scale(gi, by: w, into: dx + k * c, count: c) }
                k += 1
            }
        }
    }

    @inline(__always)
    static func multiplyAdd(_ w: Float, _ x: UnsafePointer<Float>, into o: UnsafeMutablePointer<Float>, count: Int) {
        var j = 0
        while j + 8 <= count {
            let sum = UnsafeRawPointer(o + j).loadUnaligned(as: V.self) + w * UnsafeRawPointer(x + j).loadUnaligned(as: V.self)
            UnsafeMutableRawPointer(o + j).storeBytes(of: sum, as: V.self)
            j += 8
        }
        while j < count { o[j] += w * x[j]; j += 1 }
    }

    @inline(__always)
    static func scale(_ x: UnsafePointer<Float>, by w: Float, into o: UnsafeMutablePointer<Float>, count: Int) {
        var j = 0
        while j + 8 <= count {
            UnsafeMutableRawPointer(o + j).storeBytes(of: w * UnsafeRawPointer(x + j).loadUnaligned(as: V.self), as: V.self)
            j += 8
        }
        while j < count { o[j] = w * x[j]; j += 1 }
    }
}
