import Foundation
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

    /// The update runs eight lanes at a time with a scalar tail; it must give the bits of the
    /// textbook formula computed one scalar at a time, or training would change with the width.
    /// 21 scalars (two full lanes and a tail of 5), dense and as sparse rows of 7 columns, over
    /// five steps with gradients of mixed signs and sizes.
    @Test func adamLanesGiveTheBitsOfTheScalarFormula() {
        let count = 21
        var weights = Weights()
        let dense = weights.declare("w", Tensor(shape: [count], scalars: (0..<count).map { Float($0) * 0.37 - 3 }))
        let table = weights.declare("E", Tensor(shape: [3, 7], scalars: (0..<count).map { Float($0) * -0.21 + 1 }))
        var expected = [weights[dense].scalars, weights[table].scalars]
        var m = [[Float]](repeating: [Float](repeating: 0, count: count), count: 2), v = m
        let adam = Adam(learningRate: 0.01)
        var state = adam.initialState()
        for step in 1...5 {
            let g = (0..<count).map { i in Float((i * 7 + step * 13) % 11) * 0.173 - 0.9 }
            var gradients = Gradients()
            gradients.addDense(Tensor(shape: [count], scalars: g), for: dense)
            gradients.addRows([2, 0, 1], Tensor(shape: [3, 7], scalars: Array(g[14...]) + Array(g[..<14])), for: table)
            adam.step(&weights, gradients, &state)
            // The reference: Adam's formula, one scalar at a time, in the kernel's operation order.
            let c1 = 1 - Foundation.pow(Double(Float(0.9)), Double(step)), c2 = 1 - Foundation.pow(Double(Float(0.999)), Double(step))
            let stepSize = Float(Double(Float(0.01)) * c2.squareRoot() / c1), epsHat = Float(Double(Float(1e-8)) * c2.squareRoot())
            // Rows 2, 0, 1 got g[14...], g[..<7], g[7..<14]: in row order, the table's gradient is g.
            for k in 0..<2 {
                let grad = g
                for i in 0..<count {
                    m[k][i] = 0.9 * m[k][i] + (1 - 0.9) * grad[i]
                    v[k][i] = 0.999 * v[k][i] + (1 - 0.999) * grad[i] * grad[i]
                    expected[k][i] -= stepSize * m[k][i] / (v[k][i].squareRoot() + epsHat)
                }
            }
            #expect(weights[dense].scalars.map(\.bitPattern) == expected[0].map(\.bitPattern), "dense, step \(step)")
            #expect(weights[table].scalars.map(\.bitPattern) == expected[1].map(\.bitPattern), "sparse, step \(step)")
        }
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
