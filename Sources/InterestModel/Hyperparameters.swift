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

/// Every setting of the model and its training. Defaults are MODEL-SPEC's.
public struct Hyperparameters: Sendable, Codable, Equatable {
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

    /// Width of one attention head.
    public var headDimension: Int { dimension / heads }

    /// Problems that make these settings unusable, each as one readable sentence: every value
    /// must be finite and inside its documented range (`HyperparameterLimits`).
    public func problems() -> [String] { HyperparameterLimits.problems(of: self) }
}
