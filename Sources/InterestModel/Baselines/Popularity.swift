import InterestData

/// Per-scene popularity: an item's score is how often it was a training interaction with `y ≥ 0`.
public struct PopularityBaseline: CaseScorer {
    /// Count of every item (item index order).
    public let counts: [Float]

    public init(dataset: Dataset, split: Split) {
        var counts = [Float](repeating: 0, count: dataset.itemCount)
        for i in 0..<dataset.interactionCount where split.roles[i] == .train && dataset.interactions.feedback[i] >= 0 {
            counts[Int(dataset.interactions.item[i])] += 1
        }
        self.counts = counts
    }

    public func scores(for cases: ArraySlice<EvaluationCase>, in dataset: Dataset) -> [[Float]] {
        cases.map { case_ in dataset.itemsByScene[Int(case_.scene)].map { counts[Int($0)] } }
    }
}
