import Autograd
import Foundation

/// Sequences of token rows laid out one after another (oldest token first), with their lengths.
/// A length may be 0 (an empty history), which encodes to the GRU's `h_0 = 0`.
struct SequenceLayout: Sendable {
    /// Token count of each sequence.
    let lengths: [Int]
    /// Row of each sequence's first token.
    let starts: [Int]
    /// Sequence indices by decreasing length (stable), so the sequences still running at step j
    /// are always the first `running[j]` of this order and one GEMM serves a whole step.
    let order: [Int]
    /// `running[j]` = number of sequences longer than `j`.
    let running: [Int]
    /// First step-major row of step `j` (prefix sums of `running`).
    let stepStart: [Int]
    let tokenCount: Int

    init(lengths: [Int]) {
        self.lengths = lengths
        var starts = [Int](repeating: 0, count: lengths.count)
        var total = 0
        for (i, n) in lengths.enumerated() { starts[i] = total; total += n }
        self.starts = starts
        tokenCount = total
        order = lengths.indices.sorted { lengths[$0] != lengths[$1] ? lengths[$0] > lengths[$1] : $0 < $1 }
        let longest = lengths.max() ?? 0
        var running = [Int](repeating: 0, count: longest)
        for n in lengths where n > 0 { running[n - 1] += 1 }
        for j in stride(from: longest - 2, through: 0, by: -1) { running[j] += running[j + 1] }
        self.running = running
        var stepStart = [Int](repeating: 0, count: longest + 1)
        for j in 0..<longest { stepStart[j + 1] = stepStart[j] + running[j] }
        self.stepStart = stepStart
    }

    /// Sequence-major token row of step-major row `(step j, rank r)`.
    @inline(__always) func tokenRow(step j: Int, rank r: Int) -> Int { starts[order[r]] + j }

    /// Rows of `width` floats reordered between the sequence-major token order and the step-major
    /// order the GRU runs in: `toStepMajor` gathers the inputs, `false` scatters their gradient back.
    func permuteRows(_ source: [Float], width d: Int, toStepMajor: Bool) -> [Float] {
        var result = [Float](overwrittenCount: source.count)  // every token row is one step-major row
        source.withUnsafeBufferPointer { x in
            result.withUnsafeMutableBufferPointer { out in
                for j in 0..<running.count {
                    for r in 0..<running[j] {
                        let token = tokenRow(step: j, rank: r) * d, step = (stepStart[j] + r) * d
                        let (from, to) = toStepMajor ? (token, step) : (step, token)
                        precondition(from + d <= x.count && to + d <= out.count)
                        (out.baseAddress! + to).update(from: x.baseAddress! + from, count: d)
                    }
                }
            }
        }
        return result
    }
}

