/// The elementwise parts of one GRU step over `m` running rows of width `d`, forward and
/// backward (MODEL-SPEC, content layer). They live here, with the other kernels, so that they are
/// built with -Ounchecked like them, while the model code that calls them (InterestModel, which
/// also parses checkpoints) keeps every check. They are deliberately not `@inlinable`: inlined
/// into the caller they would be compiled with the caller's settings. Callers pass pointers to
/// the first running row: gate rows are `3d` wide (`z | r | n`), state rows `d` wide. The
/// arithmetic is exactly the model's, in the same order, so results are bit-identical.
public enum GRUKernels {
    /// `z = G_z + GH_z`, `r = G_r + GH_r` (before the sigmoid); `hidden` is nil at the first
    /// step (`h_0 = 0`, so `GH = 0`). Eight lanes at a time, like every kernel here.
    public static func gatePreactivations(rows m: Int, width d: Int, gates: UnsafePointer<Float>, hidden: UnsafePointer<Float>?,
                                          update: UnsafeMutablePointer<Float>, reset: UnsafeMutablePointer<Float>) {
        let d3 = 3 * d
        for r in 0..<m {
            let g = gates + r * d3, gh = hidden.map { $0 + r * d3 }
            for c in stride(from: 0, to: d, by: 8) {
                let n = min(8, d - c)
                Lanes.store(Lanes.load(g + c, n) + (gh.map { Lanes.load($0 + c, n) } ?? Lanes.V()), update + r * d + c, n)
                Lanes.store(Lanes.load(g + d + c, n) + (gh.map { Lanes.load($0 + d + c, n) } ?? Lanes.V()), reset + r * d + c, n)
            }
        }
    }

    /// `U_n·h` (kept for the backward pass) and `n = G_n + r ⊙ (U_n·h)` (before the tanh).
    public static func candidatePreactivations(rows m: Int, width d: Int, gates: UnsafePointer<Float>, hidden: UnsafePointer<Float>?,
                                               reset: UnsafePointer<Float>, hiddenCandidate: UnsafeMutablePointer<Float>,
                                               candidate: UnsafeMutablePointer<Float>) {
        let d3 = 3 * d
        for r in 0..<m {
            let g = gates + r * d3 + 2 * d, gh = hidden.map { $0 + r * d3 + 2 * d }
            for c in stride(from: 0, to: d, by: 8) {
                let n = min(8, d - c), at = r * d + c
                let ghn = gh.map { Lanes.load($0 + c, n) } ?? Lanes.V()
                Lanes.store(ghn, hiddenCandidate + at, n)
                Lanes.store(Lanes.load(g + c, n) + Lanes.load(reset + at, n) * ghn, candidate + at, n)
            }
        }
    }

    /// `h' = n + z ⊙ (h − n)`, i.e. `(1 − z) ⊙ n + z ⊙ h`; `previous` is nil at the first step.
    public static func nextState(rows m: Int, width d: Int, update: UnsafePointer<Float>, candidate: UnsafePointer<Float>,
                                 previous: UnsafePointer<Float>?, state: UnsafeMutablePointer<Float>) {
        let count = m * d
        for i in stride(from: 0, to: count, by: 8) {
            let n = min(8, count - i)
            let z = Lanes.load(update + i, n), candidate = Lanes.load(candidate + i, n)
            let h = previous.map { Lanes.load($0 + i, n) } ?? Lanes.V()
            Lanes.store(candidate + z * (h - candidate), state + i, n)
        }
    }

    /// Backward through one step: from `dh` (the state gradient, by rank) to the gate
    /// pre-activation gradients (`gateGradient`, rows of `3d`, for the input side; and
    /// `hiddenGateGradient`, whose `n` part is scaled by `r`, for the hidden side) and the direct
    /// part of the previous state's gradient (`dh ⊙ z`).
    ///
    /// Written on eight lanes at once (`Lanes`): with nine buffers that might alias, the compiler
    /// left the scalar loop scalar, and it was the GRU's largest cost after the products.
    public static func backwardStep(rows m: Int, width d: Int, stateGradient dhs: UnsafePointer<Float>,
                                    update: UnsafePointer<Float>, reset: UnsafePointer<Float>, candidate: UnsafePointer<Float>,
                                    hiddenCandidate: UnsafePointer<Float>, previous: UnsafePointer<Float>?,
                                    previousGradient: UnsafeMutablePointer<Float>, gateGradient: UnsafeMutablePointer<Float>,
                                    hiddenGateGradient: UnsafeMutablePointer<Float>) {
        let d3 = 3 * d
        for r in 0..<m {
            let row = r * d, gateRow = r * d3
            for c in stride(from: 0, to: d, by: 8) {
                let n = min(8, d - c), at = row + c
                let dh = Lanes.load(dhs + at, n)
                let zc = Lanes.load(update + at, n), rc = Lanes.load(reset + at, n), nc = Lanes.load(candidate + at, n)
                let h = previous.map { Lanes.load($0 + at, n) } ?? Lanes.V()  // h_0 = 0
                let dn = dh * (1 - zc)
                let dz = dh * (h - nc)
                Lanes.store(dh * zc, previousGradient + at, n)
                let dan = dn * (1 - nc * nc)
                let dr = dan * Lanes.load(hiddenCandidate + at, n)
                let dar = dr * rc * (1 - rc)
                let daz = dz * zc * (1 - zc)
                let dg = gateGradient + gateRow + c, dgh = hiddenGateGradient + gateRow + c
                Lanes.store(daz, dg, n)
                Lanes.store(dar, dg + d, n)
                Lanes.store(dan, dg + 2 * d, n)
                Lanes.store(daz, dgh, n)
                Lanes.store(dar, dgh + d, n)
                Lanes.store(dan * rc, dgh + 2 * d, n)
            }
        }
    }

    /// `g[row] += b` for each of `rows` rows of `width` (the gate bias over every token's input
    /// product). In the model code, with an overflow check on every index, this loop cost as
    /// much as a third of the GRU's elementwise work.
    public static func addBias(_ b: UnsafePointer<Float>, rows: Int, width: Int, to g: UnsafeMutablePointer<Float>) {
        for row in 0..<rows {
            let gRow = g + row * width
            for c in stride(from: 0, to: width, by: 8) {
                let n = min(8, width - c)
                Lanes.store(Lanes.load(gRow + c, n) + Lanes.load(b + c, n), gRow + c, n)
            }
        }
    }

    /// `sums[c] += Σ_row g[row][c]`, row after row (the bias gradient): each column's sum in the
    /// order of the rows, eight columns at a time.
    public static func addColumnSums(_ g: UnsafePointer<Float>, rows: Int, width: Int, into sums: UnsafeMutablePointer<Float>) {
        for c in stride(from: 0, to: width, by: 8) {
            let n = min(8, width - c)
            var total = Lanes.load(sums + c, n)
            for row in 0..<rows { total += Lanes.load(g + row * width + c, n) }
            Lanes.store(total, sums + c, n)
        }
    }
}
