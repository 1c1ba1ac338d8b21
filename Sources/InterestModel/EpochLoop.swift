import Autograd
import InterestData
import Randomness

/// The training loop shared by the model (`TrainingSession`) and the BPR-MF baseline: per epoch,
/// shuffle the examples, plan and take every step, validate on NDCG@10 and keep the best weights;
/// stop at `maxEpochs`, after `patience` epochs without improvement, on request or when the loss
/// diverges; finally put back the best weights (or, if no epoch finished, the initial ones).
struct EpochLoop {
    let dataset: Dataset
    let split: Split
    let examples: TrainingExamples
    let hyperparameters: Hyperparameters
    /// Seed of the shuffles, scene dropout and negatives.
    let seed: UInt64
    /// What is trained, for the divergence message ("the loss", "the BPR-MF loss").
    let lossName: String

    /// `step(plan, epoch, step)` computes the batch loss and, only when it is finite, updates the
    /// weights; it returns the loss. `stopRequested` is asked before every step (it may block
    /// while paused, with the clock paused). `scorer` is validated after every epoch.
    func run(scorer: some CaseScorer, snapshot: () -> [Tensor], restore: ([Tensor]) -> Void,
             stopRequested: (inout TrainingClock) -> Bool = { _ in false },
             observer: (TrainingEvent) -> Void,
             step: (BatchPlan) -> Float) -> TrainingSummary {
        let h = hyperparameters
        var random = SeededRandom(seed: seed)
        let stepsPerEpoch = (examples.count + h.batchSize - 1) / h.batchSize
        observer(.started(examples: examples.count, stepsPerEpoch: stepsPerEpoch, maxEpochs: h.maxEpochs))
        var clock = TrainingClock()
        var reports: [EpochReport] = []
        // Cold validation chooses the epoch when asked and the split has it (ties: warm).
        let selection: SelectionCases = h.selection == .cold && split.hasColdValidation ? .cold : .warm
        var best: (epoch: Int, key: SelectionKey, weights: [Tensor])? = nil
        var reason = TrainingStopReason.reachedMaxEpochs
        var processed = 0
        var order = Array(0..<examples.count)
        // What a divergence before the first epoch's end falls back to (later, the best epoch
        // exists). Taken once: a snapshot per step would make every Adam update copy whole
        // tables (the snapshot shares their storage).
        let initial = snapshot()
        training: for epoch in 1...h.maxEpochs {
            random.shuffle(&order)
            let epochStart = clock.elapsed
            var lossSum: Double = 0
            var epochExamples = 0
            for stepIndex in 0..<stepsPerEpoch {
                if stopRequested(&clock) { reason = .stoppedByUser; break training }
                let batch = Array(order[(stepIndex * h.batchSize)..<min((stepIndex + 1) * h.batchSize, order.count)])
                let plan = BatchPlan(examples: batch, of: examples, dataset: dataset, hyperparameters: h, random: &random)
                let loss = step(plan)
                guard loss.isFinite else {
                    reason = .diverged("\(lossName) became \(loss) at epoch \(epoch), step \(stepIndex + 1); training stopped and kept \(best.map { "the weights of epoch \($0.epoch) (best validation)" } ?? "the initial weights (no epoch finished)")")
                    if best == nil { restore(initial) }
                    break training
                }
                lossSum += Double(loss) * Double(batch.count)
                epochExamples += batch.count
                processed += batch.count
                let seconds = clock.elapsed - epochStart
                let speed = seconds > 0 ? Double(epochExamples) / seconds : 0
                let remaining = Double(examples.count - epochExamples)
                observer(.step(TrainingProgress(
                    epoch: epoch, maxEpochs: h.maxEpochs, step: stepIndex + 1, stepsPerEpoch: stepsPerEpoch, loss: loss,
                    epochLoss: Float(lossSum / Double(epochExamples)), examplesPerSecond: speed,
                    secondsToEpochEnd: speed > 0 ? remaining / speed : 0,
                    secondsToMaxEpochs: speed > 0 ? (remaining + Double((h.maxEpochs - epoch) * examples.count)) / speed : 0,
                    elapsedSeconds: clock.elapsed)))
            }
            let trainSeconds = clock.elapsed - epochStart
            let validation = Evaluator.evaluate(scorer, cases: split.validationCases, dataset: dataset, threads: h.threads)
            let averages = RankingMetrics.cutoffs.map { validation.overall.average(at: $0) }
            let ndcg = validation.overall.average(at: 10).ndcg
            var coldAverages: [RankingScores]? = nil
            if split.hasColdValidation {
                let cold = Evaluator.evaluate(scorer, cases: split.coldValidationCases, dataset: dataset, threads: h.threads)
                coldAverages = RankingMetrics.cutoffs.map { cold.overall.average(at: $0) }
            }
            let coldNDCG = coldAverages?[RankingMetrics.cutoffs.firstIndex(of: 10)!].ndcg
            let key = SelectionKey(primary: selection == .cold ? coldNDCG ?? 0 : ndcg, tieBreak: selection == .cold ? ndcg : 0)
            let isBest = best == nil || key > best!.key
            if isBest { best = (epoch, key, snapshot()) }
            let report = EpochReport(
                epoch: epoch, meanLoss: Float(lossSum / Double(max(epochExamples, 1))), validation: averages,
                validationNDCG10: ndcg, coldValidation: coldAverages, coldValidationNDCG10: coldNDCG,
                isBest: isBest, seconds: clock.elapsed - epochStart,
                examplesPerSecond: trainSeconds > 0 ? Double(epochExamples) / trainSeconds : 0)
            reports.append(report)
            observer(.epochEnded(report))
            if let best, epoch - best.epoch >= h.patience { reason = .earlyStopped; break }
        }
        if let best { restore(best.weights) }
        let bestReport = best.map { reports[$0.epoch - 1] }
        let summary = TrainingSummary(
            reason: reason, epochs: reports, bestEpoch: best?.epoch ?? 0, bestValidationNDCG10: bestReport?.validationNDCG10 ?? 0,
            bestColdValidationNDCG10: bestReport?.coldValidationNDCG10, selectedOn: selection,
            seconds: clock.elapsed, examplesPerSecond: clock.elapsed > 0 ? Double(processed) / clock.elapsed : 0)
        observer(.finished(summary))
        return summary
    }
}

/// What ranks two epochs (or two settings): the selection NDCG@10, then the tie-break.
struct SelectionKey: Comparable {
    var primary: Double
    var tieBreak: Double
    static func < (a: SelectionKey, b: SelectionKey) -> Bool {
        (a.primary, a.tieBreak) < (b.primary, b.tieBreak)
    }
}
