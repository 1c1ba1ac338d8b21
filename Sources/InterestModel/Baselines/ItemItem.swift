import InterestData

/// The binary training matrix `X` of the item-item baselines (MODEL-SPEC, Strong simple
/// baselines): for each user, the distinct items of their train-role interactions with `y ≥ 0`,
/// all scenes, sorted. Kept as per-user lists, never as a dense users × items matrix.
public struct TrainingItems: Sendable {
    public let itemCount: Int
    /// Sorted distinct item indices per user (empty for users with no such interaction).
    public let itemsByUser: [[Int32]]

    public init(dataset: Dataset, split: Split) {
        var lists = Array(repeating: [Int32](), count: dataset.userCount)
        for i in 0..<dataset.interactionCount where split.roles[i] == .train && dataset.interactions.feedback[i] >= 0 {
            lists[Int(dataset.interactions.user[i])].append(dataset.interactions.item[i])
        }
        self.init(itemCount: dataset.itemCount, itemsByUser: lists)
    }

    /// From explicit lists (tests, benchmarks); duplicates are removed and each list sorted.
    public init(itemCount: Int, itemsByUser: [[Int32]]) {
        self.itemCount = itemCount
        self.itemsByUser = itemsByUser.map { Array(Set($0)).sorted() }
        precondition(self.itemsByUser.allSatisfy { $0.allSatisfy { 0 <= $0 && Int($0) < itemCount } }, "item index out of range")
    }

    /// `|U_i|`: how many users have item i.
    public var userCounts: [Int] {
        var counts = [Int](repeating: 0, count: itemCount)
        for items in itemsByUser { for v in items { counts[Int(v)] += 1 } }
        return counts
    }

    /// `XᵀX` (V×V, row-major): entry (i, j) counts the users with both items, the diagonal `|U_i|`.
    /// Float64 so that EASE can add `λI` and factorise in place; counts are exact integers in it.
    /// Built from each user's pairs, Σ_u |items_u|² increments, so sparse users cost little.
    public func cooccurrence() -> [Double] {
        let v = itemCount
        var gram = [Double](repeating: 0, count: v * v)
        gram.withUnsafeMutableBufferPointer { g in
            for items in itemsByUser {
                for i in items {
                    let row = g.baseAddress! + Int(i) * v
                    for j in items { row[Int(j)] += 1 }
                }
            }
        }
        return gram
    }
}

/// A dense item-item weight matrix `W` (V×V, row j = weights *from* item j) and the scoring the
/// two item-item baselines share: `score(v) = Σ_j x_j·W[j, v]`, `x` the case's history items.
public struct ItemItemWeights: Sendable {
    public let itemCount: Int
    /// Row-major `itemCount × itemCount`.
    public let values: [Float]

    public init(itemCount: Int, values: [Float]) {
        precondition(values.count == itemCount * itemCount, "an item-item matrix needs V×V values")
        self.itemCount = itemCount
        self.values = values
    }

    /// `W[j, v]`.
    public func weight(from j: Int, to v: Int) -> Float { values[j * itemCount + v] }

    /// The user vector `x` of a case: the distinct items with `y ≥ 0` in its history, all scenes
    /// in it, sorted (so every score is summed in the same order).
    public static func historyItems(of case_: EvaluationCase, in dataset: Dataset) -> [Int32] {
        var items = Set<Int32>()
        for i in case_.history where dataset.interactions.feedback[Int(i)] >= 0 {
            items.insert(dataset.interactions.item[Int(i)])
        }
        return items.sorted()
    }

    /// One score per item of each case's scene, in `dataset.itemsByScene` order (a `CaseScorer`).
    /// A case with an empty history scores 0 everywhere, so the ranking falls to the item order.
    public func scores(for cases: ArraySlice<EvaluationCase>, in dataset: Dataset) -> [[Float]] {
        values.withUnsafeBufferPointer { w in
            cases.map { case_ in
                let candidates = dataset.itemsByScene[Int(case_.scene)]
                var scores = [Float](repeating: 0, count: candidates.count)
                for j in Self.historyItems(of: case_, in: dataset) {
                    let row = w.baseAddress! + Int(j) * itemCount
                    for (k, v) in candidates.enumerated() { scores[k] += row[Int(v)] }
                }
                return scores
            }
        }
    }
}
