/// The loops of `groupedWeightedSum` (InterestModel: the sentiment layer and the item path, over
/// every history token of a batch), here with the other kernels so that they are built with
/// -Ounchecked, and written eight columns at a time (`Lanes`). Deliberately not `@inlinable` (see
/// `GRUKernels`). Each output scalar is summed over its group's rows in order, exactly as one
/// scalar at a time, so the bits are the same.
public enum GroupedSumKernels {
    /// `out[i] += Σ_k weights[k] · x[k]` over the `lengths[i]` consecutive rows of group `i`
    /// (rows of `columns` floats); rows whose weight is 0 are skipped.
    public static func forward(_ x: UnsafePointer<Float>, weights: UnsafePointer<Float>, lengths: [Int], columns c: Int,
                               into out: UnsafeMutablePointer<Float>) {
        forEachWeightedRow(weights, lengths) { k, i, w in
            for j in stride(from: 0, to: c, by: 8) {
                let n = min(8, c - j), o = out + i * c + j
                Lanes.store(Lanes.load(o, n) + w * Lanes.load(x + k * c + j, n), o, n)
            }
        }
    }

    /// `dx[k] = weights[k] · g[i]` for each row `k` of group `i` whose weight is not 0 (the
    /// other rows of `dx` are left as they are).
    public static func backward(_ g: UnsafePointer<Float>, weights: UnsafePointer<Float>, lengths: [Int], columns c: Int,
                                into dx: UnsafeMutablePointer<Float>) {
        forEachWeightedRow(weights, lengths) { k, i, w in
            for j in stride(from: 0, to: c, by: 8) {
                let n = min(8, c - j)
                Lanes.store(w * Lanes.load(g + i * c + j, n), dx + k * c + j, n)
            }
        }
    }

    /// Calls `body(k, i, w)` for each row `k`, in order, of group `i` whose weight `w` is not 0.
    @inline(__always)
    static func forEachWeightedRow(_ weights: UnsafePointer<Float>, _ lengths: [Int], _ body: (Int, Int, Float) -> Void) {
        var k = 0
        for (i, n) in lengths.enumerated() {
            for _ in 0..<n {
                if weights[k] != 0 { body(k, i, weights[k]) }
                k += 1
            }
        }
    }
}
