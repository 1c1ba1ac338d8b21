import Autograd
import InterestData
import Randomness

/// The training loop shared by the model (`Trainer`) and the BPR-MF baseline, written as a step
/// function over a `TrainingState` value: per epoch, shuffle the examples, plan and take every
/// step, validate on NDCG@10 and keep the best weights; stop at `maxEpochs`, after `patience`
/// epochs without improvement or when the loss diverges. The drivers (`run` here, and the
/// `Task` in `Trainer.start`) add what happens between steps: cancellation, pausing, reporting,
/// saving the state. Because everything the loop changes is in the state, stopping between two
/// steps and resuming from a saved copy gives the same bits as never stopping.
struct EpochLoop {
    let dataset: Dataset
    let split: Split
    let examples: TrainingExamples
    let hyperparameters: Hyperparameters
    /// Seed of the shuffles, scene dropout and negatives.
    let seed: UInt64
    /// What is trained, for the divergence message ("the loss", "the BPR-MF loss").
    let lossName: String

    /// One step: given the batch's plan, compute its loss and, only when it is finite, update the
    /// weights and the optimizer's state; return the loss.
    typealias Step = (BatchPlan, inout Weights, inout Adam.State) -> Float

    var stepsPerEpoch: Int { (examples.count + hyperparameters.batchSize - 1) / hyperparameters.batchSize }

    /// The state of a run starting from `weights`.
    func start(weights: Weights) -> TrainingState {
        TrainingState(weights: weights, optimizer: Adam.State(), random: SeededRandom(seed: seed), exampleCount: examples.count)
    }

    /// The event every run reports first.
    var startedEvent: TrainingEvent {
        .started(examples: examples.count, stepsPerEpoch: stepsPerEpoch, maxEpochs: hyperparameters.maxEpochs)
    }

    /// Takes the next step of `state` (and, after an epoch's last step, validates it with
    /// `scorer(weights)`), returning what happened. `now()` is the run's training time so far
    /// (for speeds and ETAs only; it never changes the weights). Does nothing once stopped.
    func advance<S: CaseScorer>(_ state: inout TrainingState, now: () -> Double, scorer: (Weights) -> S, step: Step) -> [TrainingEvent] {
        guard state.stopReason == nil else { return [] }
        let h = hyperparameters
        if state.step == 0 {
            state.random.shuffle(&state.order)
            state.epochLossSum = 0
            state.epochExamples = 0
            state.epochStartedAt = now()
        }
        let stepIndex = state.step
        let batch = Array(state.order[(stepIndex * h.batchSize)..<min((stepIndex + 1) * h.batchSize, state.order.count)])
        let plan = BatchPlan(examples: batch, of: examples, dataset: dataset, hyperparameters: h, random: &state.random)
        let loss = step(plan, &state.weights, &state.optimizer)
        guard loss.isFinite else {
            let kept = state.best.map { "the weights of epoch \($0.epoch) (best validation)" } ?? "the initial weights (no epoch finished)"
            state.stopReason = .diverged("\(lossName) became \(loss) at epoch \(state.epoch), step \(stepIndex + 1); training stopped and kept \(kept)")
            return []
        }
        state.step += 1
        state.epochLossSum += Double(loss) * Double(batch.count)
        state.epochExamples += batch.count
        state.processed += batch.count
        let elapsed = now()
        let seconds = max(elapsed - state.epochStartedAt, 0)
        let speed = seconds > 0 ? Double(state.epochExamples) / seconds : 0
        let remaining = Double(examples.count - state.epochExamples)
        var events: [TrainingEvent] = [.step(TrainingProgress(
            epoch: state.epoch, maxEpochs: h.maxEpochs, step: stepIndex + 1, stepsPerEpoch: stepsPerEpoch, loss: loss,
            epochLoss: Float(state.epochLossSum / Double(state.epochExamples)), examplesPerSecond: speed,
            secondsToEpochEnd: speed > 0 ? remaining / speed : 0,
            secondsToMaxEpochs: speed > 0 ? (remaining + Double((h.maxEpochs - state.epoch) * examples.count)) / speed : 0,
            elapsedSeconds: elapsed))]
        if state.step == stepsPerEpoch {
            events.append(.epochEnded(endEpoch(&state, now: now, scorer: scorer(state.weights))))
        }
        return events
    }

