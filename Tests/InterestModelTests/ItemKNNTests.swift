import InterestData
@testable import InterestModel
import Testing

/// ItemKNN (MODEL-SPEC, Strong simple baselines).
struct ItemKNNTests {
    /// Worked by hand. Users {0,1}, {0,2}, {0,3}, {0,1}; item 4 has no user.
    ///     |U| = [4, 2, 1, 1, 0]; overlaps (0,1) = 2, (0,2) = 1, (0,3) = 1, all others 0.
    ///     S₀₁ = 2/√(4·2) = 1/√2 ≈ .7071,  S₀₂ = 1/√(4·1) = .5,  S₀₃ = .5,  every other S = 0 (item 4: 0, not 0/0).
    /// Column 0 holds S₁₀ = .7071, S₂₀ = .5, S₃₀ = .5:
    ///     k = 1 keeps only j = 1; k = 2: the 2nd largest is .5, and both .5s are "not below" it, so
    ///     three entries are kept (the tie at the threshold). Columns 1, 2, 3 hold only S₀ᵥ.
    /// Pruning is per column, so the kept matrix is not symmetric at k = 1: W[2, 0] = 0 but W[0, 2] = .5.
    static let training = TrainingItems(itemCount: 5, itemsByUser: [[0, 1], [0, 2], [0, 3], [1, 0]])
    static let root = Float(0.5.squareRoot())

    @Test func similaritiesOfAHandWorkedExample() {
        let knn = ItemKNNBaseline(training: Self.training, neighbours: 200)
        let s = knn.weights
        #expect(abs(s.weight(from: 1, to: 0) - Self.root) < 1e-7 && abs(s.weight(from: 0, to: 1) - Self.root) < 1e-7)
        #expect(s.weight(from: 2, to: 0) == 0.5 && s.weight(from: 0, to: 3) == 0.5)
        #expect(s.weight(from: 1, to: 2) == 0 && s.weight(from: 2, to: 3) == 0)
        #expect((0..<5).allSatisfy { s.weight(from: $0, to: $0) == 0 })
        #expect((0..<5).allSatisfy { s.weight(from: $0, to: 4) == 0 && s.weight(from: 4, to: $0) == 0 })
        #expect(s.values.allSatisfy { $0.isFinite })
    }

    @Test func topKPruningKeepsTiesAtTheThreshold() {
        let one = ItemKNNBaseline(training: Self.training, neighbours: 1).weights
        #expect(abs(one.weight(from: 1, to: 0) - Self.root) < 1e-7)
        #expect(one.weight(from: 2, to: 0) == 0 && one.weight(from: 3, to: 0) == 0)
        #expect(one.weight(from: 0, to: 2) == 0.5)  // column 2's only neighbour
        let two = ItemKNNBaseline(training: Self.training, neighbours: 2).weights
        #expect(two.weight(from: 2, to: 0) == 0.5 && two.weight(from: 3, to: 0) == 0.5)
        #expect(abs(two.weight(from: 1, to: 0) - Self.root) < 1e-7)
        #expect(ItemKNNBaseline.kthLargest([0.5, 0, 0.7, 0.5], 2) == 0.5)
        #expect(ItemKNNBaseline.kthLargest([0.5, 0, 0.7], 3) == -.infinity)
        #expect(ItemKNNBaseline.neighbourGrid == [20, 50, 100, 200])
    }

    /// Through a dataset: items 0, 3, 6 (one per scene) with users {0,3}, {3,6}, {0,3,6} in train;
    /// S₀₃ = 2/√(2·3), so user 0's history (item 0; item 6 is negative) scores scene 1's items
    /// [3, 4, 5] as [2/√6, 0, 0], with k = 1 as with k = 20 (column 3's best neighbour is item 0, tied with 6).
    @Test func scoresACaseFromItsHistoryItems() {
        let dataset = TinyDataset.make(rows: [
            (0, 0, 1), (0, 3, 1), (0, 6, -1), (1, 3, 1), (1, 6, 1), (2, 0, 1), (2, 3, 1), (2, 6, 1),
        ])
        let split = Split(dataset: dataset, seed: 1)
        let case_ = EvaluationCase(user: 0, scene: 1, kind: .cold, targets: [3], history: [0, 2])
        for k in [1, 20] {
            let scores = ItemKNNBaseline(dataset: dataset, split: split, neighbours: k).scores(for: [case_], in: dataset)
            #expect(scores.count == 1 && abs(scores[0][0] - Float(2 / 6.0.squareRoot())) < 1e-6 && scores[0][1...] == [0, 0])
        }
    }
}
