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
        let zero: Float = 0
        for r in 0..<m {
            for c in 0..<d {
                let ghz = hidden?[r * d3 + c] ?? zero
                let ghr = hidden?[r * d3 + d + c] ?? zero
                update[r * d + c] = gates[r * d3 + c] + ghz
                reset[r * d + c] = gates[r * d3 + d + c] + ghr
            }
        }
    }

    /// `U_n·h` (kept for the backward pass) and `n = G_n + r ⊙ (U_n·h)` (before the tanh).
    public static func candidatePreactivations(rows m: Int, width d: Int, gates: UnsafePointer<Float>, hidden: UnsafePointer<Float>?,
                                               reset: UnsafePointer<Float>, hiddenCandidate: UnsafeMutablePointer<Float>,
                                               candidate: UnsafeMutablePointer<Float>) {
        let d3 = 3 * d
        let zero: Float = 0
        for r in 0..<m {
            for c in 0..<d {
                let ghn = hidden?[r * d3 + 2 * d + c] ?? zero
                hiddenCandidate[r * d + c] = ghn
                candidate[r * d + c] = gates[r * d3 + 2 * d + c] + reset[r * d + c] * ghn
            }
        }
    }

    /// `h' = n + z ⊙ (h − n)`, i.e. `(1 − z) ⊙ n + z ⊙ h`; `previous` is nil at the first step.
    public static func nextState(rows m: Int, width d: Int, update: UnsafePointer<Float>, candidate: UnsafePointer<Float>,
                                 previous: UnsafePointer<Float>?, state: UnsafeMutablePointer<Float>) {
        let zero: Float = 0
        for r in 0..<m {
            for c in 0..<d {
                let z = update[r * d + c], n = candidate[r * d + c]
                let hp = previous?[r * d + c] ?? zero
                state[r * d + c] = n + z * (hp - n)
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
        let zero: Float = 0
        for r in 0..<m {
            for c in 0..<d {
                let dh = dhs[r * d + c]
                let z = update[r * d + c], rr = reset[r * d + c], nn = candidate[r * d + c]
                let hp = previous?[r * d + c] ?? zero
                let dn = dh * (1 - z)
                let dz = dh * (hp - nn)
                previousGradient[r * d + c] = dh * z
                let dan = dn * (1 - nn * nn)
                let dr = dan * hiddenCandidate[r * d + c]
                let dar = dr * rr * (1 - rr)
                let daz = dz * z * (1 - z)
                gateGradient[r * d3 + c] = daz
                gateGradient[r * d3 + d + c] = dar
                gateGradient[r * d3 + 2 * d + c] = dan
                hiddenGateGradient[r * d3 + c] = daz
                hiddenGateGradient[r * d3 + d + c] = dar
                hiddenGateGradient[r * d3 + 2 * d + c] = dan * rr
            }
        }
    }
}
