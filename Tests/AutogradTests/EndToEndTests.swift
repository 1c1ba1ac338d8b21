import Testing
@testable import Autograd
import Randomness

@Suite struct EndToEndTests {
    /// A 2→8→1 tanh network with a logistic output fits XOR: mean binary cross-entropy falls
    /// below 0.05 within 250 Adam steps, and all four points are classified right.
    @Test func twoLayerNetworkFitsXOR() {
        var rng = SeededRandom(seed: 2024)
        var weights = Weights()
        let w1 = weights.declare("w1", .glorotUniform([2, 8], using: &rng))
        let b1 = weights.declare("b1", Tensor(zeros: [8]))
        let w2 = weights.declare("w2", .glorotUniform([8, 1], using: &rng))
        let b2 = weights.declare("b2", Tensor(zeros: [1]))
        let inputs = Tensor(rows: [[0, 0], [0, 1], [1, 0], [1, 1]])
        let sign = Tensor(shape: [4, 1], scalars: [-1, 1, 1, -1])  // +1 where XOR is 1
        func logits(_ t: Tape) -> Variable {
            let hidden = t.tanh(t.add(t.matmul(t.constant(inputs), t.parameter(w1)), t.parameter(b1)))
            return t.add(t.matmul(hidden, t.parameter(w2)), t.parameter(b2))
        }
        let adam = Adam(learningRate: 0.05)
        var state = adam.initialState()
        var loss: Float = .infinity
        for _ in 0..<250 {
            let t = Tape(reading: weights)
            // BCE with labels ±1: −log σ(sign · logit).
            let l = t.scale(t.mean(t.logSigmoid(t.multiply(logits(t), t.constant(sign)))), by: -1)
            loss = l.value.scalar
            adam.step(&weights, t.backward(from: l), &state)
        }
        #expect(loss < 0.05, "XOR loss stayed at \(loss)")
        let out = logits(Tape(reading: weights, recording: false)).value.scalars
        #expect(zip(out, sign.scalars).allSatisfy { $0 * $1 > 0 })
    }

    /// Two tapes on two threads over the same parameters, each on half a batch, merged, equal
    /// one tape over the whole batch.
    @Test func twoThreadHalfBatchesMergeToTheFullBatchGradient() async {
        var rng = SeededRandom(seed: 5)
        var weights = Weights()
        let table = weights.declare("E", .normal([10, 4], standardDeviation: 0.1, using: &rng))
        let w = weights.declare("W", .glorotUniform([4, 4], using: &rng))
        let shared = weights  // a Sendable value both threads read
        let rows = [1, 7, 3, 7, 0, 9]
        @Sendable func gradients(_ rows: [Int]) -> Gradients {
            let t = Tape(reading: shared)
            let h = t.tanh(t.matmul(t.embedding(table, rows), t.parameter(w)))
            return t.backward(from: t.add(t.sumOfSquares(h), t.sum(h)))
        }
        async let first = gradients(Array(rows[..<3]))
        async let second = gradients(Array(rows[3...]))
        var merged = await first
        merged.add(await second)
        let whole = gradients(rows)
        for p in [table, w] {
            let a = merged.dense(p)!.scalars, b = whole.dense(p)!.scalars
            #expect(zip(a, b).allSatisfy { abs($0 - $1) < 1e-5 }, "\(p.name)")
        }
    }

    @Test func inferenceTapeRecordsNothing() {
        var weights = Weights()
        let w = weights.declare("W", Tensor(repeating: 0.5, shape: [3, 3]))
        let t = Tape(reading: weights, recording: false)
        let y = t.tanh(t.matmul(t.constant(Tensor(repeating: 1, shape: [2, 3])), t.parameter(w)))
        #expect(t.nodeCount == 0)
        #expect(!y.requiresGradient)
        #expect(abs(y.value[1, 2] - Float(0.9051482)) < 1e-6)
    }

    /// The checker itself must catch a wrong backward, or every gradient test above proves nothing.
    @Test func gradientCheckCatchesAWrongBackward() {
        let worst = checkGradients([random([2, 3], seed: 40)], recordingIssues: false) { t, x in
                let doubled = Tensor(shape: x[0].shape, scalars: x[0].value.scalars.map { 2 * $0 })
            return t.record(doubled, inputs: [x[0]]) { g, sink in sink.accumulate(g, into: x[0]) }  // should be 2g
        }
        #expect(worst > 10)
        let right = checkGradients([random([2, 3], seed: 40)]) { t, x in t.scale(x[0], by: 2) }
        #expect(right <= 1)
    }
}
