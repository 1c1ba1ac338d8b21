/// How a user's target-scene attention row is formed (MODEL-SPEC, section 2).
public enum TransferMode: String, Sendable, Codable, CaseIterable {
    /// Learned multi-head attention over the active scenes (the full model).
    case attention
    /// Ablation: every active scene gets `1/|A|`.
    case mean
    /// Ablation: no transfer, `α[t][t] = 1` for an active target.
    case own = "self"
}

/// How a head scores a query against a key (MODEL-SPEC, section 2).
public enum AttentionKind: String, Sendable, Codable, CaseIterable {
    /// `q·k / √d_h`
    case dot
    /// `w_a · tanh(q + k)`
    case additive
}

/// A named set of model terms (MODEL-SPEC, Model versions; docs/MODEL.md).
public enum ModelVersion: String, Sendable, Codable, CaseIterable {
    /// MODEL-SPEC's model exactly: `Z⁰_s = W_v z_{u,s}`, trained with BPR against sampled negatives.
    case v1
    /// v1 plus an item-level path, `Z⁰_s = W_v z_{u,s} + m_{u,s}` with `m_{u,s}` the mean of `E_src`
    /// over the user's `y ≥ 0` items in s (it travels through the same transfer matrix, so every
    /// score still splits exactly by source scene), trained with a softmax over the target
    /// scene's items instead of BPR.
    case v2
    /// v2 plus a topic-level path: the user's topic shares in s bring `q_{u,s} = p_{u,s} · T_src`
    /// into `Z⁰_s` (through the same transfer matrix), and every item is scored with
    /// `E_item[v] + E_ctopic[topic(v)]`, so what is learned about a topic serves all its items.
    case v3
}

/// What training minimises.
public enum TrainingObjective: String, Sendable, Codable, CaseIterable {
    /// BPR: `−log σ(score(pos) − score(neg))` against `negatives` sampled items of the scene (v1).
    case bpr
    /// Softmax cross-entropy of the positive among every item of the target scene (v2).
    case softmax
}

/// Which validation cases choose the best epoch (and, when tuning, the best settings).
public enum SelectionCases: String, Sendable, Codable, CaseIterable {
    /// Cold-validation NDCG@10 (ties: warm validation NDCG@10); warm alone when the split has no
    /// cold-validation cases (a v1 split). The claims protocol's rule for cold-target claims.
    case cold
    /// Warm validation NDCG@10 (v1's rule).
    case warm
}

/// Every setting of the model and its training. Defaults are MODEL-SPEC's, with the improved model
/// (`v3`, selected on cold validation) as the default version.
public struct Hyperparameters: Sendable, Codable, Equatable {
    /// The item-level path `m` in `Z⁰` (v2).
    public var itemPath = true
    /// The topic-level path (v3): topic vectors as sources in `Z⁰` and as a part of every item.
    public var topicPath = true
    /// Ablation: false leaves the interest path `W_v z` out of `Z⁰` (the item path alone).
    public var interestPath = true
    public var objective = TrainingObjective.softmax
    public var selection = SelectionCases.cold
    /// Embedding and interest width `d`.
    public var dimension = 32
    /// Interactions per scene fed to the interest layers (the last `L`).
    public var historyLength = 50
    /// Attention heads `H`; `dimension` must be a multiple of it.
    public var heads = 2
    /// Graph-transfer iterations `K`.
    public var iterations = 2
    /// Share of the initial node state kept at every graph iteration.
    public var beta: Float = 0.2
    public var attention = AttentionKind.dot
    public var transfer = TransferMode.attention

    public var learningRate: Float = 0.002
    public var batchSize = 256
    /// L2 weight on every parameter row used by a batch.
    public var l2: Float = 1e-4
    /// Sampled negatives per positive for BPR.
    public var negatives = 1
    /// Probability that a training example's target-scene history is hidden (scene dropout).
    public var hideProbability: Float = 0.3
    public var maxEpochs = 30
    /// Epochs without a better validation NDCG@10 before training stops.
    public var patience = 3
    /// Standard deviation of the normal initialisation of embeddings.
    public var embeddingStandardDeviation: Float = 0.1
    /// Threads that share a batch (each runs its own tape on part of the batch).
    public var threads = 2
    public var seed: UInt64 = 42

    public init() {}

    /// The settings MODEL-SPEC's v1 model was trained with before the claims protocol (v1,
    /// epochs chosen on warm validation); what a checkpoint that records neither means.
    public static var v1: Hyperparameters {
        var h = Hyperparameters()
        h.version = .v1
        h.selection = .warm
        return h
    }

    /// The named version these terms make up, nil for any other combination (an ablation).
    /// Setting it sets the terms.
    public var version: ModelVersion? {
        get {
            guard interestPath else { return nil }
            switch (itemPath, objective, topicPath) {
            case (false, .bpr, false): return .v1
            case (true, .softmax, false): return .v2
            case (true, .softmax, true): return .v3
            default: return nil
            }
        }
        set {
            guard let newValue else { return }
            interestPath = true
            itemPath = newValue != .v1
            objective = newValue != .v1 ? .softmax : .bpr
            topicPath = newValue == .v3
        }
    }

    /// Whether the item-level path (`E_src`) is part of the model.
    public var hasItemPath: Bool { itemPath }

    /// The initial node state as docs/MODEL.md writes it for these terms (`initialStates`): the
    /// interest path `W_v z`, the item path `m`, the topic path `q`, each where the model has it.
    public var initialStateFormula: String {
        var terms = [String]()
        if interestPath { terms.append("W_v z") }
        if itemPath { terms.append("m") }
        if topicPath { terms.append("q") }
        return "Z⁰ = " + terms.joined(separator: " + ")
    }

    /// Decodes what a checkpoint recorded; a key that is missing keeps v1's value, so checkpoints
    /// written before a setting existed still mean what they meant.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        var h = Hyperparameters.v1
        func read<T: Decodable>(_ key: CodingKeys, _ path: WritableKeyPath<Hyperparameters, T>) throws {
            if let value = try c.decodeIfPresent(T.self, forKey: key) { h[keyPath: path] = value }
        }
        try read(.itemPath, \.itemPath); try read(.interestPath, \.interestPath); try read(.topicPath, \.topicPath); try read(.objective, \.objective)
        try read(.selection, \.selection)
        try read(.dimension, \.dimension); try read(.historyLength, \.historyLength); try read(.heads, \.heads)
        try read(.iterations, \.iterations); try read(.beta, \.beta); try read(.attention, \.attention)
        try read(.transfer, \.transfer); try read(.learningRate, \.learningRate); try read(.batchSize, \.batchSize)
        try read(.l2, \.l2); try read(.negatives, \.negatives); try read(.hideProbability, \.hideProbability)
        try read(.maxEpochs, \.maxEpochs); try read(.patience, \.patience)
        try read(.embeddingStandardDeviation, \.embeddingStandardDeviation); try read(.threads, \.threads)
        try read(.seed, \.seed)
        self = h
    }

    /// Width of one attention head.
    public var headDimension: Int { dimension / heads }

    /// Problems that make these settings unusable, each as one readable sentence: every value
    /// must be finite and inside its documented range (`HyperparameterLimits`).
    public func problems() -> [String] { HyperparameterLimits.problems(of: self) }
}
