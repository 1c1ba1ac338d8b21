import InterestData
import InterestModel

/// The model the screens explain, with the explanations of the selected user cached (computed in
/// `update`, never in `render`). Values only.
public struct ModelContext: Sendable, Equatable {
    public let model: TransferModel
    /// Bumped whenever the model changes, so late background results for an old model are dropped.
    public let generation: Int
    /// Where the model came from: a checkpoint path or "trained here".
    public var origin: String
    /// Seed of the split the model was trained on: evaluation uses the same test cases.
    public var splitSeed: UInt64
    /// The roles fingerprint a checkpoint recorded for its training split (nil for a model trained
    /// here, whose split is exactly `splitSeed`'s). A model trained on a split file has no seed:
    /// this is how evaluation notices that the seed's split is not the one it was trained on.
    public var splitFingerprint: String?
    /// How the training that produced it ended (saved with checkpoints), when trained here.
    public var summary: TrainingSummary?
    /// Test metrics of this model beside the baselines (filled by evaluation).
    public var comparison: [ComparisonRow] = []
    /// What evaluation is doing ("evaluating…", "training bpr-mf: epoch 3"), nil when idle.
    public var evaluationStatus: String?
    /// The id of the evaluation job running for this model (nil when none); `x` cancels it.
    public var evaluation: Int?
    public var explanation: UserExplanation?
    public var trace: TransferTrace?
    /// For each scene where the user has no history: what the transfer infers there.
    public var inferred: [Int: InferredInterest] = [:]
    /// In what-if mode: the explanation and trace of the user's own history, before the edits
    /// (`explanation`, `trace` and `inferred` are then the edited history's: what the screens show).
    public var whatIfBefore: WhatIfBefore?
    /// Attention averaged over all users (computed in the background on first use).
    public var population: AttentionSummary?
    /// While that average is being computed: how far it is ("1 024 of 50 000 users"); nil otherwise.
    public var populationStatus: String?

    public init(model: TransferModel, generation: Int, origin: String, splitSeed: UInt64, splitFingerprint: String? = nil,
                summary: TrainingSummary? = nil) {
        self.model = model
        self.generation = generation
        self.origin = origin
        self.splitSeed = splitSeed
        self.splitFingerprint = splitFingerprint
        self.summary = summary
    }

    /// The model's name in comparisons ("attention-dot", "mean", "self").
    public var comparisonName: String { Comparison.name(of: model.hyperparameters) }
}

/// Items shown per step on the transfer screen.
let recommendationCount = 10
