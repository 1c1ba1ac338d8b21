import InterestData
import InterestModel

/// The three interest layers of one user in one scene as the Interests screen shows them: the
/// topic layer (topic shares), the content layer (recent items with sentiment) and the sentiment
/// layer (counts). Taken from the model's explanation when there is a model; without one, read
/// from the data the same way (the last `L` interactions), so the screen works before training.
struct SceneProfile: Equatable {
    var recent: [HistoryEvent]
    var topicShares: [Float]
    var sentimentCounts: [Int]

    var isActive: Bool { !recent.isEmpty }

    init(_ interest: SceneInterest) {
        recent = interest.recent
        topicShares = interest.topicShares
        sentimentCounts = interest.sentimentCounts
    }

    init(user: Int, scene: Int, dataset: Dataset, historyLength: Int) {
        let history = dataset.history(ofUser: Int32(user), scene: Int32(scene)).suffix(historyLength)
        recent = history.map { HistoryEvent(item: dataset.interactions.item[Int($0)], feedback: dataset.interactions.feedback[Int($0)]) }
        topicShares = [Float](repeating: 0, count: dataset.topicCount)
        sentimentCounts = [0, 0, 0]
        let kept = recent.filter { $0.feedback >= 0 }
        for event in kept { topicShares[Int(dataset.items.topic[Int(event.item)])] += 1 / Float(kept.count) }
        for event in recent { sentimentCounts[Int(event.feedback) + 1] += 1 }
    }

    /// Topics with a share, largest first.
    var topTopics: [(topic: Int, share: Float)] {
        topicShares.enumerated().filter { $0.element > 0 }.map { ($0.offset, $0.element) }.sorted { $0.share > $1.share || ($0.share == $1.share && $0.topic < $1.topic) }
    }
}

/// Cosine similarity of two vectors (0 when either is zero).
func cosine(_ a: [Float], _ b: [Float]) -> Float {
    var dot: Float = 0, na: Float = 0, nb: Float = 0
    for i in a.indices { dot += a[i] * b[i]; na += a[i] * a[i]; nb += b[i] * b[i] }
    return na > 0 && nb > 0 ? dot / (na * nb).squareRoot() : 0
}
