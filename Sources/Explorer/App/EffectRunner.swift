import Foundation
import InterestData
import InterestModel
import Synchronization

/// The explorer's runtime: carries out the `Effect`s that `update` returns and posts what happens
/// back as `Message`s through `send`. It owns every live handle of the program: the training
/// sessions, the cancel flags, the worker threads. `AppState` holds none of them, only the run
/// numbers and job ids that name them.
///
/// `execute` never blocks (slow work goes to a worker) and may be called from any thread or task;
/// the run loop calls it on the UI thread, tests call it directly. `.after` and `.quit` belong to
/// the run loop and are ignored here.
///
/// Everything that touches training, `Comparison`, checkpoints and attention averaging is in this
/// file, each behind one small function; a job's thread comes from `spawn(_:_:)`. Training uses
/// InterestModel's `Trainer` on the job's thread with a `TrainingControl` made when the run is
/// asked for, so a pause or stop that arrives while the split is still being prepared is simply
/// seen at the first step.
public final class EffectRunner: Sendable {
    private let dataset: Dataset
    /// The data folder (a checkpoint is never written over one of its files).
    private let directoryPath: String
    /// The loaded data (exports are serialised from it) and where relative export paths go.
    let data: ExplorerData
    let exportDirectory: String
    let send: @Sendable (Message) -> Void
    private let jobs = Mutex(Jobs())

    /// The live handles, by run number, evaluation id and model generation.
    private struct Jobs {
        var trainings: [Int: TrainingControl] = [:]
        var evaluations: [Int: CancelFlag] = [:]
        var populations: [Int: CancelFlag] = [:]
        /// Cold-case ranking jobs of the Cases screen, by job id.
        var coldCases: [Int: CancelFlag] = [:]
        var cohorts: [Int: CancelFlag] = [:]
        /// Workers started and not yet finished.
        var running = 0
    }

    /// Users averaged per call when averaging attention over all users: one call (exactly
    /// `averageAttention` over everyone) on data with at most this many users; otherwise chunks,
    /// between which progress is reported and `x` is honoured.
    private let populationChunk: Int

    /// Where trainings are recorded as runs (`RunStore`); nil records none.
    private let runsRoot: String?

    /// `send` is called from worker threads (post to the program's mailbox).
    /// `exportDirectory` (default: the current directory) is where relative export paths go;
    /// `runsRoot` is where trainings started here are recorded.
    public init(data: ExplorerData, populationChunk: Int = 4096, exportDirectory: String? = nil, runsRoot: String? = nil,
                send: @escaping @Sendable (Message) -> Void) {
        dataset = data.dataset
        directoryPath = data.directoryPath
        self.data = data
        self.exportDirectory = exportDirectory ?? FileManager.default.currentDirectoryPath
        self.runsRoot = runsRoot
        self.populationChunk = max(1, populationChunk)
        self.send = send
    }

    public func execute(_ effects: [Effect]) {
        for effect in effects { execute(effect) }
    }

