import Foundation
import Randomness
import Testing
@testable import Autograd

@Suite struct SoftmaxTests {
    @Test func unmaskedRowsSumToOneAndMatchDefinition() {
        let t = Tape(recording: false)
        let x = Tensor(rows: [[1, 2, 3], [0, 0, 0]])
        let y = t.softmax(t.constant(x)).value
        let e = [1, 2, 3].map { Float(Foundation.exp(Double($0))) }
        let total = e.reduce(0, +)
        for j in 0..<3 { #expect(abs(y[0, j] - e[j] / total) < 1e-6) }
        for j in 0..<3 { #expect(abs(y[1, j] - 1.0 / 3) < 1e-6) }
    }

    @Test func maskedEntriesAreExactlyZeroAndRestRenormalise() {
        let t = Tape(recording: false)
        let x = Tensor(rows: [[5, 1, 1, -3]])
        let mask = Tensor(rows: [[0, 1, 1, 0]])
        let y = t.softmax(t.constant(x), mask: mask).value
        #expect(y[0, 0] == 0)
        #expect(y[0, 3] == 0)
        #expect(abs(y[0, 1] - 0.5) < 1e-6 && abs(y[0, 2] - 0.5) < 1e-6)
    }

    @Test func fullyMaskedRowIsZerosNotNaN() {
        let x = Tensor(rows: [[1, 2], [3, 4]])
        let mask = Tensor(rows: [[0, 0], [1, 0]])
        var weights = Weights()
        let p = weights.declare("x", x)
        let t = Tape(reading: weights)
        let y = t.softmax(t.parameter(p), mask: mask)
        #expect(y.value.scalars == [0, 0, 1, 0])
        let g = t.backward(from: t.sum(t.multiply(y, t.constant(Tensor(rows: [[2, -1], [3, 5]])))))
        // Row 0 is all masked; row 1 has a single live entry, whose softmax is constant 1.
        #expect(g.dense(p)!.scalars == [0, 0, 0, 0])
    }

    @Test(arguments: [[1, 1], [3, 5], [4, 7]])
    func maskedGradientMatchesFiniteDifferences(_ shape: [Int]) {
        var rng = SeededRandom(seed: 21)
        var mask = Tensor(zeros: shape)
        for i in 0..<mask.count { mask.scalars[i] = rng.int(below: 3) == 0 ? 0 : 1 }
        mask.scalars[mask.count - 1] = 0
        let x = random(shape, -3, 3, seed: 22)
        var weights = Weights()
        let p = weights.declare("x", x)
        let t = Tape(reading: weights)
        let w = random(shape, seed: 23)
        let g = t.backward(from: t.sum(t.multiply(t.softmax(t.parameter(p), mask: mask), t.constant(w))))
        for i in 0..<mask.count where mask.scalars[i] == 0 {
            #expect(g.dense(p)!.scalars[i] == 0, "masked entry \(i) got gradient")
        }
        checkGradients([x]) { t, v in t.softmax(v[0], mask: mask) }
        checkGradients([x]) { t, v in t.softmax(v[0]) }
    }
}

import Foundation
import Randomness

/// The fused softmax cross-entropy (v2's objective) against finite differences and a direct formula.
struct SoftmaxCrossEntropyTests {
    @Test func valueIsMinusLogTheMaskedSoftmaxOfTheTarget() {
        let x = Tensor(shape: [2, 4], scalars: [1, 2, 3, 4, -1, 0.5, 30, 0.25])
        let mask = Tensor(shape: [2, 4], scalars: [1, 1, 0, 1, 1, 1, 0, 1])
        let tape = Tape()
        let loss = tape.softmaxCrossEntropy(tape.constant(x), mask: mask, targets: [1, 3]).value.scalar
        // Row 0 over {1, 2, 4}; row 1 over {−1, 0.5, 0.25}: the masked 30 must not matter.
        let row0 = -log(exp(2.0) / (exp(1.0) + exp(2.0) + exp(4.0)))
        let row1 = -log(exp(0.25) / (exp(-1.0) + exp(0.5) + exp(0.25)))
        #expect(abs(Double(loss) - (row0 + row1)) < 1e-5)
    }

    @Test func gradientMatchesFiniteDifferencesAndSkipsMaskedEntries() {
        var random = SeededRandom(seed: 3)
        let shape = [3, 7]
        var weights = Weights()
        let x = weights.declare("x", .normal(shape, standardDeviation: 2, using: &random))
        var maskValues = [Float](repeating: 1, count: 21)
        for masked in [2, 9, 10, 20] { maskValues[masked] = 0 }
        let mask = Tensor(shape: shape, scalars: maskValues)
        let targets = [0, 5, 4]
        func loss(_ tape: Tape) -> Variable {
            tape.scale(tape.softmaxCrossEntropy(tape.parameter(x), mask: mask, targets: targets), by: 0.7)
        }
        let tape = Tape(reading: weights)
        let gradient = tape.backward(from: loss(tape)).dense(x)!
        for i in 0..<21 {
            let original = weights[x].scalars[i]
            let epsilon: Float = 1e-2
            weights.withUnsafeMutableBufferPointer(of: x) { $0[i] = original + epsilon }
            let plus = Double(loss(Tape(reading: weights, recording: false)).value.scalar)
            weights.withUnsafeMutableBufferPointer(of: x) { $0[i] = original - epsilon }
            let minus = Double(loss(Tape(reading: weights, recording: false)).value.scalar)
            weights.withUnsafeMutableBufferPointer(of: x) { $0[i] = original }
            let numeric = (plus - minus) / (2 * Double(epsilon))
            #expect(abs(numeric - Double(gradient.scalars[i])) < 2e-3, "entry \(i)")
            if maskValues[i] == 0 { #expect(gradient.scalars[i] == 0) }
        }
    }

    @Test func noMaskIsAMaskOfOnesBitForBit() {
        let x = Tensor(shape: [2, 3], scalars: [0.3, -1.2, 2.5, 7, 7.5, -3])
        let tape = Tape()
        let input = tape.constant(x)
        let unmasked = tape.softmaxCrossEntropy(input, targets: [2, 0]).value.scalar
        let masked = tape.softmaxCrossEntropy(input, mask: Tensor(shape: [2, 3], scalars: [1, 1, 1, 1, 1, 1]), targets: [2, 0]).value.scalar
        #expect(unmasked == masked)
        let row0 = -log(exp(2.5) / (exp(0.3) + exp(-1.2) + exp(2.5)))
        let row1 = -log(exp(7.0) / (exp(7.0) + exp(7.5) + exp(-3.0)))
        #expect(abs(Double(unmasked) - (row0 + row1)) < 1e-5)
    }

    @Test func largeLogitsStayFinite() {
        let x = Tensor(shape: [1, 3], scalars: [1000, -1000, 0])
        let tape = Tape()
        let loss = tape.softmaxCrossEntropy(tape.constant(x), mask: Tensor(shape: [1, 3], scalars: [1, 1, 1]), targets: [1])
        #expect(loss.value.scalar.isFinite && abs(loss.value.scalar - 2000) < 1e-2)
    }
}
