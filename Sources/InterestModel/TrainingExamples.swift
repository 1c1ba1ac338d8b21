import InterestData

/// The training examples of MODEL-SPEC: every train-role interaction with `y ≥ 0`, as
/// `(u, t, v_j)`, whose history is u's train-role interactions (all scenes) earlier than `j`.
///
/// Histories are not copied per example: each (user, scene) keeps one chronological list of its
/// train-role events, and an example stores, per scene, how many of them precede it; the model
/// then sees the last `L` of that prefix.
public struct TrainingExamples: Sendable {
    public let sceneCount: Int
    /// Target user, scene and item of each example.
    public private(set) var users: [Int32] = []
    public private(set) var scenes: [Int32] = []
    public private(set) var items: [Int32] = []
    /// `prefix[e·S + s]` = number of train-role events of (user, s) before example e.
    private(set) var prefix: [Int32] = []
    /// Train-role events of (u, s), chronological: `events[start[u·S+s] ..< start[u·S+s+1]]`.
    private(set) var eventStart: [Int] = []
    private(set) var events: [HistoryEvent] = []

    public var count: Int { users.count }

    /// `isTrain[i]` tells whether interaction i has the train role.
    public init(dataset: Dataset, isTrain: [Bool]) {
        precondition(isTrain.count == dataset.interactionCount)
        let s = dataset.sceneCount
        sceneCount = s
        let table = dataset.interactions
        eventStart = [0]
        eventStart.reserveCapacity(dataset.userCount * s + 1)
        for u in 0..<dataset.userCount {
            for scene in 0..<s {
                for i in dataset.history(ofUser: Int32(u), scene: Int32(scene)) where isTrain[Int(i)] {
                    events.append(HistoryEvent(item: table.item[Int(i)], feedback: table.feedback[Int(i)]))
                }
                eventStart.append(events.count)
            }
            var seen = [Int32](repeating: 0, count: s)
            for i in dataset.sequence(ofUser: Int32(u)) where isTrain[Int(i)] {
                let scene = Int(dataset.interactionScene[Int(i)])
                if table.feedback[Int(i)] >= 0 {
                    users.append(Int32(u))
                    scenes.append(Int32(scene))
                    items.append(table.item[Int(i)])
                    prefix.append(contentsOf: seen)
                }
                seen[scene] += 1
            }
        }
    }

    /// Adds example `e`'s context to `batch`; with `hideTarget` its target-scene history is left
    /// out (scene dropout).
    func appendContext(of e: Int, to batch: inout ContextBatch, hideTarget: Bool) {
        let u = Int(users[e])
        let target = Int(scenes[e])
        let length = batch.historyLength
        batch.append { scene, add in
            if hideTarget && scene == target { return }
            let start = eventStart[u * sceneCount + scene]
            let end = start + Int(prefix[e * sceneCount + scene])
            for k in max(start, end - length)..<end { add(events[k]) }
        }
    }
}