    public func execute(_ effect: Effect) {
        switch effect {
        case let .startTraining(run, hyperparameters, splitSeed):
            let control = TrainingControl()
            jobs.withLock { $0.trainings[run] = control }
            spawn("mist-training") { self.train(run: run, control: control, hyperparameters: hyperparameters, splitSeed: splitSeed) }
        case .pauseTraining(let run): training(run)?.pause()
        case .resumeTraining(let run): training(run)?.resume()
        case .cancelTraining(let run): training(run)?.stop()
        case .evaluate(let request):
            let cancel = CancelFlag()
            jobs.withLock { $0.evaluations[request.id] = cancel }
            spawn("mist-evaluation") {
                let send = self.send
                self.evaluate(request, cancel: cancel) { send($0) }
                _ = self.jobs.withLock { $0.evaluations.removeValue(forKey: request.id) }
            }
        case .cancelEvaluation(let id):
            jobs.withLock { $0.evaluations[id] }?.raise()
        case let .computePopulationAttention(generation, model):
            let cancel = CancelFlag()
            let previous = jobs.withLock { jobs in
                defer { jobs.populations[generation] = cancel }
                return jobs.populations[generation]
            }
            previous?.raise()
            spawn("mist-attention") {
                let send = self.send
                // Nothing is reported once cancelled: the state has already moved on.
                let summary = self.averageAttention(model: model, cancel: cancel) { done, total in
                    if !cancel.isRaised { send(.populationProgress(done: done, total: total, generation: generation)) }
                }
                self.jobs.withLock { if $0.populations[generation] === cancel { $0.populations[generation] = nil } }
                if let summary, !cancel.isRaised { send(.populationAttention(summary, generation: generation)) }
            }
        case .cancelPopulationAttention(let generation):
            jobs.withLock { $0.populations.removeValue(forKey: generation) }?.raise()
        case .rankColdCases(let request):
            let cancel = CancelFlag()
            jobs.withLock { $0.coldCases[request.id] = cancel }
            spawn("mist-cases") {
                self.rankColdCases(request, cancelled: { cancel.isRaised })
                _ = self.jobs.withLock { $0.coldCases.removeValue(forKey: request.id) }
            }
        case .cancelColdCases(let id):
            jobs.withLock { $0.coldCases[id] }?.raise()
        case .computeCohortAttention(let job):
            let cancel = CancelFlag()
            jobs.withLock { $0.cohorts[job.id] = cancel }
            spawn("mist-cohort") {
                self.runCohortJob(job, cancelled: { cancel.isRaised })
                _ = self.jobs.withLock { $0.cohorts.removeValue(forKey: job.id) }
            }
        case .cancelCohortAttention(let id):
            jobs.withLock { $0.cohorts.removeValue(forKey: id) }?.raise()
        case let .saveNamedCohort(name, expression, path):
            spawn("mist-cohorts") { self.send(Self.saveNamedCohort(name: name, expression: expression, path: path)) }
        case let .saveCheckpoint(path, model, splitSeed, splitFingerprint, summary):
            spawn("mist-checkpoint") {
                self.send(self.saveCheckpoint(model, path: path, splitSeed: splitSeed, splitFingerprint: splitFingerprint, summary: summary))
            }
        case .loadCheckpoint(let path):
            spawn("mist-checkpoint") { self.send(self.loadCheckpoint(path: path)) }
        case let .proposeExportPath(name, id): proposeExportPath(name: name, id: id)
        case .writeExport(let job): spawn("mist-export") { self.send(self.writeExport(job)) }
        case let .copyToClipboard(text, what): copyToClipboard(text, what: what)
        case .setMouseCapture(let on): setMouseCapture(on)
        case .listRuns(let root):
            spawn("mist-runs") { self.send(.runsListed(RunEntry.list(root: root))) }
        case let .recordRunTest(folder, rows, root):
            spawn("mist-runs") {
                do { try RunStore.recordTest(rows, folder: folder) } catch { self.send(.failed("could not record the test metrics: \(error)")) }
                self.send(.runsListed(RunEntry.list(root: root)))
            }
        case .checkSavePath(let path):
            send(Self.checkSavePath(path, dataset: directoryPath))
        case .after, .quit:
            break  // the run loop's own
        }
    }

    /// Stops every job (quitting, or the run loop ended another way); does not wait for them.
    public func cancelAll() {
        let (trainings, flags) = jobs.withLock { jobs in
            (Array(jobs.trainings.values), Array(jobs.evaluations.values) + Array(jobs.populations.values) + Array(jobs.coldCases.values)
             + Array(jobs.cohorts.values))
        }
        for job in trainings { job.stop() }
        for flag in flags { flag.raise() }
    }

    /// True when no worker is running.
    public var isIdle: Bool { jobs.withLock { $0.running == 0 } }

    /// Waits until every worker has finished (tests, orderly shutdown); false after `timeout`.
    @discardableResult
    public func waitUntilIdle(timeout: Duration = .seconds(120)) -> Bool {
        let deadline = ContinuousClock.now + timeout
        while !isIdle {
            if ContinuousClock.now >= deadline { return false }
            Thread.sleep(forTimeInterval: 0.005)
        }
        return true
    }

    private func training(_ run: Int) -> TrainingControl? { jobs.withLock { $0.trainings[run] } }

    /// Runs `work` on a worker thread of its own (the work blocks: training waits while paused).
    func spawn(_ name: String, _ work: @escaping @Sendable () -> Void) {
        jobs.withLock { $0.running += 1 }
        let thread = Thread {
            work()
            self.jobs.withLock { $0.running -= 1 }
        }
        thread.name = name
        thread.start()
    }

    // MARK: - Training

