/// Why training ended.
public enum TrainingStopReason: Sendable, Equatable, CustomStringConvertible {
    /// The selection metric (validation NDCG@10, cold or warm) did not improve for `patience` epochs.
    case earlyStopped
    case reachedMaxEpochs
    /// `stop()` was called.
    case stoppedByUser
    /// The loss became NaN or infinite; the message says where.
    case diverged(String)

    public var description: String {
        switch self {
        case .earlyStopped: return "early stop (validation NDCG@10 stopped improving)"
        case .reachedMaxEpochs: return "reached the maximum number of epochs"
        case .stoppedByUser: return "stopped on request"
        case .diverged(let message): return message
        }
    }
}

/// Where a running training is, sent after every step.
public struct TrainingProgress: Sendable, Equatable {
    /// 1-based.
    public var epoch: Int
    public var maxEpochs: Int
    /// 1-based step within the epoch.
    public var step: Int
    public var stepsPerEpoch: Int
    /// Mean loss of this step's batch (BPR + L2 per positive).
    public var loss: Float
    /// Mean loss over the epoch so far.
    public var epochLoss: Float
    /// Training examples per second over the epoch so far (pauses excluded).
    public var examplesPerSecond: Double
    /// Seconds until this epoch ends at the current speed.
    public var secondsToEpochEnd: Double
    /// Seconds until `maxEpochs` would end at the current speed (early stopping usually ends sooner).
    public var secondsToMaxEpochs: Double
    /// Seconds spent training so far (pauses excluded).
    public var elapsedSeconds: Double
}

/// One finished epoch with its validation result.
public struct EpochReport: Sendable, Equatable, Codable {
    public var epoch: Int
    public var meanLoss: Float
    /// Validation averages at K = 5, 10, 20 (in `RankingMetrics.cutoffs` order).
    public var validation: [RankingScores]
    /// Warm validation NDCG@10.
    public var validationNDCG10: Double
    /// Cold-validation averages at K = 5, 10, 20 and NDCG@10; nil when the split has no
    /// cold-validation cases (a v1 split).
    public var coldValidation: [RankingScores]? = nil
    public var coldValidationNDCG10: Double? = nil
    /// Whether this epoch's weights are the best so far (and kept).
    public var isBest: Bool
    public var seconds: Double
    public var examplesPerSecond: Double
}

/// How a training ended.
public struct TrainingSummary: Sendable, Equatable {
    public var reason: TrainingStopReason
    public var epochs: [EpochReport]
    /// The epoch whose weights the model holds (0 when no epoch finished: the initial weights, or
    /// the last good ones when the loss diverged in the first epoch).
    public var bestEpoch: Int
    /// Warm validation NDCG@10 of that epoch.
    public var bestValidationNDCG10: Double
    /// Cold-validation NDCG@10 of that epoch (nil without cold-validation cases).
    public var bestColdValidationNDCG10: Double? = nil
    /// What chose the epoch: cold validation (ties: warm) or warm validation.
    public var selectedOn: SelectionCases = .warm
    public var seconds: Double
    public var examplesPerSecond: Double
}

/// What observers of a training receive, in order: `started`, then `step`s and `epochEnded`s (with
/// `paused`/`resumed` when asked), then exactly one `finished`.
public enum TrainingEvent: Sendable, Equatable {
    case started(examples: Int, stepsPerEpoch: Int, maxEpochs: Int)
    case step(TrainingProgress)
    case epochEnded(EpochReport)
    case paused
    case resumed
    case finished(TrainingSummary)
}
