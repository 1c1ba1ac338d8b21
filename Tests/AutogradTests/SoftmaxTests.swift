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
        let p = Parameter(name: "x", value: x)
        let t = Tape()
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
        let p = Parameter(name: "x", value: x)
        let t = Tape()
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
