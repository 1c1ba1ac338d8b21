import InterestData

/// Item-based k-nearest neighbours with cosine similarity, as MODEL-SPEC "Strong simple baselines"
/// defines it: `S_ij = |U_i ∩ U_j| / √(|U_i|·|U_j|)` over the users of `X`, `S_jj = 0`; column v
/// keeps only the `S_jv` not below its k-th largest value (so ties at the threshold are all kept
/// and a column may keep more than k); `score(v) = Σ_j x_j·S_jv`.
public struct ItemKNNBaseline: CaseScorer {
    /// The tuning grid of the claims protocol (at most 6 configurations).
    public static let neighbourGrid = [20, 50, 100, 200]

    public let neighbours: Int
    /// The pruned `S` (row j, column v).
    public let weights: ItemItemWeights

    public init(dataset: Dataset, split: Split, neighbours k: Int) {
        self.init(training: TrainingItems(dataset: dataset, split: split), neighbours: k)
    }

    public init(training: TrainingItems, neighbours k: Int) {
        precondition(k >= 1, "ItemKNN needs at least one neighbour, got k = \(k)")
        let v = training.itemCount
        let users = training.userCounts.map(Double.init)
        let overlap = training.cooccurrence()
        var pruned = [Float](repeating: 0, count: v * v)
        var column = [Double](repeating: 0, count: v)
        for target in 0..<v {
            // S is symmetric, so column `target` is row `target` of the overlap counts, scaled.
            for j in 0..<v {
                let norm = (users[j] * users[target]).squareRoot()
                column[j] = j == target || norm == 0 ? 0 : overlap[target * v + j] / norm
            }
            let threshold = Self.kthLargest(column, k)
            for j in 0..<v where column[j] > 0 && column[j] >= threshold {
                pruned[j * v + target] = Float(column[j])
            }
        }
        neighbours = k
        weights = ItemItemWeights(itemCount: v, values: pruned)
    }

    /// The k-th largest value (−∞ when there are fewer than k values, so that all are kept).
    /// Zeros never need keeping, so only positive values are sorted: columns are sparse.
    static func kthLargest(_ values: [Double], _ k: Int) -> Double {
        let positive = values.filter { $0 > 0 }
        if positive.count < k { return -.infinity }
        return positive.sorted(by: >)[k - 1]
    }

    public func scores(for cases: ArraySlice<EvaluationCase>, in dataset: Dataset) -> [[Float]] {
        weights.scores(for: cases, in: dataset)
    }
}
