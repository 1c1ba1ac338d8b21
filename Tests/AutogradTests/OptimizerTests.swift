import Testing
@testable import Autograd

@Suite struct OptimizerTests {
    /// Two Adam steps (lr 0.1, β1 0.9, β2 0.999) on w = [1, −2] with g1 = [0.5, −1], g2 = [−1, 0.25].
    /// By hand: step 1 moves each weight by lr·sign(g) (m̂ = g, v̂ = g²) → [0.9, −1.9].
    /// Step 2, w0: m = 0.9·0.05 − 0.1 = −0.055, m̂ = −0.055/0.19 = −0.289474;
    /// v = 0.999·0.00025 + 0.001 = 0.00124975, v̂ = 0.00124975/0.001999 = 0.625188;
    /// w0 = 0.9 + 0.1·0.289474/√0.625188 = 0.936610. Likewise w1 = −1.853053.
    @Test func adamMatchesHandComputedSteps() {
        var weights = Weights()
        let w = weights.declare("w", Tensor(shape: [2], scalars: [1, -2]))
        let adam = Adam(learningRate: 0.1)
        var state = adam.initialState()
        for (gradient, expected) in [([Float(0.5), -1], [Float(0.9), -1.9]), ([-1, 0.25], [0.936610, -1.853053])] {
            var g = Gradients()
            g.addDense(Tensor(shape: [2], scalars: gradient), for: w)
            adam.step(&weights, g, &state)
            for i in 0..<2 { #expect(abs(weights[w].scalars[i] - expected[i]) < 2e-6, "w[\(i)] = \(weights[w].scalars[i])") }
        }
        #expect(state.stepCount == 2)
        #expect(state.moments.keys.sorted() == ["w"])
    }

    /// Lazy Adam: a row that gets no gradient this step stays put even though its momentum from
    /// an earlier step is nonzero; a touched row follows the same arithmetic as dense Adam.
    @Test func lazyAdamUpdatesOnlyRowsWithGradient() {
        var weights = Weights()
        let table = weights.declare("E", Tensor(rows: [[1, -2], [5, 5]]))
        let adam = Adam(learningRate: 0.1)
        var state = adam.initialState()
        var g1 = Gradients()
        g1.addRows([0, 1], Tensor(rows: [[0.5, -1], [1, 1]]), for: table)
        adam.step(&weights, g1, &state)
        #expect(Array(weights[table].row(1)).map { abs($0 - 4.9) < 1e-6 } == [true, true])
        var g2 = Gradients()
        g2.addRows([0], Tensor(rows: [[-1, 0.25]]), for: table)
        adam.step(&weights, g2, &state)
        #expect(abs(weights[table][0, 0] - 0.936610) < 2e-6)
        #expect(abs(weights[table][0, 1] - -1.853053) < 2e-6)
        #expect(Array(weights[table].row(1)).map { abs($0 - 4.9) < 1e-6 } == [true, true])
    }

    @Test func sgdSubtractsScaledGradientDenseAndSparse() {
        var weights = Weights()
        let w = weights.declare("w", Tensor(shape: [2], scalars: [1, 1]))
        let e = weights.declare("E", Tensor(zeros: [3, 1]))
        var g = Gradients()
        g.addDense(Tensor(shape: [2], scalars: [2, -4]), for: w)
        g.addRows([2, 2], Tensor(rows: [[1], [3]]), for: e)
        var none: Void = ()
        SGD(learningRate: 0.5).step(&weights, g, &none)
        #expect(weights[w].scalars == [0, 3])
        #expect(weights[e].scalars == [0, 0, -2])
    }
}