    /// One run, on its worker: prepare the split and examples, train, report every event, then
    /// the model with the best epoch's weights.
    private func train(run: Int, control: TrainingControl, hyperparameters: Hyperparameters, splitSeed: UInt64) {
        let split = Split(dataset: dataset, seed: splitSeed)
        let send = self.send
        // Recorded as a run (docs/EXPLORER.md, "Runs"); a run that cannot be recorded still trains.
        let recorder: RunRecorder? = runsRoot.flatMap { root -> RunRecorder? in
            do {
                let created = try RunRecorder.start(root: root, source: "explorer", datasetPath: directoryPath, dataset: dataset,
                                                    split: split, hyperparameters: hyperparameters)
                send(.runStarted(folder: created.folder, run: run))
                return created
            } catch {
                send(.failed("this training is not recorded as a run: \(error)"))
                return nil
            }
        }
        let outcome = Trainer(dataset: dataset, split: split, hyperparameters: hyperparameters)
            .train(control: control, observer: { event in
                recorder?.observe(event)
                send(.training(event, run: run))
            })
        jobs.withLock { $0.trainings[run] = nil }
        if let recorder {
            do { try recorder.finish(outcome, dataset: dataset, split: split) } catch {
                send(.failed("could not finish run \(recorder.id): \(error)"))
            }
        }
        send(.trainingEnded(outcome.model, outcome.summary, run: run))
        if let runsRoot { send(.runsListed(RunEntry.list(root: runsRoot))) }
    }

    // MARK: - Evaluation

    /// Evaluates on the worker; always ends with `.evaluated` (empty rows when refused, failed or
    /// cancelled, with a `.failed` message saying why).
    private func evaluate(_ request: EvaluationRequest, cancel: CancelFlag, report: @Sendable (Message) -> Void) {
        let id = request.id, trained = request.model, h = trained.hyperparameters, dataset = self.dataset
        // Never score a model on test cases it may have trained on.
        let (split, refusal) = modelSplit(of: trained, seed: request.splitSeed, fingerprint: request.splitFingerprint, command: "evaluate")
        if let refusal {
            report(.evaluated([], evaluation: id))
            report(.failed(refusal))
            return
        }
        if request.withBaselines {
            do {
                let comparisonRequest = ComparisonRequest(full: h, tune: true)
                let comparison = try Comparison.run(dataset: dataset, splits: [split], request: comparisonRequest, given: trained,
                                                    cancelled: { cancel.isRaised }, observer: { progress in
                    if case .epochEnded(let epoch)? = progress.event {
                        let eta = progress.secondsRemaining.map { ", about \(Int($0.rounded())) s left" } ?? ""
                        report(.evaluationProgress("tuning \(progress.model) \(progress.setting)/\(progress.settings): epoch \(epoch.epoch)\(eta) (x cancels)",
                                                   evaluation: id))
                    }
                })
                report(.evaluated(comparison.comparison.rows, evaluation: id))
            } catch {
                report(.evaluated([], evaluation: id))
                report(.failed(error == .cancelled ? "comparison cancelled" : "comparison failed: \(error)"))
            }
            return
        }
        // Two passes over the test cases (popularity, then the model); `x` is honoured between them.
        var rows: [ComparisonRow] = []
        let steps: [(String, () -> [ComparisonRow])] = [
            ("popularity", { Comparison.rows(model: "popularity", scorer: PopularityBaseline(dataset: dataset, split: split),
                                             dataset: dataset, split: split, threads: h.threads) }),
            (Comparison.name(of: h), { Comparison.rows(model: Comparison.name(of: h), scorer: trained, dataset: dataset, split: split, threads: h.threads) }),
        ]
        for (index, (name, step)) in steps.enumerated() {
            if cancel.isRaised {
                report(.evaluated([], evaluation: id))
                report(.failed("evaluation cancelled"))
                return
            }
            report(.evaluationProgress("evaluating \(name) on the test cases (\(index + 1)/\(steps.count))… (x cancels)", evaluation: id))
            rows += step()
        }
        report(.evaluated(rows, evaluation: id))
    }

    /// The split `model` was trained on: the split of `seed`, as the checkpoint recorded it; and
    /// why it must not be used, when the checkpoint recorded another split (a split file): the
    /// seed's test cases may be training data there. `command` names the CLI command to use instead.
    func modelSplit(of model: TransferModel, seed: UInt64, fingerprint recorded: String?, command: String) -> (split: Split, refusal: String?) {
        let split = CheckpointInfo(hyperparameters: model.hyperparameters, splitSeed: seed, splitFingerprint: recorded).split(seed: seed, in: dataset)
        guard let recorded, recorded != split.fingerprint else { return (split, nil) }
        return (split, "this model was trained on another split (roles \(recorded)), not split seed \(seed) "
                       + "(roles \(split.fingerprint)): use `mist \(command) --split FILE` on its own split")
    }

    // MARK: - Attention over all users