extension Tape {
    /// Runs the GRU of MODEL-SPEC (content layer) over every sequence at once and returns each
    /// sequence's last state `h_n` (`N×d`, row i = sequence i; zeros for an empty sequence).
    ///
    /// `tokens` is `T×d` (sequence-major), `inputWeight` is `[W_z; W_r; W_n]` (`3d×d`),
    /// `hiddenWeight` is `[U_z; U_r; U_n]` (`3d×d`) and `bias` is `[b_z; b_r; b_n]` (`3d`).
    /// Fused into one node with a hand-written backward through time: one GEMM for all inputs,
    /// one per step for the hidden state, the same per step backward. Checked against finite
    /// differences in the tests.
    func gruLastStates(tokens: Variable, layout: SequenceLayout, inputWeight: Variable,
                       hiddenWeight: Variable, bias: Variable) -> Variable {
        let d = tokens.value.columns
        let d3 = 3 * d
        let t = layout.tokenCount
        precondition(tokens.value.rows == t && inputWeight.value.count == d3 * d && hiddenWeight.value.count == d3 * d && bias.value.count == d3)
        let steps = layout.running.count
        let threads = self.threads  // by value: the backward closure must not retain the tape
        // Step-major copy of the inputs: rows of step j are the running sequences in `order`.
        let stepInputs = layout.permuteRows(tokens.value.scalars, width: d, toStepMajor: true)
        // Gate pre-activations from the inputs: G = X·Wᵀ + b, all steps in one product.
        // Every buffer below is written whole before it is read (the GEMM with `accumulate: false`
        // clears its output; the step kernels write every running row of every step, and the
        // steps' rows tile all `t`), so none is zero-filled first: that fill was a tenth of the
        // GRU's memory traffic.
        var gates = [Float](overwrittenCount: t * d3)
        if t > 0 {
            let inputWeightT = transposed(inputWeight.value.scalars, rows: d3, columns: d)
            stepInputs.withUnsafeBufferPointer { x in
                inputWeightT.withUnsafeBufferPointer { w in
                    gates.withUnsafeMutableBufferPointer { g in
                        GEMM.multiply(m: t, n: d3, k: d, x.baseAddress!, transposeA: false, w.baseAddress!, transposeB: false,
                                      into: g.baseAddress!, accumulate: false, threads: threads)
                    }
                }
            }
            bias.value.scalars.withUnsafeBufferPointer { b in
                gates.withUnsafeMutableBufferPointer { g in
                    precondition(b.count == d3 && g.count == t * d3)
                    GRUKernels.addBias(b.baseAddress!, rows: t, width: d3, to: g.baseAddress!)
                }
            }
        }
        // Saved for the backward pass: every state, gate and U_n·h.
        var states = [Float](overwrittenCount: t * d)
        var update = [Float](overwrittenCount: t * d)
        var reset = [Float](overwrittenCount: t * d)
        var candidate = [Float](overwrittenCount: t * d)
        var hiddenCandidate = [Float](overwrittenCount: t * d)
        var hiddenGates = [Float](overwrittenCount: (layout.running.first ?? 0) * d3)
        // Weights are used transposed (d×3d) so every product runs with unit-stride inner loops.
        let hiddenWeightT = transposed(hiddenWeight.value.scalars, rows: d3, columns: d)
        hiddenWeightT.withUnsafeBufferPointer { u in
            states.withUnsafeMutableBufferPointer { h in
                for j in 0..<steps {
                    let m = layout.running[j]
                    let base = layout.stepStart[j]
                    if j > 0 {
                        let previous = layout.stepStart[j - 1]
                        hiddenGates.withUnsafeMutableBufferPointer { gh in
                            GEMM.multiply(m: m, n: d3, k: d, h.baseAddress! + previous * d, transposeA: false,
                                          u.baseAddress!, transposeB: false, into: gh.baseAddress!, accumulate: false, threads: threads)
                        }
                    }
                    // Pre-activations of the m running rows, then the nonlinearities over the whole
                    // contiguous block at once (SIMD), then the new state (kernels in Autograd).
                    // Every range below is checked here, once per step, before the kernels run.
                    precondition(base + m <= t && (j == 0 || m * d3 <= hiddenGates.count))
                    gates.withUnsafeBufferPointer { g in
                        hiddenGates.withUnsafeBufferPointer { gh in
                            update.withUnsafeMutableBufferPointer { z in
                                reset.withUnsafeMutableBufferPointer { rr in
                                    hiddenCandidate.withUnsafeMutableBufferPointer { hn in
                                        candidate.withUnsafeMutableBufferPointer { n in
                                            let hidden = j > 0 ? UnsafePointer(gh.baseAddress!) : nil
                                            let zRows = z.baseAddress! + base * d, rRows = rr.baseAddress! + base * d
                                            let nRows = n.baseAddress! + base * d
                                            GRUKernels.gatePreactivations(rows: m, width: d, gates: g.baseAddress! + base * d3, hidden: hidden,
                                                                          update: zRows, reset: rRows)
                                            VectorMath.apply(zRows, zRows, count: m * d, VectorMath.sigmoid)
                                            VectorMath.apply(rRows, rRows, count: m * d, VectorMath.sigmoid)
                                            GRUKernels.candidatePreactivations(rows: m, width: d, gates: g.baseAddress! + base * d3, hidden: hidden,
                                                                               reset: rRows, hiddenCandidate: hn.baseAddress! + base * d,
                                                                               candidate: nRows)
                                            VectorMath.apply(nRows, nRows, count: m * d, VectorMath.tanh)
                                            let previous = j > 0 ? UnsafePointer(h.baseAddress! + layout.stepStart[j - 1] * d) : nil
                                            GRUKernels.nextState(rows: m, width: d, update: zRows, candidate: nRows, previous: previous,
                                                                 state: h.baseAddress! + base * d)
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        let n = layout.lengths.count
        var last = [Float](repeating: 0, count: n * d)
        // Rank of each sequence in `order`, to find its last state.
        var rankOf = [Int](repeating: 0, count: n)
        for (r, i) in layout.order.enumerated() { rankOf[i] = r }
        for i in 0..<n where layout.lengths[i] > 0 {
            let row = layout.stepStart[layout.lengths[i] - 1] + rankOf[i]
            for c in 0..<d { last[i * d + c] = states[row * d + c] }
        }
        let output = Tensor(shape: [n, d], scalars: last)
        return record(output, inputs: [tokens, inputWeight, hiddenWeight, bias]) {
            [stepInputs, states, update, reset, candidate, hiddenCandidate] outputGradient, sink in
            let inputWeightValue = inputWeight.value.scalars
            let hiddenWeightValue = hiddenWeight.value.scalars
            var gateGradients = [Float](overwrittenCount: t * d3)  // every step writes its rows whole
            var hiddenWeightGradient = [Float](repeating: 0, count: d3 * d)
            let widest = layout.running.first ?? 0
            var stateGradient = [Float](repeating: 0, count: widest * d)  // by rank
            var hiddenGateGradient = [Float](repeating: 0, count: widest * d3)
            var previousGradient = [Float](overwrittenCount: widest * d)  // `backwardStep` writes its rows
            let dOut = outputGradient.scalars
            for j in stride(from: steps - 1, through: 0, by: -1) {
                let m = layout.running[j]
                let finishing = j + 1 < steps ? layout.running[j + 1] : 0
                // Sequences whose last token is step j receive the output's gradient here.
                dOut.withUnsafeBufferPointer { o in
                    stateGradient.withUnsafeMutableBufferPointer { g in
                        for r in finishing..<m {
                            let i = layout.order[r]
                            precondition((i + 1) * d <= o.count && (r + 1) * d <= g.count)
                            (g.baseAddress! + r * d).update(from: o.baseAddress! + i * d, count: d)
                        }
                    }
                }
                let base = layout.stepStart[j]
                let previousBase = j > 0 ? layout.stepStart[j - 1] : -1
                precondition(base + m <= t && m <= widest)
                stateGradient.withUnsafeBufferPointer { dh in
                    update.withUnsafeBufferPointer { z in
                        reset.withUnsafeBufferPointer { rr in
                            candidate.withUnsafeBufferPointer { n in
                                hiddenCandidate.withUnsafeBufferPointer { hn in
                                    states.withUnsafeBufferPointer { h in
                                        previousGradient.withUnsafeMutableBufferPointer { dp in
                                            gateGradients.withUnsafeMutableBufferPointer { dg in
                                                hiddenGateGradient.withUnsafeMutableBufferPointer { dgh in
                                                    GRUKernels.backwardStep(
                                                        rows: m, width: d, stateGradient: dh.baseAddress!,
                                                        update: z.baseAddress! + base * d, reset: rr.baseAddress! + base * d,
                                                        candidate: n.baseAddress! + base * d, hiddenCandidate: hn.baseAddress! + base * d,
                                                        previous: previousBase >= 0 ? h.baseAddress! + previousBase * d : nil,
                                                        previousGradient: dp.baseAddress!, gateGradient: dg.baseAddress! + base * d3,
                                                        hiddenGateGradient: dgh.baseAddress!)
                                                }
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
                if j > 0 {
                    // dh_{j-1} += dGH·U ; dU += dGHᵀ·h_{j-1}
                    hiddenGateGradient.withUnsafeBufferPointer { dgh in
                        hiddenWeightValue.withUnsafeBufferPointer { u in
                            previousGradient.withUnsafeMutableBufferPointer { dp in
                                GEMM.multiply(m: m, n: d, k: d3, dgh.baseAddress!, transposeA: false, u.baseAddress!, transposeB: false,
                                              into: dp.baseAddress!, accumulate: true, threads: threads)
                            }
                        }
                        states.withUnsafeBufferPointer { h in
                            hiddenWeightGradient.withUnsafeMutableBufferPointer { du in
                                GEMM.multiply(m: d3, n: d, k: m, dgh.baseAddress!, transposeA: true, h.baseAddress! + previousBase * d,
                                              transposeB: false, into: du.baseAddress!, accumulate: true, threads: threads)
                            }
                        }
                    }
                }
                // The previous step's state gradient is this one's `previousGradient` (its first
                // `m` rows, all the next step reads besides the rows `dOut` fills): swap instead
                // of copying; the old buffer is overwritten by the next `backwardStep`.
                swap(&stateGradient, &previousGradient)
            }
            // Input side: dW = dGᵀ·X, dX = dG·W, db = column sums of dG.
            var inputWeightGradient = [Float](repeating: 0, count: d3 * d)
            var stepInputGradient = [Float](overwrittenCount: t * d)  // the GEMM below clears it
            var biasGradient = [Float](repeating: 0, count: d3)
            if t > 0 {
                gateGradients.withUnsafeBufferPointer { dg in
                    stepInputs.withUnsafeBufferPointer { x in
                        inputWeightGradient.withUnsafeMutableBufferPointer { dw in
                            GEMM.multiply(m: d3, n: d, k: t, dg.baseAddress!, transposeA: true, x.baseAddress!, transposeB: false,
                                          into: dw.baseAddress!, accumulate: false, threads: threads)
                        }
                    }
                    inputWeightValue.withUnsafeBufferPointer { w in
                        stepInputGradient.withUnsafeMutableBufferPointer { dx in
                            GEMM.multiply(m: t, n: d, k: d3, dg.baseAddress!, transposeA: false, w.baseAddress!, transposeB: false,
                                          into: dx.baseAddress!, accumulate: false, threads: threads)
                        }
                    }
                    biasGradient.withUnsafeMutableBufferPointer { db in
                        precondition(db.count == d3 && dg.count == t * d3)
                        GRUKernels.addColumnSums(dg.baseAddress!, rows: t, width: d3, into: db.baseAddress!)
                    }
                }
            }
            let tokenGradient = layout.permuteRows(stepInputGradient, width: d, toStepMajor: false)
            sink.accumulate(Tensor(shape: [t, d], scalars: tokenGradient), into: tokens)
            sink.accumulate(Tensor(shape: inputWeight.shape, scalars: inputWeightGradient), into: inputWeight)
            sink.accumulate(Tensor(shape: hiddenWeight.shape, scalars: hiddenWeightGradient), into: hiddenWeight)
            sink.accumulate(Tensor(shape: bias.shape, scalars: biasGradient), into: bias)
        }
    }
}

/// A row-major `rows×columns` matrix transposed.
func transposed(_ m: [Float], rows: Int, columns: Int) -> [Float] {
    var out = [Float](repeating: 0, count: m.count)
    for i in 0..<rows { for j in 0..<columns { out[j * rows + i] = m[i * columns + j] } }
    return out
}


extension Array where Element == Float {
    /// `count` floats left as they were allocated, for a buffer the caller writes whole before
    /// reading any of it (each use above says why it is written whole). Saves the zero fill of
    /// `[Float](repeating: 0, count:)`, which on the GRU's buffers (tokens × 3d) is pure memory
    /// traffic.
    init(overwrittenCount count: Int) {
        self.init(unsafeUninitializedCapacity: count) { _, initialized in initialized = count }
    }
}
