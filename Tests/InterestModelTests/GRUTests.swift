import Autograd
import Testing
@testable import InterestModel
import Randomness

/// The fused GRU node against the same recurrence written with the tape's primitive ops.
struct GRUTests {
    /// MODEL-SPEC's GRU step by primitive ops, one sequence at a time.
    func reference(_ tape: Tape, tokens: Variable, lengths: [Int], w: Variable, u: Variable, b: Variable, d: Int) -> Variable {
        let gatesIn = tape.add(tape.matmul(tokens, w, transposeB: true), b)
        var outputs: [Variable] = []
        var start = 0
        for n in lengths {
            var h = tape.constant(Tensor(zeros: [1, d]))
            for j in 0..<n {
                let x = tape.split(tape.gatherRows(gatesIn, [start + j]), widths: [d, d, d])
                let g = tape.split(tape.matmul(h, u, transposeB: true), widths: [d, d, d])
                let z = tape.sigmoid(tape.add(x[0], g[0]))
                let r = tape.sigmoid(tape.add(x[1], g[1]))
                let candidate = tape.tanh(tape.add(x[2], tape.multiply(r, g[2])))
                h = tape.add(candidate, tape.multiply(z, tape.subtract(h, candidate)))
            }
            outputs.append(h)
            start += n
        }
        // Stack the rows by summing each into its place.
        var stacked = tape.constant(Tensor(zeros: [lengths.count, d]))
        for (i, h) in outputs.enumerated() {
            var placement = [Float](repeating: 0, count: lengths.count)
            placement[i] = 1
            stacked = tape.add(stacked, tape.matmul(tape.constant(Tensor(shape: [lengths.count, 1], scalars: placement)), h))
        }
        return stacked
    }

    /// d = 3 runs the kernels' partial lanes only; d = 11 a full lane of eight and a partial one.
    @Test(arguments: [3, 11])
    func matchesPrimitiveOpsInValueAndGradient(d: Int) {
        let lengths = [2, 0, 4, 1, 4]
        var random = SeededRandom(seed: 5)
        let tokenCount = lengths.reduce(0, +)
        var values = Weights()
        let x = values.declare("x", Tensor.normal([tokenCount, d], standardDeviation: 0.8, using: &random))
        let w = values.declare("w", Tensor.normal([3 * d, d], standardDeviation: 0.6, using: &random))
        let u = values.declare("u", Tensor.normal([3 * d, d], standardDeviation: 0.6, using: &random))
        let b = values.declare("b", Tensor.normal([1, 3 * d], standardDeviation: 0.3, using: &random))
        let weights = Tensor.normal([lengths.count, d], standardDeviation: 1, using: &random)

        let fusedTape = Tape(reading: values)
        let fused = fusedTape.gruLastStates(tokens: fusedTape.parameter(x), layout: SequenceLayout(lengths: lengths),
                                            inputWeight: fusedTape.parameter(w), hiddenWeight: fusedTape.parameter(u),
                                            bias: fusedTape.parameter(b))
        let fusedGradients = fusedTape.backward(from: fusedTape.sum(fusedTape.multiply(fused, fusedTape.constant(weights))))

        let referenceTape = Tape(reading: values)
        let expected = reference(referenceTape, tokens: referenceTape.parameter(x), lengths: lengths, w: referenceTape.parameter(w),
                                 u: referenceTape.parameter(u), b: referenceTape.parameter(b), d: d)
        let referenceGradients = referenceTape.backward(from: referenceTape.sum(referenceTape.multiply(expected, referenceTape.constant(weights))))

        for (a, e) in zip(fused.value.scalars, expected.value.scalars) { #expect(abs(a - e) < 1e-5) }
        for p in [x, w, u, b] {
            let a = fusedGradients.dense(p)!.scalars, e = referenceGradients.dense(p)!.scalars
            for i in a.indices { #expect(abs(a[i] - e[i]) < 1e-4, "\(p.name)[\(i)]: \(a[i]) vs \(e[i])") }
        }
    }
}