    /// Attention averaged over all users, or nil when cancelled. Chunks are combined with their
    /// weights (users per chunk for the plain view, users counted per target row for the
    /// hidden-target view), which gives the single call's average up to Float rounding.
    private func averageAttention(model: TransferModel, cancel: CancelFlag, report: (Int, Int) -> Void) -> AttentionSummary? {
        let total = dataset.userCount, s = dataset.sceneCount, chunk = populationChunk
        guard total > chunk else {
            report(0, total)
            return model.averageAttention(in: dataset, split: nil)
        }
        var average = [Double](repeating: 0, count: s * s), hidden = [Double](repeating: 0, count: s * s)
        var counted = 0, hiddenCounts = [Int](repeating: 0, count: s)
        var merged: AttentionSummary?
        for start in stride(from: 0, to: total, by: chunk) {
            if cancel.isRaised { return nil }
            report(start, total)
            let users = Array(start..<min(start + chunk, total))
            let part = model.averageAttention(in: dataset, split: nil, users: users)
            if merged == nil { merged = part }
            // The users of this chunk the hidden-target rows counted: active in a scene other than t.
            var rowCounts = [Int](repeating: 0, count: s)
            for u in users {
                let active = (0..<s).map { !dataset.history(ofUser: Int32(u), scene: Int32($0)).isEmpty }
                for t in 0..<s where active.enumerated().contains(where: { $0.offset != t && $0.element }) { rowCounts[t] += 1 }
            }
            counted += part.users
            for k in 0..<(s * s) {
                average[k] += Double(part.average[k]) * Double(part.users)
                hidden[k] += Double(part.hiddenTarget[k]) * Double(rowCounts[k / s])
            }
            for t in 0..<s { hiddenCounts[t] += rowCounts[t] }
        }
        guard var summary = merged else { return nil }
        summary.users = counted
        summary.average = average.map { Float($0 / Double(max(counted, 1))) }
        summary.hiddenTarget = (0..<(s * s)).map { Float(hidden[$0] / Double(max(hiddenCounts[$0 / s], 1))) }
        return summary
    }

    // MARK: - Checkpoints

    /// Writes the checkpoint, recording the split's identity with the model as `mist train` does,
    /// so that evaluation elsewhere can refuse a different split.
    private func saveCheckpoint(_ model: TransferModel, path: String, splitSeed: UInt64, splitFingerprint: String?,
                                summary: TrainingSummary?) -> Message {
        do {
            // Never over one of the dataset's own files (a typo like DATA/items.csv, or a link to it),
            // nor over the shipped sample checkpoint.
            try OutputPathGuard.check(output: path, dataset: directoryPath)
            if let refusal = Self.savePathState(path).refusal { return .failed(refusal) }
            let folder = PathParts.split(path).folder
            if let runsRoot, folder == runsRoot { try FileManager.default.createDirectory(atPath: runsRoot, withIntermediateDirectories: true) }
            let fingerprint = splitFingerprint ?? Split(dataset: dataset, seed: splitSeed).fingerprint
            let info = CheckpointInfo(hyperparameters: model.hyperparameters, splitSeed: splitSeed, splitFingerprint: fingerprint,
                                      validationNDCG10: summary?.bestValidationNDCG10, bestEpoch: summary?.bestEpoch)
            try Checkpoint.save(model, info: info, dataset: dataset, to: URL(fileURLWithPath: path))
            return .checkpointSaved(path: path)
        } catch {
            return .failed("could not save \(path): \(error)")
        }
    }

    /// Whether `path` exists, and why it must not be written: a file of the shipped sample data.
    static func savePathState(_ path: String) -> (exists: Bool, refusal: String?) {
        let exists = FileManager.default.fileExists(atPath: path)
        let folder = PathParts.split(path).folder
        if exists, RunStore.isShipped(folder.isEmpty ? "." : folder) {
            return (true, "\(path) is part of the shipped sample data and is never overwritten from the explorer: choose a new file (w proposes one)")
        }
        return (exists, nil)
    }

    /// What `w` is told before writing: whether the file exists (then it asks), or why it must not
    /// be written at all (one of the dataset's own files, the shipped sample checkpoint).
    static func checkSavePath(_ path: String, dataset directory: String? = nil) -> Message {
        if let directory {
            do { try OutputPathGuard.check(output: path, dataset: directory) } catch {
                return .savePathChecked(path: path, exists: true, refusal: "could not save \(path): \(error)")
            }
        }
        let (exists, refusal) = savePathState(path)
        return .savePathChecked(path: path, exists: exists, refusal: refusal)
    }

    private func loadCheckpoint(path: String) -> Message {
        do {
            let (loaded, info) = try Checkpoint.load(from: URL(fileURLWithPath: path), dataset: dataset)
            return .checkpointLoaded(loaded, info, path: path)
        } catch {
            return .failed("could not load \(path): \(error)")
        }
    }
}

/// A flag one thread raises and another polls: how a job is asked to stop between steps.
private final class CancelFlag: Sendable {
    private let raised = Atomic<Bool>(false)
    func raise() { raised.store(true, ordering: .relaxed) }
    var isRaised: Bool { raised.load(ordering: .relaxed) }
}
