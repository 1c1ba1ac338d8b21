/// One past interaction as the model sees it.
public struct HistoryEvent: Sendable, Hashable {
    public var item: Int32
    /// y ∈ {−1, 0, +1}
    public var feedback: Int8
    public init(item: Int32, feedback: Int8) { self.item = item; self.feedback = feedback }
}

/// The inputs of one forward pass: for each of `count` contexts (a user at some moment), its
/// history in every scene, oldest first, already cut to the last `L` events.
///
/// Stored flat (one token list, one length per context and scene) because this is what the
/// batched interest layers consume: context `b`, scene `s` is sequence `b·S + s`.
public struct ContextBatch: Sendable {
    public let sceneCount: Int
    public let historyLength: Int
    public private(set) var count = 0
    /// Item of every token, sequence after sequence.
    private(set) var items: [Int] = []
    /// Feedback y of every token.
    private(set) var feedback: [Int8] = []
    /// Token count of sequence `b·S + s`.
    private(set) var lengths: [Int] = []

    public init(sceneCount: Int, historyLength: Int) {
        self.sceneCount = sceneCount
        self.historyLength = historyLength
    }

    /// Adds one context; `histories[s]` is its history in scene s (oldest first, any length:
    /// only the last `historyLength` events are kept).
    public mutating func append<C: Collection>(_ histories: [C]) where C.Element == HistoryEvent {
        precondition(histories.count == sceneCount, "a context needs one history per scene")
        for history in histories {
            let kept = history.suffix(historyLength)
            lengths.append(kept.count)
            for event in kept {
                items.append(Int(event.item))
                feedback.append(event.feedback)
            }
        }
        count += 1
    }

    /// Adds one context scene by scene: `events(s, add)` calls `add` for each event of scene s,
    /// oldest first, and must give at most `historyLength` of them (no intermediate arrays).
    public mutating func append(events: (_ scene: Int, _ add: (HistoryEvent) -> Void) -> Void) {
        for s in 0..<sceneCount {
            var n = 0
            events(s) { event in
                items.append(Int(event.item))
                feedback.append(event.feedback)
                n += 1
            }
            precondition(n <= historyLength, "scene \(s) got \(n) events, more than L = \(historyLength)")
            lengths.append(n)
        }
        count += 1
    }

    /// Whether context `b` has history in scene `s`.
    public func isActive(_ b: Int, _ s: Int) -> Bool { lengths[b * sceneCount + s] > 0 }
}

import InterestData

extension ContextBatch {
    /// Adds the context of `interactions` (indices into the dataset, chronological): per scene,
    /// the last `historyLength` of them.
    public mutating func append(interactions: [Int32], of dataset: Dataset) {
        var perScene = [[HistoryEvent]](repeating: [], count: sceneCount)
        for i in interactions {
            perScene[Int(dataset.interactionScene[Int(i)])].append(
                HistoryEvent(item: dataset.interactions.item[Int(i)], feedback: dataset.interactions.feedback[Int(i)]))
        }
        append(perScene)
    }
}
