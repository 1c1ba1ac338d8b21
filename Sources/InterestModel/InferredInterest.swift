import InterestData

/// What the model infers about a scene where the user has no history: its transfer fills the
/// scene's node from the other scenes, and the items that node scores highest say what the user
/// is expected to like there (issue 11, "cold scenes you can see into").
public struct InferredInterest: Sendable, Equatable {
    public var scene: Int
    /// The best unseen items of the scene with each source scene's share of their scores.
    public var topItems: [ScoredItem]
    /// Topics of the best `sampled` items, as shares (largest first): what the inferred interest
    /// is about, in the dataset's own words.
    public var topicShares: [(topic: Int, share: Double)]
    /// How many top items the topic shares count.
    public var sampled: Int

    public static func == (a: InferredInterest, b: InferredInterest) -> Bool {
        a.scene == b.scene && a.topItems == b.topItems && a.sampled == b.sampled
            && a.topicShares.map(\.topic) == b.topicShares.map(\.topic) && a.topicShares.map(\.share) == b.topicShares.map(\.share)
    }
}

extension TransferModel {
    /// The inferred interest in `scene` for a user whose history is `events` (meant for a scene
    /// where that history is empty; elsewhere it is the scene's ordinary transferred interest).
    public func inferredInterest(events: [HistoryEvent], scene: Int, count: Int = 10, sampled: Int = 20,
                                 in dataset: Dataset) -> InferredInterest {
        let trace = traceTransfer(events: events, target: scene, count: max(count, sampled), in: dataset)
        let ranked = trace.recommendations
        var counts: [Int: Int] = [:]
        for item in ranked.prefix(sampled) { counts[Int(itemTopic[item.item]), default: 0] += 1 }
        let total = Double(min(sampled, ranked.count))
        let shares = counts.map { (topic: $0.key, share: Double($0.value) / max(total, 1)) }
            .sorted { $0.share != $1.share ? $0.share > $1.share : $0.topic < $1.topic }
        return InferredInterest(scene: scene, topItems: Array(ranked.prefix(count)), topicShares: shares, sampled: min(sampled, ranked.count))
    }
}
