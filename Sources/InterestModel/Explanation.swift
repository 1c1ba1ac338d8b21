import Autograd
import InterestData

/// One scene of a user as the interest layers saw it (MODEL-SPEC section 1).
public struct SceneInterest: Sendable, Equatable {
    public var scene: Int
    /// Whether the user has history in this scene (inactive scenes have `z = 0`).
    public var isActive: Bool
    /// The last `L` events the layers read, oldest first.
    public var recent: [HistoryEvent]
    /// `p[c]`: share of the `y ≥ 0` events of `recent` with topic c.
    public var topicShares: [Float]
    /// Events of `recent` with y = −1, 0, +1.
    public var sentimentCounts: [Int]
    /// `t`, `c`, `e` and `z` (each of length d).
    public var topicLayer: [Float], contentLayer: [Float], sentimentLayer: [Float], interest: [Float]
}

/// A user's `S×S` attention (rows = target, columns = source), row-major, in its three views.
extension AttentionView {
    /// `matrix` (S×S, row-major) with each row renormalised without its diagonal: which other
    /// scenes a target listens to. Rows with nothing off the diagonal stay 0. The explanation,
    /// cohort averages and the explorer's heads and all-users views all use it.
    public static func offDiagonal(of matrix: [Float], sceneCount s: Int) -> [Float] {
        var out = [Float](repeating: 0, count: s * s)
        for t in 0..<s {
            var total: Float = 0
            for source in 0..<s where source != t { total += matrix[t * s + source] }
            guard total > 0 else { continue }
            for source in 0..<s where source != t { out[t * s + source] = matrix[t * s + source] / total }
        }
        return out
    }
}

public struct AttentionView: Sendable, Equatable {
    public var sceneCount: Int
    /// Per head (empty for the `mean` and `self` ablations).
    public var heads: [[Float]]
    /// The attention the transfer uses (mean over heads).
    public var average: [Float]
    /// `average` with each row renormalised without its diagonal entry (rows without other
    /// active scenes are 0).
    public var offDiagonal: [Float]
    /// Row t recomputed as if the user had no history in t: what t gets from the other scenes alone.
    public var hiddenTarget: [Float]
    /// `hiddenTarget` per head.
    public var hiddenTargetHeads: [[Float]]

    public func value(_ matrix: [Float], target: Int, source: Int) -> Float { matrix[target * sceneCount + source] }
}

/// One recommended item with each source scene's exact share of its score (MODEL-SPEC section 3):
/// `score = bias + Σ_s shares[s]`, `shares[s] = M[t][s] · (Z⁰_s · E_item[v])`.
public struct ScoredItem: Sendable, Equatable {
    public var item: Int
    public var score: Float
    public var bias: Float
    public var shares: [Float]
}

/// The graph transfer into one target scene, step by step (MODEL-SPEC section 3).
public struct TransferTrace: Sendable, Equatable {
    public var target: Int
    /// Node states `Z^k` for k = 0…K, each `S×d` row-major.
    public var states: [[Float]]
    /// `‖Z^k_s − Z^{k−1}_s‖` for k = 1…K (index k−1), per scene.
    public var change: [[Float]]
    /// `M` (`S×S`, row-major); row `target` weighs the sources of every score.
    public var transferMatrix: [Float]
    /// The top items if scoring stopped after iteration k (`f = Z^k_target`), for k = 0…K.
    public var topItemsByIteration: [[ScoredItem]]
    /// The final top items (same as the last entry of `topItemsByIteration`).
    public var recommendations: [ScoredItem] { topItemsByIteration.last ?? [] }
}

/// Everything the explorer draws for one user.
public struct UserExplanation: Sendable, Equatable {
    public var user: Int
    public var scenes: [SceneInterest]
    public var attention: AttentionView
}

extension ContextBatch {
    /// Appends `1 + S` contexts: the user (`windows`), then for each scene t the user without
    /// their history in t, whose row t of attention is the hidden-target view.
    mutating func appendWithHiddenTargets(_ windows: [[HistoryEvent]]) {
        append(windows)
        for t in 0..<sceneCount {
            var hidden = windows
            hidden[t] = []
            append(hidden)
        }
    }
}

extension TransferModel {
    /// The interactions that make up a user's profile: with a split, what training could see
    /// (train and validation roles, so a cold-target user's hidden scene stays hidden); without,
    /// every interaction. Chronological.
    public func profile(ofUser u: Int, in dataset: Dataset, split: Split?) -> [Int32] {
        let sequence = dataset.sequence(ofUser: Int32(u))
        guard let split else { return Array(sequence) }
        return sequence.filter { split.roles[Int($0)] == .train || split.roles[Int($0)] == .validation }
    }

    /// The events of `interactions` (item and feedback), in the same (chronological) order.
    public func events(of interactions: [Int32], in dataset: Dataset) -> [HistoryEvent] {
        interactions.map { HistoryEvent(item: dataset.interactions.item[Int($0)], feedback: dataset.interactions.feedback[Int($0)]) }
    }

    /// Per-scene windows of `interactions` (the last L per scene, oldest first).
    func windows(of interactions: [Int32], in dataset: Dataset) -> [[HistoryEvent]] {
        windows(of: events(of: interactions, in: dataset))
    }

    /// Per-scene windows of a chronological history (the last L per scene, oldest first).
    func windows(of events: [HistoryEvent]) -> [[HistoryEvent]] {
        var perScene = [[HistoryEvent]](repeating: [], count: sceneCount)
        for event in events { perScene[Int(itemScene[Int(event.item)])].append(event) }
        return perScene.map { Array($0.suffix(hyperparameters.historyLength)) }
    }

