import Autograd
import Randomness

/// Everything a training run needs to continue exactly where it is, between two steps: the
/// current weights, the optimizer's state, the random stream, the epoch's shuffled order, how
/// far the epoch got, and what early stopping has seen so far. A value: the trainer advances it
/// one step at a time, and a checkpoint keeps it (`TrainingStateCodec`), so a run resumed from a
/// saved state reaches bit-identical weights to one that never stopped.
public struct TrainingState: Sendable, Equatable {
    /// The weights being trained (after the last step taken).
    public var weights: Weights
    /// The optimizer's moments and step count.
    public var optimizer: Adam.State
    /// The stream of the shuffles, scene dropout and negatives, positioned after the last step.
    public var random: SeededRandom
    /// The training examples in this epoch's order (shuffled at the epoch's first step).
    public var order: [Int]
    /// The epoch in progress (1-based).
    public var epoch: Int = 1
    /// Steps of `epoch` already taken; 0 means the epoch has not started (not yet shuffled).
    public var step: Int = 0
    /// Sum of the batch losses × batch sizes in this epoch so far, and its examples.
    public var epochLossSum: Double = 0
    public var epochExamples: Int = 0
    /// Examples trained on over the whole run.
    public var processed: Int = 0
    /// Every finished epoch, oldest first.
    public var reports: [EpochReport] = []
    /// The epoch with the best selection metric so far and its weights.
    public var best: BestEpoch?
    /// What a divergence before the first epoch's end falls back to; nil once an epoch is best.
    public var initialWeights: Weights?
    /// Seconds trained before this state was saved and resumed (pauses excluded).
    public var elapsedBefore: Double = 0
    /// Run time at which the epoch in progress started (for its speed; never changes the weights).
    public var epochStartedAt: Double = 0
    /// Set when the run has ended; `advance` does nothing more.
    public var stopReason: TrainingStopReason?

    /// A run that has not taken a step.
    public init(weights: Weights, optimizer: Adam.State, random: SeededRandom, exampleCount: Int) {
        self.weights = weights
        self.optimizer = optimizer
        self.random = random
        order = Array(0..<exampleCount)
        initialWeights = weights
    }

    /// This state ready to go on: a stop on request is lifted; the other ends (early stopping,
    /// the epoch limit, divergence) stay ends.
    public var continuing: TrainingState {
        var state = self
        if state.stopReason == .stoppedByUser { state.stopReason = nil }
        return state
    }

    /// The weights the run's model holds now: the best epoch's, or the initial ones if no epoch
    /// has finished (what early stopping keeps).
    public var keptWeights: Weights { best?.weights ?? initialWeights ?? weights }
}

/// The best epoch so far: its number, selection key and weights.
public struct BestEpoch: Sendable, Equatable {
    public var epoch: Int
    public var key: SelectionKey
    public var weights: Weights
}

/// What ranks two epochs (or two settings): the selection NDCG@10, then the tie-break.
public struct SelectionKey: Comparable, Sendable {
    public var primary: Double
    public var tieBreak: Double
    public init(primary: Double, tieBreak: Double) {
        self.primary = primary
        self.tieBreak = tieBreak
    }
    public static func < (a: SelectionKey, b: SelectionKey) -> Bool {
        (a.primary, a.tieBreak) < (b.primary, b.tieBreak)
    }
}
