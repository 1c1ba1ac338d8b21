import InterestData
@testable import InterestModel
import Randomness
import Testing

/// The Cholesky solve and EASE (MODEL-SPEC, Strong simple baselines).
struct EASETests {
    // MARK: Cholesky

    @Test func inverseMatchesGaussJordanOnARandomSPDMatrix() throws {
        let n = 37
        let a = Self.randomSPD(n, seed: 5)
        let reference = Self.gaussJordanInverse(a, n)
        // Block size 8 crosses block edges (37 = 4·8 + 5) on the small matrix; 96 is one block.
        for blockSize in [8, Cholesky.defaultBlockSize] {
            for threads in [1, 2] {
                var inverse = a
                try Cholesky.invert(&inverse, order: n, threads: threads, blockSize: blockSize)
                #expect(Self.relativeError(inverse, reference) <= 1e-9, "block \(blockSize), \(threads) threads")
            }
        }
        #expect(Self.relativeError(try Cholesky.inverse(of: a, order: n), reference) <= 1e-9)
    }

    /// 300 crosses every tiling edge: the 96-row blocks, the product's 128-column blocks and
    /// 256-deep panels, and the 6×8 tiles. Two threads must give the very same bits as one.
    @Test func inverseOfALargerMatrixIsExactAndThreadIndependent() throws {
        let n = 300
        let a = Self.randomSPD(n, seed: 11)
        var one = a, two = a
        try Cholesky.invert(&one, order: n, threads: 1)
        try Cholesky.invert(&two, order: n, threads: 2)
        #expect(one == two)
        #expect(Self.relativeError(one, Self.gaussJordanInverse(a, n)) <= 1e-9)
        // Symmetric to the last bit: the upper triangle is a copy of the lower.
        #expect((0..<n).allSatisfy { i in (0..<n).allSatisfy { j in one[i * n + j] == one[j * n + i] } })
    }

