import InterestData

/// EASE (Steck 2019), as MODEL-SPEC "Strong simple baselines" defines it: `G = XᵀX + λI`,
/// `P = G⁻¹`, `B_ij = −P_ij / P_jj`, `B_jj = 0`, `score(v) = Σ_j x_j·B_jv`.
/// `X` has every scene's items, so a cold case is scored from the other scenes' items through
/// the cross-scene weights: EASE is a transfer baseline, not only a warm one.
public struct EASEBaseline: CaseScorer {
    /// The tuning grid of the claims protocol (at most 6 configurations).
    public static let lambdaGrid: [Double] = [10, 30, 100, 300, 1000, 3000]

    public let lambda: Double
    /// `B`, stored as Float: the ranking needs no more, and it halves the memory (144 MB at V = 6000).
    public let weights: ItemItemWeights

    /// Trains on the split's train-role interactions with `y ≥ 0`. Throws when `G` is not
    /// positive definite, which for `λ > 0` cannot happen in exact arithmetic (and for `λ ≤ 0`
    /// happens as soon as an item has no training user).
    public init(dataset: Dataset, split: Split, lambda: Double, threads: Int = 2) throws(CholeskyError) {
        try self.init(training: TrainingItems(dataset: dataset, split: split), lambda: lambda, threads: threads)
    }

    public init(training: TrainingItems, lambda: Double, threads: Int = 2) throws(CholeskyError) {
        var p = Self.gram(training, lambda: lambda)
        try Cholesky.invert(&p, order: training.itemCount, threads: threads)
        self.lambda = lambda
        self.weights = Self.weights(inverse: p, itemCount: training.itemCount)
    }

    /// `G = XᵀX + λI` (V×V, row-major, Float64).
    public static func gram(_ training: TrainingItems, lambda: Double) -> [Double] {
        var g = training.cooccurrence()
        for j in 0..<training.itemCount { g[j * training.itemCount + j] += lambda }
        return g
    }

    /// `B_ij = −P_ij / P_jj` off the diagonal, 0 on it. `P_jj > 0` since P is positive definite.
    public static func weights(inverse p: [Double], itemCount v: Int) -> ItemItemWeights {
        let diagonal = (0..<v).map { p[$0 * v + $0] }
        var b = [Float](repeating: 0, count: v * v)
        for i in 0..<v {
            for j in 0..<v where j != i { b[i * v + j] = Float(-p[i * v + j] / diagonal[j]) }
        }
        return ItemItemWeights(itemCount: v, values: b)
    }

    public func scores(for cases: ArraySlice<EvaluationCase>, in dataset: Dataset) -> [[Float]] {
        weights.scores(for: cases, in: dataset)
    }
}
