import Autograd
import Dispatch
import Foundation
import InterestData
import Synchronization
import Randomness

/// One training run of a `TransferModel` on a dataset and split, controllable from other threads.
///
/// Call `run(observer:)` on a background thread; it blocks until training ends and reports every
/// step and epoch to the observer (on the training thread; keep the observer quick, e.g. post a
/// message to a mailbox). `pause()`, `resume()` and `stop()` may be called from any thread at
/// any time; they take effect between steps. When `run` returns, `model` holds the best
/// validation weights (or the initial ones if the loss diverged before any epoch finished).
/// While `run` is in progress the optimizer rewrites `model`'s weights between steps: do not
/// explain or score with `model` from another thread until `run` has returned.
public final class TrainingSession: @unchecked Sendable {
    // Sendable: the control flags are guarded by `control`; everything else is only touched by
    // the thread inside `run`.
    public let model: TransferModel
    public let dataset: Dataset
    public let split: Split
    public let examples: TrainingExamples

    private let control = NSCondition()
    private var pauseRequested = false
    private var stopRequested = false

    /// A session that trains a freshly initialised model with `hyperparameters`.
    /// `examples` may be passed when already built from the same split (they only depend on it).
    public convenience init(dataset: Dataset, split: Split, hyperparameters: Hyperparameters, examples: TrainingExamples? = nil) {
        let parameters = ModelParameters(hyperparameters: hyperparameters, itemCount: dataset.itemCount,
                                         topicCount: dataset.topicCount, sceneCount: dataset.sceneCount)
        self.init(model: TransferModel(parameters: parameters, dataset: dataset), dataset: dataset, split: split, examples: examples)
    }

    /// A session that continues training `model`.
    public init(model: TransferModel, dataset: Dataset, split: Split, examples: TrainingExamples? = nil) {
        self.model = model
        self.dataset = dataset
        self.split = split
        self.examples = examples ?? TrainingExamples(dataset: dataset, isTrain: split.roles.map { $0 == .train })
    }

    public func pause() { control.lock(); pauseRequested = true; control.broadcast(); control.unlock() }
    public func resume() { control.lock(); pauseRequested = false; control.broadcast(); control.unlock() }
    public func stop() { control.lock(); stopRequested = true; control.broadcast(); control.unlock() }

    public var isPaused: Bool { control.lock(); defer { control.unlock() }; return pauseRequested }

    /// Blocks while paused; returns true when training should stop. Reports pause and resume.
    private func checkControl(_ observer: (TrainingEvent) -> Void, clock: inout TrainingClock) -> Bool {
        control.lock()
        defer { control.unlock() }
        if pauseRequested && !stopRequested {
            clock.pause()
            control.unlock(); observer(.paused); control.lock()
            while pauseRequested && !stopRequested { control.wait() }
            clock.resume()
            if !stopRequested { control.unlock(); observer(.resumed); control.lock() }
        }
        return stopRequested
    }

    /// Trains until early stopping, `maxEpochs`, `stop()` or a diverging loss.
    @discardableResult
    public func run(observer: (TrainingEvent) -> Void = { _ in }) -> TrainingSummary {
        let h = model.hyperparameters
        var adam = Adam(learningRate: h.learningRate)
        let loop = EpochLoop(dataset: dataset, split: split, examples: examples, hyperparameters: h,
                             seed: h.seed &+ 0x9E37_79B9_7F4A_7C15, lossName: "the loss")
        return loop.run(scorer: model, snapshot: model.parameters.snapshot, restore: model.parameters.restore,
                        stopRequested: { checkControl(observer, clock: &$0) }, observer: observer) { plan in
            let (loss, gradients) = plan.lossAndGradients(model: model, examples: examples, threads: h.threads)
            if loss.isFinite { adam.step(gradients) }
            return loss
        }
    }
}

/// Wall-clock seconds of training, excluding pauses.
struct TrainingClock {
    private let start = ContinuousClock.now
    private var pausedTotal: Duration = .zero
    private var pausedAt: ContinuousClock.Instant?

    mutating func pause() { if pausedAt == nil { pausedAt = .now } }
    mutating func resume() {
        if let at = pausedAt { pausedTotal += ContinuousClock.now - at; pausedAt = nil }
    }

    var elapsed: Double {
        let end = pausedAt ?? .now
        let d = (end - start) - pausedTotal
        return Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
    }
}
