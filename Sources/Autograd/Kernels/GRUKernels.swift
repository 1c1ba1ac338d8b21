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
                store(load(g + c, n) + (gh.map { load($0 + c, n) } ?? V()), update + r * d + c, n)
                store(load(g + d + c, n) + (gh.map { load($0 + d + c, n) } ?? V()), reset + r * d + c, n)
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
                let ghn = gh.map { load($0 + c, n) } ?? V()
                store(ghn, hiddenCandidate + at, n)
                store(load(g + c, n) + load(reset + at, n) * ghn, candidate + at, n)
            }
        }
    }

    /// `h' = n + z ⊙ (h − n)`, i.e. `(1 − z) ⊙ n + z ⊙ h`; `previous` is nil at the first step.
    public static func nextState(rows m: Int, width d: Int, update: UnsafePointer<Float>, candidate: UnsafePointer<Float>,
                                 previous: UnsafePointer<Float>?, state: UnsafeMutablePointer<Float>) {
        let count = m * d
        for i in stride(from: 0, to: count, by: 8) {
            let n = min(8, count - i)
            let z = load(update + i, n), candidate = load(candidate + i, n)
            let h = previous.map { load($0 + i, n) } ?? V()
            store(candidate + z * (h - candidate), state + i, n)
        }
    }

    /// Backward through one step: from `dh` (the state gradient, by rank) to the gate
    /// pre-activation gradients (`gateGradient`, rows of `3d`, for the input side; and
    /// `hiddenGateGradient`, whose `n` part is scaled by `r`, for the hidden side) and the direct
    /// part of the previous state's gradient (`dh ⊙ z`).
    ///
    /// Written on eight lanes at once: with nine buffers that might alias, the compiler left the
    /// scalar loop scalar, and it was the GRU's largest cost after the products. Each lane does
    /// the scalar arithmetic in the scalar order; a row's last lanes (when `d` is not a multiple
    /// of 8) are computed on a zero-padded vector and only the real ones are stored.
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
                let dh = load(dhs + at, n)
                let zc = load(update + at, n), rc = load(reset + at, n), nc = load(candidate + at, n)
                let h = previous.map { load($0 + at, n) } ?? V()  // h_0 = 0
                let dn = dh * (1 - zc)
                let dz = dh * (h - nc)
                store(dh * zc, previousGradient + at, n)
                let dan = dn * (1 - nc * nc)
                let dr = dan * load(hiddenCandidate + at, n)
                let dar = dr * rc * (1 - rc)
                let daz = dz * zc * (1 - zc)
                let dg = gateGradient + gateRow + c, dgh = hiddenGateGradient + gateRow + c
                store(daz, dg, n)
                store(dar, dg + d, n)
                store(dan, dg + 2 * d, n)
                store(daz, dgh, n)
                store(dar, dgh + d, n)
                store(dan * rc, dgh + 2 * d, n)
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
                store(load(gRow + c, n) + load(b + c, n), gRow + c, n)
            }
        }
    }

    /// `sums[c] += Σ_row g[row][c]`, row after row (the bias gradient): each column's sum in the
    /// order of the rows, eight columns at a time.
    public static func addColumnSums(_ g: UnsafePointer<Float>, rows: Int, width: Int, into sums: UnsafeMutablePointer<Float>) {
        for c in stride(from: 0, to: width, by: 8) {
            let n = min(8, width - c)
            var total = load(sums + c, n)
            for row in 0..<rows { total += load(g + row * width + c, n) }
            store(total, sums + c, n)
        }
    }

    typealias V = SIMD8<Float>

    /// `n` ≤ 8 floats from `p` as lanes (the rest 0).
    @inline(__always)
    static func load(_ p: UnsafePointer<Float>, _ n: Int) -> V {
        if n == 8 { return UnsafeRawPointer(p).loadUnaligned(as: V.self) }
        var v = V()
        for i in 0..<n { v[i] = p[i] }
        return v
    }

    /// The first `n` ≤ 8 lanes of `v` to `p`.
    @inline(__always)
    static func store(_ v: V, _ p: UnsafeMutablePointer<Float>, _ n: Int) {
        if n == 8 { UnsafeMutableRawPointer(p).storeBytes(of: v, as: V.self); return }
        for i in 0..<n { p[i] = v[i] }
    }
}
