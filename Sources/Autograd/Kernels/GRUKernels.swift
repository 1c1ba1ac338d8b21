/// The elementwise parts of one GRU step over `m` running rows of width `d`, forward and
/// backward (MODEL-SPEC, content layer). They live here, with the other kernels, so that they are
/// built with -Ounchecked like them, while the model code that calls them (InterestModel, which
/// also parses checkpoints) keeps every check. They are deliberately not `@inlinable`: inlined
/// into the caller they would be compiled with the caller's settings. Callers pass pointers to
/// the first running row: gate rows are `3d` wide (`z | r | n`), state rows `d` wide. The
/// arithmetic is exactly the model's, in the same order, so results are bit-identical.
public enum GRUKernels {
    /// `z = G_z + GH_z`, `r = G_r + GH_r` (before the sigmoid); `hidden` is nil at the first
    /// step (`h_0 = 0`).
    public static func gatePreactivations(rows m: Int, width d: Int, gates: UnsafePointer<Float>, hidden: UnsafePointer<Float>?,
                                          update: UnsafeMutablePointer<Float>, reset: UnsafeMutablePointer<Float>) {
        let d3 = 3 * d
        for r in 0..<m {
            let g = gates + r * d3, z = update + r * d, rr = reset + r * d
            if let gh = hidden.map({ $0 + r * d3 }) {
                for c in 0..<d {
                    z[c] = g[c] + gh[c]
                    rr[c] = g[d + c] + gh[d + c]
                }
            } else {
                for c in 0..<d {
                    z[c] = g[c] + 0
                    rr[c] = g[d + c] + 0
                }
            }
        }
    }

    /// `U_n·h` (kept for the backward pass) and `n = G_n + r ⊙ (U_n·h)` (before the tanh).
    public static func candidatePreactivations(rows m: Int, width d: Int, gates: UnsafePointer<Float>, hidden: UnsafePointer<Float>?,
                                               reset: UnsafePointer<Float>, hiddenCandidate: UnsafeMutablePointer<Float>,
                                               candidate: UnsafeMutablePointer<Float>) {
        let d3 = 3 * d
        for r in 0..<m {
            let g = gates + r * d3 + 2 * d, rr = reset + r * d, hn = hiddenCandidate + r * d, n = candidate + r * d
            if let gh = hidden.map({ $0 + r * d3 + 2 * d }) {
                for c in 0..<d {
                    let ghn = gh[c]
                    hn[c] = ghn
                    n[c] = g[c] + rr[c] * ghn
                }
            } else {
                for c in 0..<d {
                    let ghn: Float = 0
                    hn[c] = ghn
                    n[c] = g[c] + rr[c] * ghn
                }
            }
        }
    }

    /// `h' = n + z ⊙ (h − n)`, i.e. `(1 − z) ⊙ n + z ⊙ h`; `previous` is nil at the first step.
    public static func nextState(rows m: Int, width d: Int, update: UnsafePointer<Float>, candidate: UnsafePointer<Float>,
                                 previous: UnsafePointer<Float>?, state: UnsafeMutablePointer<Float>) {
        let count = m * d
        if let previous {
            for i in 0..<count {
                let z = update[i], n = candidate[i]
                state[i] = n + z * (previous[i] - n)
            }
        } else {
            for i in 0..<count {
                let z = update[i], n = candidate[i]
                state[i] = n + z * (0 - n)
            }
        }
    }

    /// Backward through one step: from `dh` (the state gradient, by rank) to the gate
    /// pre-activation gradients (`gateGradient`, rows of `3d`, for the input side; and
    /// `hiddenGateGradient`, whose `n` part is scaled by `r`, for the hidden side) and the direct
    /// part of the previous state's gradient (`dh ⊙ z`).
    public static func backwardStep(rows m: Int, width d: Int, stateGradient dhs: UnsafePointer<Float>,
                                    update: UnsafePointer<Float>, reset: UnsafePointer<Float>, candidate: UnsafePointer<Float>,
                                    hiddenCandidate: UnsafePointer<Float>, previous: UnsafePointer<Float>?,
                                    previousGradient: UnsafeMutablePointer<Float>, gateGradient: UnsafeMutablePointer<Float>,
                                    hiddenGateGradient: UnsafeMutablePointer<Float>) {
        let d3 = 3 * d
        // At the first step there is no previous state (h_0 = 0): a buffer of zeros stands in for
        // it, so the inner loop has no optional to unwrap per scalar and vectorises.
        let zeros = previous == nil ? UnsafeMutablePointer<Float>.allocate(capacity: d) : nil
        zeros?.initialize(repeating: 0, count: d)
        defer { zeros?.deallocate() }
        for r in 0..<m {
            let hp = previous.map { $0 + r * d } ?? UnsafePointer(zeros!)
            let dhRow = dhs + r * d, z = update + r * d, rr = reset + r * d, nn = candidate + r * d
            let hn = hiddenCandidate + r * d, dp = previousGradient + r * d
            let dg = gateGradient + r * d3, dgh = hiddenGateGradient + r * d3
            for c in 0..<d {
                let dh = dhRow[c]
                let zc = z[c], rc = rr[c], nc = nn[c]
                let h = hp[c]
                let dn = dh * (1 - zc)
                let dz = dh * (h - nc)
                dp[c] = dh * zc
                let dan = dn * (1 - nc * nc)
                let dr = dan * hn[c]
                let dar = dr * rc * (1 - rc)
                let daz = dz * zc * (1 - zc)
                dg[c] = daz
                dg[d + c] = dar
                dg[2 * d + c] = dan
                dgh[c] = daz
                dgh[d + c] = dar
                dgh[2 * d + c] = dan * rc
            }
        }
    }
}