    /// The interest layers and attention views of a user whose history is `interactions`.
    public func explain(user: Int, interactions: [Int32], in dataset: Dataset) -> UserExplanation {
        explain(user: user, events: events(of: interactions, in: dataset))
    }

    /// The same for a history given as events (e.g. edited by a what-if).
    public func explain(user: Int, events: [HistoryEvent]) -> UserExplanation {
        let s = sceneCount, d = dimension
        let windows = windows(of: events)
        var batch = ContextBatch(sceneCount: s, historyLength: hyperparameters.historyLength)
        batch.appendWithHiddenTargets(windows)
        let tape = Tape(reading: parameters.weights, recording: false)
        let pass = forward(batch, on: tape)
        func row(_ v: Variable, _ r: Int, _ width: Int) -> [Float] { Array(v.value.scalars[(r * width)..<((r + 1) * width)]) }
        func matrix(_ v: Variable, context b: Int) -> [Float] { Array(v.value.scalars[(b * s * s)..<((b + 1) * s * s)]) }
        let topics = parameters.topicCount
        var scenes: [SceneInterest] = []
        for scene in 0..<s {
            let recent = windows[scene]
            var shares = [Float](repeating: 0, count: topics)
            let kept = recent.filter { $0.feedback >= 0 }
            for event in kept { shares[Int(itemTopic[Int(event.item)])] += 1 / Float(kept.count) }
            var counts = [0, 0, 0]
            for event in recent { counts[Int(event.feedback) + 1] += 1 }
            scenes.append(SceneInterest(
                scene: scene, isActive: !recent.isEmpty, recent: recent, topicShares: shares, sentimentCounts: counts,
                topicLayer: row(pass.topicLayer, scene, d), contentLayer: row(pass.contentLayer, scene, d),
                sentimentLayer: row(pass.sentimentLayer, scene, d), interest: row(pass.interests, scene, d)))
        }
        let average = matrix(pass.attention, context: 0)
        let offDiagonal = AttentionView.offDiagonal(of: average, sceneCount: s)
        func hiddenView(_ v: Variable) -> [Float] {
            var out = [Float](repeating: 0, count: s * s)
            for t in 0..<s { for source in 0..<s { out[t * s + source] = v.value.scalars[((1 + t) * s + t) * s + source] } }
            return out
        }
        let attention = AttentionView(
            sceneCount: s, heads: pass.headAttention.map { matrix($0, context: 0) }, average: average,
            offDiagonal: offDiagonal, hiddenTarget: hiddenView(pass.attention), hiddenTargetHeads: pass.headAttention.map(hiddenView))
        return UserExplanation(user: user, scenes: scenes, attention: attention)
    }

    /// The transfer into `target` for a user whose history is `interactions`, with the `count`
    /// best unseen items of `target` at every iteration and each source's share of their scores.
    public func traceTransfer(interactions: [Int32], target: Int, count: Int, in dataset: Dataset) -> TransferTrace {
        traceTransfer(events: events(of: interactions, in: dataset), target: target, count: count, in: dataset)
    }

    /// The same for a history given as events (e.g. edited by a what-if).
    public func traceTransfer(events: [HistoryEvent], target: Int, count: Int, in dataset: Dataset) -> TransferTrace {
        let s = sceneCount, d = dimension, h = hyperparameters
        var batch = ContextBatch(sceneCount: s, historyLength: h.historyLength)
        batch.append(windows(of: events))
        let tape = Tape(reading: parameters.weights, recording: false)
        let pass = forward(batch, on: tape)
        let states = pass.states.map(\.value.scalars)
        let alpha = pass.attention.value.scalars
        let matrix = TransferMatrix.make(alpha: alpha, sceneCount: s, beta: h.beta, iterations: h.iterations)
        var change: [[Float]] = []
        for k in 1..<states.count {
            change.append((0..<s).map { node in
                var total: Float = 0
                for j in 0..<d { let delta = states[k][node * d + j] - states[k - 1][node * d + j]; total += delta * delta }
                return total.squareRoot()
            })
        }
        // Candidates: the target's items the user has not interacted with there.
        let seen = Set(events.filter { itemScene[Int($0.item)] == Int32(target) }.map(\.item))
        let candidates = dataset.itemsByScene[target].filter { !seen.contains($0) }.map { Int($0) }
        let table = itemVectorTable(), bias = parameters.value(parameters.itemBias).scalars
        let initial = states[0]
        var byIteration: [[ScoredItem]] = []
        for k in 0..<states.count {
            // Scoring stopped at iteration k uses f = Z^k_t; its shares come from the first k steps of M.
            let partial = k == 0 ? TransferMatrix.identity(s) : TransferMatrix.make(alpha: alpha, sceneCount: s, beta: h.beta, iterations: k)
            let f = Array(states[k][(target * d)..<((target + 1) * d)])
            let scores = self.scores(interest: f, items: candidates, vectors: table)
            let top = RankingMetrics.topItems(candidates: candidates, scores: scores, count: count)
            byIteration.append(top.map { v in
                let shares = (0..<s).map { source -> Float in
                    var dot: Float = 0
                    for j in 0..<d { dot += initial[source * d + j] * table[v * d + j] }
                    return partial[target * s + source] * dot
                }
                return ScoredItem(item: v, score: self.scores(interest: f, items: [v], vectors: table)[0], bias: bias[v], shares: shares)
            })
        }
        return TransferTrace(target: target, states: states, change: change, transferMatrix: matrix, topItemsByIteration: byIteration)
    }
}
