import Foundation
import InterestData
import Synchronization

/// Records one training as a run while it goes: pass every `TrainingEvent` to `observe` (from the
/// training thread or any other), then `finish` with the outcome, which writes the checkpoint.
///
/// `run.json` and `losses.csv` are rewritten whole (temporary file and rename) when training
/// starts, at every epoch's end, at most every `flushInterval` seconds of steps, and at the end;
/// so a run killed at any moment is listed with its epochs so far (and read back as `unfinished`).
/// A write that fails does not stop training: the first failure is kept in `writeError`.
public final class RunRecorder: Sendable {
    public let folder: String
    public let id: String
    private let flushInterval: Double
    private let buffer: Mutex<Buffer>

    private struct Buffer {
        var record: RunRecord
        var losses: [RunLoss]
        var lastFlush = ContinuousClock.now
        var dirty = false
        var writeError: RunStoreError?
    }

    /// Records into `run` (just created, or an existing run being resumed: its losses are kept
    /// and new steps are appended).
    public init(run: StoredRun, flushInterval: Double = 2) {
        folder = run.folder
        id = run.id
        self.flushInterval = flushInterval
        buffer = Mutex(Buffer(record: run.record, losses: RunStore.losses(folder: run.folder)))
    }

    /// Creates a new run under `root` for a training of `hyperparameters` on `split` of `dataset`
    /// (`datasetPath` as the user gave it), starting from `state` when it resumes one.
    public static func start(root: String, source: String, datasetPath: String, dataset: Dataset, split: Split,
                             hyperparameters: Hyperparameters, resuming state: TrainingState? = nil,
                             resumedFrom: String? = nil) throws(RunStoreError) -> RunRecorder {
        let now = Date()
        var record = RunRecord(id: RunStore.newID(at: now), started: RunStore.timestamp(now), source: source, dataset: datasetPath,
                               datasetFingerprint: Fingerprint.hex(dataset.fingerprint), splitSeed: split.seed,
                               splitFingerprint: split.fingerprint, hyperparameters: hyperparameters, resumedFrom: resumedFrom)
        if let state { record.epochs = state.reports }
        let run = try RunStore.create(in: root, record: record)
        return RunRecorder(run: run)
    }

    /// Marks an existing run (one stopped on request) as running again, to be continued from its
    /// checkpoint's state.
    public static func resume(_ run: StoredRun) throws(RunStoreError) -> RunRecorder {
        var run = run
        run.record.status = .running
        run.record.stopReason = nil
        run.record.pid = ProcessInfo.processInfo.processIdentifier
        run.record.host = ProcessInfo.processInfo.hostName
        run.record.updated = RunStore.timestamp()
        try RunStore.write(run.record, to: run.folder)
        return RunRecorder(run: run)
    }

    /// The record as it stands.
    public var record: RunRecord { buffer.withLock { $0.record } }
    /// The losses recorded so far.
    public var losses: [RunLoss] { buffer.withLock { $0.losses } }
    /// The first write that failed, if any.
    public var writeError: RunStoreError? { buffer.withLock { $0.writeError } }
    public var run: StoredRun { StoredRun(folder: folder, record: record) }

    public func observe(_ event: TrainingEvent) {
        buffer.withLock { b in
            var flushNow = false
            switch event {
            case let .started(examples, stepsPerEpoch, _):
                b.record.examples = examples
                b.record.stepsPerEpoch = stepsPerEpoch
                flushNow = true
            case .step(let p):
                b.losses.append(RunLoss(step: (b.losses.last?.step ?? 0) + 1, epoch: p.epoch, loss: p.loss))
                b.record.steps = b.losses.count
                b.record.seconds = p.elapsedSeconds
                b.dirty = true
                flushNow = (ContinuousClock.now - b.lastFlush) >= .milliseconds(Int(flushInterval * 1000))
            case .epochEnded(let report):
                b.record.epochs.removeAll { $0.epoch >= report.epoch }
                b.record.epochs.append(report)
                if report.isBest {
                    b.record.best = RunBest(epoch: report.epoch, validationNDCG10: report.validationNDCG10,
                                            coldValidationNDCG10: report.coldValidationNDCG10)
                }
                flushNow = true
            case .paused, .resumed:
                break
            case .finished(let summary):
                b.record.epochs = summary.epochs
                b.record.best = summary.bestEpoch > 0
                    ? RunBest(epoch: summary.bestEpoch, validationNDCG10: summary.bestValidationNDCG10,
                              coldValidationNDCG10: summary.bestColdValidationNDCG10) : nil
                b.record.seconds = summary.seconds
                // The status is set by `finish`, once the checkpoint is written.
                flushNow = true
            }
            if flushNow { flush(&b) }
        }
    }

    /// Ends the run: writes the checkpoint (the kept weights, with the training state when it
    /// was stopped on request, so `mist train --resume` continues it; nothing when it diverged),
    /// then the final `run.json` and `losses.csv`. Throws when a file could not be written (the
    /// run then stays `running` on disk, read back as `unfinished`).
    @discardableResult
    public func finish(_ outcome: TrainingOutcome, dataset: Dataset, split: Split) throws -> RunRecord {
        let summary = outcome.summary
        var status: RunStatus
        switch summary.reason {
        case .diverged: status = .diverged
        case .stoppedByUser: status = .stopped
        case .earlyStopped, .reachedMaxEpochs: status = .finished
        }
        var hasModel = false
        if status != .diverged {
            let info = CheckpointInfo(hyperparameters: outcome.model.hyperparameters, split: split,
                                      validationNDCG10: summary.bestValidationNDCG10, bestEpoch: summary.bestEpoch)
            try Checkpoint.save(outcome.model, info: info, dataset: dataset, to: URL(fileURLWithPath: PathJoin.join(folder, RunStore.modelFile)),
                                training: outcome.isResumable ? outcome.state : nil)
            hasModel = true
        }
        return try buffer.withLock { b throws(RunStoreError) in
            b.record.status = status
            b.record.stopReason = summary.reason.description
            b.record.hasModel = hasModel
            b.record.isResumable = outcome.isResumable && hasModel
            b.record.epochs = summary.epochs
            b.dirty = true
            flush(&b)
            if let error = b.writeError { throw error }
            return b.record
        }
    }

    private func flush(_ b: inout Buffer) {
        b.record.updated = RunStore.timestamp()
        do {
            if b.dirty || b.losses.isEmpty { try RunStore.write(b.losses, to: folder) }
            try RunStore.write(b.record, to: folder)
            b.dirty = false
        } catch {
            if b.writeError == nil { b.writeError = error }
        }
        b.lastFlush = .now
    }
}
