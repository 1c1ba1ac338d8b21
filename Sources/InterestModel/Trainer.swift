import Autograd
import Foundation
import InterestData
import Synchronization

/// Trains a `TransferModel` on a dataset and split: the model's loss and Adam over `EpochLoop`.
///
/// Two drivers share the loop: `train(from:cancelled:observer:)` runs on the calling thread
/// (scripts, tuning grids, tests); `start(from:control:)` runs it as a `Task` that reports every
/// event through an `AsyncThrowingStream`, pauses through a `TrainingControl` actor and stops
/// on `Task.cancel()` (the explorer). Either way the result is a `TrainingOutcome`: the model
/// with its best validation weights, the summary, and the state to resume from.
public struct Trainer: Sendable {
    public let model: TransferModel
    public let dataset: Dataset
    public let split: Split
    public let examples: TrainingExamples

    /// A trainer of a freshly initialised model with `hyperparameters`.
    /// `examples` may be passed when already built from the same split (they only depend on it).
    public init(dataset: Dataset, split: Split, hyperparameters: Hyperparameters, examples: TrainingExamples? = nil) {
        let parameters = ModelParameters(hyperparameters: hyperparameters, itemCount: dataset.itemCount,
                                         topicCount: dataset.topicCount, sceneCount: dataset.sceneCount)
        self.init(model: TransferModel(parameters: parameters, dataset: dataset), dataset: dataset, split: split, examples: examples)
    }

    /// A trainer that starts from `model`'s weights.
    public init(model: TransferModel, dataset: Dataset, split: Split, examples: TrainingExamples? = nil) {
        self.model = model
        self.dataset = dataset
        self.split = split
        self.examples = examples ?? TrainingExamples(dataset: dataset, isTrain: split.roles.map { $0 == .train })
    }

    public var hyperparameters: Hyperparameters { model.hyperparameters }

    var loop: EpochLoop {
        EpochLoop(dataset: dataset, split: split, examples: examples, hyperparameters: hyperparameters,
                  seed: hyperparameters.seed &+ 0x9E37_79B9_7F4A_7C15, lossName: "the loss")
    }

    /// The state before the first step: the model's weights, a fresh optimizer, the seeded stream.
    public func initialState() -> TrainingState { loop.start(weights: model.weights) }

    /// Trains on the calling thread from `state` (a fresh run by default, or one resumed from a
    /// checkpoint) until early stopping, `maxEpochs`, `cancelled()`, a stop or pause through
    /// `control`, or a diverging loss.
    @discardableResult
    public func train(from state: TrainingState? = nil, cancelled: () -> Bool = { false }, control: TrainingControl? = nil,
                      observer: (TrainingEvent) -> Void = { _ in }) -> TrainingOutcome {
        var state = state?.continuing ?? initialState()
        let summary = loop.run(&state, cancelled: cancelled, control: control, observer: observer, scorer: scorer(for:), step: step)
        return outcome(state, summary)
    }

    /// Starts training on a thread of its own and returns at once. Iterate `events` (an
    /// `AsyncStream`, ended after `.finished`) or pass `observer` (called on the training thread,
    /// e.g. to post into a UI mailbox without any task); await `outcome` for the result;
    /// `cancel()` (or cancelling the task that awaits `outcome`) stops between two steps and
    /// keeps the best epoch, as a finished run does; `control` pauses and resumes. `completion`
    /// receives the outcome on the training thread (for callers outside any task).
    public func start(from state: TrainingState? = nil, control: TrainingControl = TrainingControl(),
                      observer: @escaping @Sendable (TrainingEvent) -> Void = { _ in },
                      completion: @escaping @Sendable (TrainingOutcome) -> Void = { _ in }) -> TrainingJob {
        let (events, continuation) = AsyncStream<TrainingEvent>.makeStream()
        let result = OutcomeBox()
        let trainer = self
        let thread = Thread {
            let outcome = trainer.train(from: state, control: control) { event in
                continuation.yield(event)
                observer(event)
            }
            continuation.finish()
            result.fulfil(outcome)
            completion(outcome)
        }
        thread.name = "mist training"
        thread.start()
        let task = Task {
            await withTaskCancellationHandler { await result.value } onCancel: { control.stop() }
        }
        return TrainingJob(events: events, task: task, control: control)
    }

    /// The model with `weights`, for validation after an epoch.
    func scorer(for weights: Weights) -> TransferModel { model.withWeights(weights) }

    /// One step of the model's loss and Adam. The model built for the forward pass is released
    /// before Adam writes, so the weights are updated in place (see `Weights`).
    func step(_ plan: BatchPlan, _ weights: inout Weights, _ optimizer: inout Adam.State) -> Float {
        let h = hyperparameters
        let (loss, gradients) = plan.lossAndGradients(model: model.withWeights(weights), examples: examples, threads: h.threads)
        if loss.isFinite { Adam(learningRate: h.learningRate).step(&weights, gradients, &optimizer) }
        return loss
    }

    func outcome(_ state: TrainingState, _ summary: TrainingSummary) -> TrainingOutcome {
        TrainingOutcome(model: model.withWeights(state.keptWeights), summary: summary, state: state)
    }
}

/// What a training produced: the model with its best validation weights (or the initial ones if
/// no epoch finished), how it ended, and the state to resume it from.
public struct TrainingOutcome: Sendable, Equatable {
    public var model: TransferModel
    public var summary: TrainingSummary
    public var state: TrainingState
    /// Whether the run can go on (it was stopped by request; early stopping, the epoch limit and
    /// divergence are ends).
    public var isResumable: Bool { summary.reason == .stoppedByUser }
}

/// A training running on its own thread: its events, its result (a `Task` that ends with the
/// training; cancelling it stops the run), its pause control.
///
/// The events are an `AsyncStream`, not a throwing one, because training has no error to throw:
/// a diverging loss is one way a run ends (`TrainingStopReason.diverged`, in `.finished`), and
/// cancellation ends it with `.stoppedByUser` after keeping the best epoch.
public struct TrainingJob: Sendable {
    /// Every event in order: `started`, `step`s, `epochEnded`s, `paused`/`resumed`, `finished`.
    public let events: AsyncStream<TrainingEvent>
    let task: Task<TrainingOutcome, Never>
    public let control: TrainingControl

    /// The result, once training has ended.
    public var outcome: TrainingOutcome { get async { await task.value } }
    /// Stops between two steps; the outcome keeps the best epoch so far. Also reaches the
    /// training thread directly, so it works even before the task has been scheduled.
    public func cancel() {
        task.cancel()
        control.stop()
    }
    public func pause() { control.pause() }
    public func resume() { control.resume() }
}

/// The outcome of a training thread, awaited by any number of tasks.
final class OutcomeBox: Sendable {
    private struct Slot {
        var outcome: TrainingOutcome?
        var waiting: [CheckedContinuation<TrainingOutcome, Never>] = []
    }
    private let slot = Mutex(Slot())

    func fulfil(_ outcome: TrainingOutcome) {
        let waiting = slot.withLock { slot in
            slot.outcome = outcome
            defer { slot.waiting = [] }
            return slot.waiting
        }
        for continuation in waiting { continuation.resume(returning: outcome) }
    }

    var value: TrainingOutcome {
        get async {
            await withCheckedContinuation { continuation in
                let ready = slot.withLock { slot -> TrainingOutcome? in
                    if let outcome = slot.outcome { return outcome }
                    slot.waiting.append(continuation)
                    return nil
                }
                if let ready { continuation.resume(returning: ready) }
            }
        }
    }
}
