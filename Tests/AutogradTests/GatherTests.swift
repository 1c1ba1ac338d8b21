import Testing
@testable import Autograd

@Suite struct GatherTests {
    @Test func gatherRowsWithRepeatsScatterAddsIntoUsedRowsOnly() {
        let x = random([5, 3], seed: 31)
        let indices = [3, 0, 3, 3]
        checkGradients([x]) { t, v in t.tanh(t.gatherRows(v[0], indices)) }
        var weights = Weights()
        let p = weights.declare("x", x)
        let t = Tape(reading: weights)
        let g = t.backward(from: t.sum(t.gatherRows(t.parameter(p), indices))).dense(p)!
        #expect(Array(g.row(3)) == [3, 3, 3])
        #expect(Array(g.row(0)) == [1, 1, 1])
        for r in [1, 2, 4] { #expect(Array(g.row(r)) == [0, 0, 0]) }
    }

    @Test func embeddingGradientIsSparseOverTheRowsUsed() {
        var weights = Weights()
        let table = weights.declare("E", random([6, 2], seed: 32))
        let t = Tape(reading: weights)
        let rows = t.embedding(table, [4, 1, 4])
        #expect(Array(rows.value.row(0)) == Array(weights[table].row(4)))
        let gradients = t.backward(from: t.sum(t.multiply(rows, t.constant(Tensor(rows: [[1, 2], [3, 4], [5, 6]])))))
        guard case .sparse(let s) = gradients[table] else {
            Issue.record("embedding gradient should be sparse")
            return
        }
        #expect(s.rows == [4, 1])
        #expect(s.values == [6, 8, 3, 4])
        #expect(gradients.dense(table)!.scalars == [0, 0, 3, 4, 0, 0, 0, 0, 6, 8, 0, 0])
    }

    @Test func embeddingMatchesFiniteDifferences() {
        let table = random([4, 3], seed: 33)
        var weights = Weights()
        let p = weights.declare("E", table)
        let indices = [2, 2, 0]
        let t = Tape(reading: weights)
        let analytic = t.backward(from: t.sumOfSquares(t.tanh(t.embedding(p, indices)))).dense(p)!
        let h: Float = 1e-2
        for i in 0..<p.count {
            func loss() -> Float {
                let t = Tape(reading: weights, recording: false)
                return t.sumOfSquares(t.tanh(t.embedding(p, indices))).value.scalar
            }
            let saved = weights[p].scalars[i]
            weights.withUnsafeMutableBufferPointer(of: p) { $0[i] = saved + h }
            let plus = loss()
            weights.withUnsafeMutableBufferPointer(of: p) { $0[i] = saved - h }
            let minus = loss()
            weights.withUnsafeMutableBufferPointer(of: p) { $0[i] = saved }
            #expect(abs(analytic.scalars[i] - (plus - minus) / (2 * h)) < 2e-3)
        }
    }

    @Test func mergingKeepsSparseGradientsSparseAndAddsThem() {
        var weights = Weights()
        let table = weights.declare("E", Tensor(zeros: [5, 2]))
        let w = weights.declare("W", Tensor(repeating: 1, shape: [2, 2]))
        let values = weights
        func halfBatch(_ rows: [Int]) -> Gradients {
            let t = Tape(reading: values)
            return t.backward(from: t.sum(t.matmul(t.embedding(table, rows), t.parameter(w))))
        }
        var merged = halfBatch([0, 2])
        merged.add(halfBatch([2, 4]))
        guard case .sparse(let s) = merged[table] else {
            Issue.record("merged embedding gradient should stay sparse")
            return
        }
        #expect(s.rows == [0, 2, 4])
        #expect(s.values == [2, 2, 4, 4, 2, 2])
        // The dense part adds too: each half contributes Σ over its rows of x (all zeros here) ...
        #expect(merged.dense(w)!.scalars == [0, 0, 0, 0])
        merged.scale(by: 0.5)
        #expect(merged.dense(table)!.row(2) == [2, 2])
    }

    /// A small table finds its rows' slots through an array, a large one through a dictionary
    /// (`SparseRows.denseIndexRows`); the rows, their first-touched order and the sums (in the
    /// order given) must not depend on which.
    @Test func sparseRowsAreTheSameWithEitherSlotIndex() {
        let adds: [([Int], [Float])] = [([7, 3, 7, 0], [1, 2, 3, 4, 5, 6, 0.1, 0.2]), ([3, 9, 9], [-1, 1, 0.5, 0.25, 0.125, 1e-3])]
        var small = SparseRows(columns: 2, tableRows: 10, expectedRows: 4)
        var large = SparseRows(columns: 2, tableRows: 1_000_000, expectedRows: 4)
        var unknown = SparseRows(columns: 2)
        for (rows, values) in adds {
            small.add(rows: rows, values)
            large.add(rows: rows, values)
            unknown.add(rows: rows, values)
        }
        #expect(small.rows == [7, 3, 0, 9])
        let tail: Float = 0.25 + 1e-3  // (0 + 0.25) + 0.001 in Float, as the sums run
        #expect(small.values == [6, 8, 2, 5, 0.1, 0.2, 0.625, tail])
        for other in [large, unknown] {
            #expect(other.rows == small.rows)
            #expect(other.values.map(\.bitPattern) == small.values.map(\.bitPattern))
        }
    }

    @Test func denseAndSparseGradientsOfOneParameterCombine() {
        var weights = Weights()
        let table = weights.declare("E", random([3, 2], seed: 34))
        let t = Tape(reading: weights)
        let loss = t.add(t.sum(t.embedding(table, [1])), t.sum(t.parameter(table)))
        let g = t.backward(from: loss).dense(table)!
        #expect(g.scalars == [1, 1, 2, 2, 1, 1])
    }
}
