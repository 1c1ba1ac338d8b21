import Autograd
@testable import InterestModel
import Randomness

/// A model and a batch small enough to check by hand or by finite differences: 3 scenes, 9 items
/// (3 per scene), 3 topics, d = 4, two heads.
enum TinyModel {
    static let itemScene: [Int32] = [0, 0, 0, 1, 1, 1, 2, 2, 2]
    static let itemTopic: [Int32] = [0, 1, 2, 0, 1, 2, 0, 1, 2]

    static func hyperparameters(attention: AttentionKind = .dot, transfer: TransferMode = .attention,
                                iterations: Int = 2, beta: Float = 0.2) -> Hyperparameters {
        var h = Hyperparameters.v1
        h.dimension = 4
        h.heads = 2
        h.historyLength = 3
        h.iterations = iterations
        h.beta = beta
        h.attention = attention
        h.transfer = transfer
        h.embeddingStandardDeviation = 0.5
        h.seed = 7
        return h
    }

    static func model(_ h: Hyperparameters) -> TransferModel {
        var parameters = ModelParameters(hyperparameters: h, itemCount: 9, topicCount: 3, sceneCount: 3)
        // Non-zero biases so that their gradients are exercised too.
        var random = SeededRandom(seed: 99)
        for p in parameters.all where p.name.contains("bias") {
            parameters.weights.load((0..<p.count).map { _ in random.normal(standardDeviation: 0.3) }, into: p)
        }
        return TransferModel(parameters: parameters, itemTopic: itemTopic, itemScene: itemScene)
    }

    static func event(_ item: Int32, _ y: Int8) -> HistoryEvent { HistoryEvent(item: item, feedback: y) }

    /// Three contexts: active in all scenes (one history longer than L), in two scenes, in one.
    static func batch() -> ContextBatch {
        var batch = ContextBatch(sceneCount: 3, historyLength: 3)
        batch.append([[event(0, 1), event(1, -1), event(2, 0), event(1, 1)], [event(4, 1)], [event(6, 0), event(8, 1)]])
        batch.append([[event(2, 1), event(0, 1)], [], [event(7, -1), event(6, 1), event(8, 1)]])
        batch.append([[], [event(3, 1), event(5, 0)], []])
        return batch
    }
}