    @Test func factorTimesItsTransposeGivesTheMatrixBack() throws {
        let n = 23
        let a = Self.randomSPD(n, seed: 2)
        var l = a
        try Cholesky.factor(&l, order: n, threads: 2, blockSize: 5)
        var worst = 0.0
        for i in 0..<n {
            for j in 0..<n {
                if j > i { #expect(l[i * n + j] == 0) }
                var s = 0.0
                for k in 0..<n { s += l[i * n + k] * l[j * n + k] }
                worst = max(worst, abs(s - a[i * n + j]) / abs(a[i * n + i]))
            }
        }
        #expect(worst <= 1e-12)
    }

    @Test func choleskyRejectsAMatrixThatIsNotPositiveDefinite() {
        // [[1, 2], [2, 1]] has eigenvalues 3 and −1: L₀₀ = 1, L₁₀ = 2, pivot 1 − 2² = −3.
        var indefinite: [Double] = [1, 2, 2, 1]
        #expect(throws: CholeskyError.notPositiveDefinite(column: 1, pivot: -3)) {
            try Cholesky.factor(&indefinite, order: 2)
        }
        // A zero row (an item nobody has, with λ = 0) is singular: pivot 0 at its column.
        #expect(throws: CholeskyError.notPositiveDefinite(column: 1, pivot: 0)) {
            _ = try Cholesky.inverse(of: [2, 0, 0, 0], order: 2)
        }
        // A NaN is refused, not propagated; it shows in the first pivot, found beyond the first block.
        var poisoned = Self.randomSPD(30, seed: 3)
        poisoned[20 * 30 + 20] = .nan
        #expect(throws: CholeskyError.self) { try Cholesky.factor(&poisoned, order: 30, threads: 1, blockSize: 8) }
        var short: [Double] = [1, 0, 0]
        #expect(throws: CholeskyError.wrongSize(order: 2, count: 3)) { try Cholesky.invert(&short, order: 2) }
        var empty: [Double] = []
        #expect(throws: Never.self) { try Cholesky.invert(&empty, order: 0) }
    }

    // MARK: EASE

    /// Worked by hand. Users {0,1}, {1,2}, {0,1,2}; λ = 1:
    ///     XᵀX = [[2,2,1],[2,3,2],[1,2,2]],  G = [[3,2,1],[2,4,2],[1,2,3]],  det G = 3·8 − 2·4 + 1·0 = 16,
    ///     P = G⁻¹ = adj(G)/16 = [[8,−4,0],[−4,8,−4],[0,−4,8]]/16 = [[.5,−.25,0],[−.25,.5,−.25],[0,−.25,.5]]
    ///     (check: row 0 of P·G = [1.5−.5, 1−1, .5−.5] = [1, 0, 0]),
    ///     B_ij = −P_ij/P_jj: B₀₁ = .25/.5 = .5, B₀₂ = 0, B₁₀ = .5, B₁₂ = .5, B₂₀ = 0, B₂₁ = .5, B_jj = 0.
    /// So x = {0} scores [0, .5, 0] and x = {0, 2} scores [0, 1, 0].
    @Test func easeOnAHandWorkedExample() throws {
        let training = TrainingItems(itemCount: 3, itemsByUser: [[0, 1], [2, 1], [0, 1, 2, 2]])
        #expect(EASEBaseline.gram(training, lambda: 1) == [3, 2, 1, 2, 4, 2, 1, 2, 3])
        let ease = try EASEBaseline(training: training, lambda: 1)
        let expected: [Float] = [0, 0.5, 0, 0.5, 0, 0.5, 0, 0.5, 0]
        #expect(zip(ease.weights.values, expected).allSatisfy { abs($0 - $1) < 1e-6 })
    }

    /// The same example through a dataset and a split: items 0, 3 and 6 (one per scene, so each
    /// (user, scene) has < 3 interactions and all are train) play items 0, 1 and 2 above.
    /// A negative interaction stays out of X and out of x; validation and test interactions stay
    /// out of X; the other items only see λ, so B is the hand example's, spread out.
    @Test func easeThroughADatasetScoresFromTheWholeHistory() throws {
        let rows: [(Int32, Int32, Int8)] = [
            (0, 0, 1), (0, 3, 1), (0, 6, -1),
            (1, 3, 1), (1, 6, 1),
            (2, 0, 1), (2, 3, 1), (2, 6, 1),
            // User 3 has three positives in scene 0: item 1 is train, item 2 validation, item 0 test.
            (3, 1, 1), (3, 2, 1), (3, 0, 1),
        ]
        let dataset = TinyDataset.make(rows: rows)
        let split = Split(dataset: dataset, seed: 1)
        #expect(split.coldCases.isEmpty)
        #expect(TrainingItems(dataset: dataset, split: split).itemsByUser == [[0, 3], [3, 6], [0, 3, 6], [1]])
        let ease = try EASEBaseline(dataset: dataset, split: split, lambda: 1)
        #expect(abs(ease.weights.weight(from: 0, to: 3) - 0.5) < 1e-6 && abs(ease.weights.weight(from: 3, to: 6) - 0.5) < 1e-6)
        #expect(ease.weights.weight(from: 0, to: 6) == 0 && ease.weights.weight(from: 1, to: 0) == 0)
        // A cold-style case in scene 1 (items 3, 4, 5) from user 0's history: items 0 (+) and 6 (−).
        let fromOne = EvaluationCase(user: 0, scene: 1, kind: .cold, targets: [3], history: [0, 2])
        // Items 0 (+) and 6 (+) of user 2.
        let fromTwo = EvaluationCase(user: 2, scene: 1, kind: .cold, targets: [3], history: [5, 7])
        let scores = ease.scores(for: [fromOne, fromTwo], in: dataset)
        #expect(zip(scores[0], [Float(0.5), 0, 0]).allSatisfy { abs($0 - $1) < 1e-6 })
        #expect(zip(scores[1], [Float(1), 0, 0]).allSatisfy { abs($0 - $1) < 1e-6 })
    }

    /// B from a direct Gauss–Jordan inverse of the same Gram matrix, on random sparse data.
    @Test func easeMatchesADirectInverse() throws {
        var random = SeededRandom(seed: 9)
        let v = 41
        let lists = (0..<60).map { _ in (0..<(1 + random.int(below: 8))).map { _ in Int32(random.int(below: v)) } }
        let training = TrainingItems(itemCount: v, itemsByUser: lists)
        for lambda in [10.0, 300] {
            let ease = try EASEBaseline(training: training, lambda: lambda)
            let p = Self.gaussJordanInverse(EASEBaseline.gram(training, lambda: lambda), v)
            var worst = 0.0, largest = 0.0
            for i in 0..<v {
                for j in 0..<v {
                    let expected = i == j ? 0 : -p[i * v + j] / p[j * v + j]
                    worst = max(worst, abs(Double(ease.weights.weight(from: i, to: j)) - expected))
                    largest = max(largest, abs(expected))
                }
            }
            #expect(largest > 0 && worst <= 1e-6 * largest, "λ = \(lambda)")
        }
    }

    @Test func easeWithoutItemsOrUsersAndWithAnImpossibleLambda() throws {
        let none = try EASEBaseline(training: TrainingItems(itemCount: 0, itemsByUser: [[], []]), lambda: 10)
        #expect(none.weights.values.isEmpty)
        // Users with no items: G = λI, so B = 0 and every score is 0.
        let idle = try EASEBaseline(training: TrainingItems(itemCount: 3, itemsByUser: [[], []]), lambda: 10)
        #expect(idle.weights.values.allSatisfy { $0 == 0 })
        // λ = 0 and an item nobody has: G is singular, which is an error, not NaN scores.
        #expect(throws: CholeskyError.self) {
            _ = try EASEBaseline(training: TrainingItems(itemCount: 3, itemsByUser: [[0, 1]]), lambda: 0)
        }
        #expect(EASEBaseline.lambdaGrid == [10, 30, 100, 300, 1000, 3000])
    }

    // MARK: Helpers

    /// `RᵀR + n·I` for a uniform random R: symmetric, comfortably positive definite.
    static func randomSPD(_ n: Int, seed: UInt64) -> [Double] {
        var random = SeededRandom(seed: seed)
        let r = (0..<(n * n)).map { _ in random.nextDouble() * 2 - 1 }
        var a = [Double](repeating: 0, count: n * n)
        for i in 0..<n {
            for j in 0..<n {
                var s = i == j ? Double(n) : 0
                for k in 0..<n { s += r[k * n + i] * r[k * n + j] }
                a[i * n + j] = s
            }
        }
        return a
    }

    /// The inverse by Gauss–Jordan elimination with partial pivoting, independent of Cholesky.
    static func gaussJordanInverse(_ matrix: [Double], _ n: Int) -> [Double] {
        var a = matrix
        var inverse = [Double](repeating: 0, count: n * n)
        for i in 0..<n { inverse[i * n + i] = 1 }
        for column in 0..<n {
            let pivotRow = (column..<n).max { abs(a[$0 * n + column]) < abs(a[$1 * n + column]) }!
            for j in 0..<n {
                a.swapAt(column * n + j, pivotRow * n + j)
                inverse.swapAt(column * n + j, pivotRow * n + j)
            }
            let pivot = a[column * n + column]
            for j in 0..<n { a[column * n + j] /= pivot; inverse[column * n + j] /= pivot }
            for row in 0..<n where row != column {
                let factor = a[row * n + column]
                if factor == 0 { continue }
                for j in 0..<n {
                    a[row * n + j] -= factor * a[column * n + j]
                    inverse[row * n + j] -= factor * inverse[column * n + j]
                }
            }
        }
        return inverse
    }

    /// Largest absolute difference relative to the largest absolute entry of the reference.
    static func relativeError(_ x: [Double], _ reference: [Double]) -> Double {
        let scale = reference.map(abs).max() ?? 0
        return zip(x, reference).map { abs($0 - $1) }.max().map { $0 / scale } ?? 0
    }
}
