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
/// validation weights (or the last good ones if the loss diverged before any epoch finished).
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
        var random = SeededRandom(seed: h.seed &+ 0x9E37_79B9_7F4A_7C15)
        var adam = Adam(learningRate: h.learningRate)
        let stepsPerEpoch = (examples.count + h.batchSize - 1) / h.batchSize
        observer(.started(examples: examples.count, stepsPerEpoch: stepsPerEpoch, maxEpochs: h.maxEpochs))
        var clock = TrainingClock()
        var reports: [EpochReport] = []
        var best: (epoch: Int, ndcg: Double, weights: [Tensor])? = nil
        var reason = TrainingStopReason.reachedMaxEpochs
        var processed = 0
        var order = Array(0..<examples.count)
        // What a divergence before the first epoch's end falls back to (later, the best epoch
        // exists). Taken once: a snapshot per step would make every Adam update copy whole
        // tables (the snapshot shares their storage).
        let initial = model.parameters.snapshot()
        training: for epoch in 1...h.maxEpochs {
            random.shuffle(&order)
            let epochStart = clock.elapsed
            var lossSum: Double = 0
            var epochExamples = 0
            for step in 0..<stepsPerEpoch {
                if checkControl(observer, clock: &clock) { reason = .stoppedByUser; break training }
                let batch = Array(order[(step * h.batchSize)..<min((step + 1) * h.batchSize, order.count)])
                let plan = BatchPlan(examples: batch, of: examples, dataset: dataset, hyperparameters: h, random: &random)
                let (loss, gradients) = plan.lossAndGradients(model: model, examples: examples, threads: h.threads)
                guard loss.isFinite else {
                    reason = .diverged("the loss became \(loss) at epoch \(epoch), step \(step + 1); training stopped and kept \(best.map { "the weights of epoch \($0.epoch) (best validation)" } ?? "the initial weights (no epoch finished)")")
                    if best == nil { model.parameters.restore(initial) }
                    break training
                }
                adam.step(gradients)
                lossSum += Double(loss) * Double(batch.count)
                epochExamples += batch.count
                processed += batch.count
                let seconds = clock.elapsed - epochStart
                let speed = seconds > 0 ? Double(epochExamples) / seconds : 0
                let remaining = Double(examples.count - epochExamples)
                observer(.step(TrainingProgress(
                    epoch: epoch, maxEpochs: h.maxEpochs, step: step + 1, stepsPerEpoch: stepsPerEpoch, loss: loss,
                    epochLoss: Float(lossSum / Double(epochExamples)), examplesPerSecond: speed,
                    secondsToEpochEnd: speed > 0 ? remaining / speed : 0,
                    secondsToMaxEpochs: speed > 0 ? (remaining + Double((h.maxEpochs - epoch) * examples.count)) / speed : 0,
                    elapsedSeconds: clock.elapsed)))
            }
            let trainSeconds = clock.elapsed - epochStart
            let validation = Evaluator.evaluate(model, cases: split.validationCases, dataset: dataset, threads: h.threads)
            let averages = RankingMetrics.cutoffs.map { validation.overall.average(at: $0) }
            let ndcg = validation.overall.average(at: 10).ndcg
            let isBest = best == nil || ndcg > best!.ndcg
            if isBest { best = (epoch, ndcg, model.parameters.snapshot()) }
            let report = EpochReport(
                epoch: epoch, meanLoss: Float(lossSum / Double(max(epochExamples, 1))), validation: averages,
                validationNDCG10: ndcg, isBest: isBest, seconds: clock.elapsed - epochStart,
                examplesPerSecond: trainSeconds > 0 ? Double(epochExamples) / trainSeconds : 0)
            reports.append(report)
            observer(.epochEnded(report))
            if let best, epoch - best.epoch >= h.patience { reason = .earlyStopped; break }
        }
        if let best { model.parameters.restore(best.weights) }
        let summary = TrainingSummary(
            reason: reason, epochs: reports, bestEpoch: best?.epoch ?? 0, bestValidationNDCG10: best?.ndcg ?? 0,
            seconds: clock.elapsed, examplesPerSecond: clock.elapsed > 0 ? Double(processed) / clock.elapsed : 0)
        observer(.finished(summary))
        return summary
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