    /// Validates the epoch just trained, keeps its weights if best, and decides whether to go on.
    private func endEpoch(_ state: inout TrainingState, now: () -> Double, scorer: some CaseScorer) -> EpochReport {
        let h = hyperparameters
        let trainSeconds = max(now() - state.epochStartedAt, 0)
        let validation = Evaluator.evaluate(scorer, cases: split.validationCases, dataset: dataset, threads: h.threads)
        let averages = RankingMetrics.cutoffs.map { validation.overall.average(at: $0) }
        let ndcg = validation.overall.average(at: 10).ndcg
        var coldAverages: [RankingScores]? = nil
        if split.hasColdValidation {
            let cold = Evaluator.evaluate(scorer, cases: split.coldValidationCases, dataset: dataset, threads: h.threads)
            coldAverages = RankingMetrics.cutoffs.map { cold.overall.average(at: $0) }
        }
        let coldNDCG = coldAverages?[RankingMetrics.cutoffs.firstIndex(of: 10)!].ndcg
        let selection = selectionCases
        let key = SelectionKey(primary: selection == .cold ? coldNDCG ?? 0 : ndcg, tieBreak: selection == .cold ? ndcg : 0)
        let isBest = state.best.map { key > $0.key } ?? true
        if isBest {
            state.best = BestEpoch(epoch: state.epoch, key: key, weights: state.weights)
            state.initialWeights = nil
        }
        let report = EpochReport(
            epoch: state.epoch, meanLoss: Float(state.epochLossSum / Double(max(state.epochExamples, 1))), validation: averages,
            validationNDCG10: ndcg, coldValidation: coldAverages, coldValidationNDCG10: coldNDCG,
            isBest: isBest, seconds: max(now() - state.epochStartedAt, 0),
            examplesPerSecond: trainSeconds > 0 ? Double(state.epochExamples) / trainSeconds : 0)
        state.reports.append(report)
        if let best = state.best, state.epoch - best.epoch >= h.patience {
            state.stopReason = .earlyStopped
        } else if state.epoch == h.maxEpochs {
            state.stopReason = .reachedMaxEpochs
        } else {
            state.epoch += 1
            state.step = 0
        }
        return report
    }

    /// Cold validation chooses the epoch when asked and the split has it (ties: warm).
    var selectionCases: SelectionCases {
        hyperparameters.selection == .cold && split.hasColdValidation ? .cold : .warm
    }

    /// How the run in `state` ended (or would end if stopped now with `reason`).
    func summary(of state: TrainingState, reason: TrainingStopReason, elapsed: Double) -> TrainingSummary {
        let bestReport = state.best.map { best in state.reports.first { $0.epoch == best.epoch }! }
        return TrainingSummary(
            reason: reason, epochs: state.reports, bestEpoch: state.best?.epoch ?? 0,
            bestValidationNDCG10: bestReport?.validationNDCG10 ?? 0,
            bestColdValidationNDCG10: bestReport?.coldValidationNDCG10, selectedOn: selectionCases,
            seconds: elapsed, examplesPerSecond: elapsed > 0 ? Double(state.processed) / elapsed : 0)
    }

    /// Runs `state` to its end on the calling thread, asking `cancelled()` and `control` before
    /// every step (a stopped run keeps its best epoch, as a finished one does; a paused one
    /// waits). Reports every event.
    func run<S: CaseScorer>(_ state: inout TrainingState, cancelled: () -> Bool = { false }, control: TrainingControl? = nil,
                            observer: (TrainingEvent) -> Void, scorer: (Weights) -> S, step: Step) -> TrainingSummary {
        var clock = TrainingClock(before: state.elapsedBefore)
        observer(startedEvent)
        while state.stopReason == nil {
            if cancelled() || control?.shouldStop(clock: &clock, observer: observer) == true {
                state.stopReason = .stoppedByUser
                break
            }
            for event in advance(&state, now: { clock.elapsed }, scorer: scorer, step: step) { observer(event) }
        }
        let summary = summary(of: state, reason: state.stopReason!, elapsed: clock.elapsed)
        state.elapsedBefore = clock.elapsed
        observer(.finished(summary))
        return summary
    }
}

/// Wall-clock seconds of training, excluding pauses, plus what earlier sessions of a resumed run
/// trained.
struct TrainingClock {
    private let start = ContinuousClock.now
    private let before: Double
    private var pausedTotal: Duration = .zero
    private var pausedAt: ContinuousClock.Instant?

    init(before: Double = 0) { self.before = before }

    mutating func pause() { if pausedAt == nil { pausedAt = .now } }
    mutating func resume() {
        if let at = pausedAt { pausedTotal += ContinuousClock.now - at; pausedAt = nil }
    }

    var elapsed: Double {
        let end = pausedAt ?? .now
        let d = (end - start) - pausedTotal
        return before + Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
    }
}
