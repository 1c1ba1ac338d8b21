import Testing
@testable import Autograd

/// Every op's backward against central finite differences, on shapes including 1×1 and odd sizes.
@Suite struct OpGradientTests {
    static let matrixShapes: [[Int]] = [[1, 1], [3, 5], [7, 2], [4, 9]]

    static let transposes = [(false, false), (false, true), (true, false), (true, true)]

    @Test(arguments: [(1, 1, 1), (3, 5, 2), (7, 13, 5), (2, 1, 6)], transposes)
    func matmul(_ dims: (Int, Int, Int), _ transposes: (Bool, Bool)) {
        let (m, k, n) = dims
        let (transposeA, transposeB) = transposes
        let a = random(transposeA ? [k, m] : [m, k], seed: 1)
        let b = random(transposeB ? [n, k] : [k, n], seed: 2)
        checkGradients([a, b]) { t, x in t.matmul(x[0], x[1], transposeA: transposeA, transposeB: transposeB) }
    }

    @Test(arguments: transposes)
    func batchedMatmul(_ transposes: (Bool, Bool)) {
        let (transposeA, transposeB) = transposes
        let (batch, m, k, n) = (3, 2, 5, 3)
        let a = random(transposeA ? [batch, k, m] : [batch, m, k], seed: 3)
        let b = random(transposeB ? [batch, n, k] : [batch, k, n], seed: 4)
        checkGradients([a, b]) { t, x in t.matmul(x[0], x[1], transposeA: transposeA, transposeB: transposeB) }
    }

    @Test(arguments: matrixShapes)
    func addSubtractMultiply(_ shape: [Int]) {
        let a = random(shape, seed: 5), b = random(shape, seed: 6)
        let row = random([shape[1]], seed: 7), column = random([shape[0], 1], seed: 8)
        for other in [b, row, column] {
            checkGradients([a, other]) { t, x in t.add(x[0], x[1]) }
            checkGradients([a, other]) { t, x in t.subtract(x[0], x[1]) }
            checkGradients([a, other]) { t, x in t.multiply(x[0], x[1]) }
        }
        checkGradients([a, random([1, shape[1]], seed: 9)]) { t, x in t.multiply(x[0], x[1]) }
    }

    @Test(arguments: matrixShapes)
    func scaleAndShift(_ shape: [Int]) {
        checkGradients([random(shape, seed: 10)]) { t, x in t.addScalar(t.scale(x[0], by: -2.5), 1) }
    }

    @Test(arguments: matrixShapes)
    func unaryFunctions(_ shape: [Int]) {
        let x = random(shape, -2, 2, seed: 11)
        checkGradients([x]) { t, x in t.tanh(x[0]) }
        checkGradients([x]) { t, x in t.sigmoid(x[0]) }
        checkGradients([x]) { t, x in t.exp(x[0]) }
        checkGradients([x]) { t, x in t.logSigmoid(x[0]) }
        checkGradients([random(shape, 0.5, 3, seed: 12)], step: 1e-3) { t, x in t.log(x[0]) }
    }

    @Test func logSigmoidIsFiniteFarOut() {
        let t = Tape(recording: false)
        let y = t.logSigmoid(t.constant(Tensor(shape: [3], scalars: [-200, 0, 200]))).value.scalars
        #expect(y[0] == -200)
        #expect(abs(y[1] - -0.6931472) < 1e-6)
        #expect(y[2] == 0)
    }

    @Test(arguments: [[1, 1], [3, 5], [2, 3, 4]])
    func reductions(_ shape: [Int]) {
        let x = random(shape, seed: 13)
        for axis in 0..<shape.count {
            checkGradients([x]) { t, v in t.sum(v[0], axis: axis) }
            checkGradients([x]) { t, v in t.mean(v[0], axis: axis) }
        }
        checkGradients([x]) { t, v in t.sum(v[0]) }
        checkGradients([x]) { t, v in t.mean(v[0]) }
        checkGradients([x]) { t, v in t.sumOfSquares(v[0]) }
    }

    @Test func sumOverAxisValues() {
        let t = Tape(recording: false)
        let x = t.constant(Tensor(rows: [[1, 2, 3], [4, 5, 6]]))
        #expect(t.sum(x, axis: 0).value == Tensor(shape: [3], scalars: [5, 7, 9]))
        #expect(t.mean(x, axis: 1).value == Tensor(shape: [2], scalars: [2, 5]))
        #expect(t.sumOfSquares(x).value.scalar == 91)
    }

    @Test(arguments: matrixShapes)
    func concatAndSplit(_ shape: [Int]) {
        let a = random(shape, seed: 14), b = random([shape[0], 3], seed: 15)
        checkGradients([a, b]) { t, x in t.tanh(t.concat([x[0], x[1], x[0]])) }
        let whole = random([shape[0], shape[1] + 3], seed: 16)
        checkGradients([whole]) { t, x in
            let parts = t.split(x[0], widths: [shape[1], 1, 2])
            return t.concat([t.tanh(parts[2]), t.exp(parts[0]), parts[1]])
        }
    }

    @Test func concatThenSplitRoundTrips() {
        let t = Tape(recording: false)
        let a = t.constant(random([3, 2], seed: 17)), b = t.constant(random([3, 4], seed: 18))
        let parts = t.split(t.concat([a, b]), widths: [2, 4])
        #expect(parts[0].value == a.value)
        #expect(parts[1].value == b.value)
    }

    @Test func reshapeKeepsGradient() {
        checkGradients([random([2, 6], seed: 19)]) { t, x in t.tanh(t.reshape(x[0], to: [3, 4])) }
    }
}
