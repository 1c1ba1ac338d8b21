import Foundation
import InterestData
import Synchronization
import Testing
@testable import InterestModel

/// Issue 10, "Runs": every training is a run folder written atomically as it goes, listed even when
/// killed, and resumable from its folder.
struct RunStoreTests {
    let dataset = TrainingData.make()
    var split: Split { Split(dataset: dataset, seed: 3) }

    func temporaryRoot() -> String {
        NSTemporaryDirectory() + "mist-runs-\(UUID().uuidString)"
    }

    func record(_ root: String, _ h: Hyperparameters, stopAfter steps: Int? = nil) throws -> (RunRecorder, TrainingOutcome) {
        let recorder = try RunRecorder.start(root: root, source: "test", datasetPath: "tiny", dataset: dataset, split: split, hyperparameters: h)
        let asked = Mutex(0)
        let outcome = Trainer(dataset: dataset, split: split, hyperparameters: h)
            .train(cancelled: { asked.withLock { n in n += 1; return steps.map { n > $0 } ?? false } }, observer: recorder.observe)
        try recorder.finish(outcome, dataset: dataset, split: split)
        return (recorder, outcome)
    }

    @Test func aFinishedRunHoldsItsSettingsFingerprintsLossesEpochsAndModel() throws {
        let root = temporaryRoot()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let h = TrainingData.hyperparameters()
        let (recorder, outcome) = try record(root, h)

        let run = try RunStore.read(folder: recorder.folder)
        #expect(run.record.status == .finished && run.record.effectiveStatus == .finished)
        #expect(run.record.hyperparameters == h)
        #expect(run.record.splitSeed == 3 && run.record.splitFingerprint == split.fingerprint)
        #expect(run.record.datasetFingerprint == Fingerprint.hex(dataset.fingerprint))
        #expect(run.record.epochs == outcome.summary.epochs)
        #expect(run.record.best?.epoch == outcome.summary.bestEpoch)
        #expect(run.record.bestValidationNDCG10 == outcome.summary.bestValidationNDCG10)
        #expect(run.record.hasModel && !run.record.isResumable)
        let losses = RunStore.losses(folder: recorder.folder)
        #expect(!losses.isEmpty && losses.count == run.record.steps)
        #expect(losses.map(\.step) == Array(1...losses.count))
        #expect(losses.last?.epoch == outcome.summary.epochs.count)
        let (model, _) = try Checkpoint.load(from: URL(fileURLWithPath: run.modelPath), dataset: dataset)
        #expect(model.weights == outcome.model.weights)
        // Listed, and found by id, by a prefix of it and by its folder.
        #expect(RunStore.list(root: root).map(\.id) == [run.id])
        #expect(try RunStore.find(run.id, root: root).id == run.id)
        #expect(try RunStore.find(String(run.id.prefix(10)), root: root).id == run.id)
        #expect(try RunStore.find(recorder.folder, root: "/nonexistent").id == run.id)
        #expect(throws: RunStoreError.self) { try RunStore.find("nope", root: root) }
        // Test rows recorded later (mist evaluate, the explorer's e) land in run.json.
        let row = ComparisonRow(model: Comparison.name(of: h), cases: "warm", scene: "all", k: 10, count: 5, hr: 0.5, precision: 0.05,
                                recall: 0.5, ndcg: 0.25)
        try RunStore.recordTest([row], folder: recorder.folder)
        #expect(try RunStore.read(folder: recorder.folder).record.testRow("warm") == row)
        #expect(RunStore.run(holding: run.modelPath)?.id == run.id)
    }

    @Test func aStoppedRunIsResumableFromItsFolderToTheSameWeights() throws {
        let root = temporaryRoot()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let h = TrainingData.hyperparameters()
        let wholeLosses = Mutex<[Float]>([])
        let whole = Trainer(dataset: dataset, split: split, hyperparameters: h).train(observer: { event in
            if case .step(let p) = event { wholeLosses.withLock { $0.append(p.loss) } }
        })
        let (recorder, first) = try record(root, h, stopAfter: 7)
        #expect(first.isResumable)
        let stopped = try RunStore.read(folder: recorder.folder)
        #expect(stopped.record.status == .stopped && stopped.record.isResumable)
        let stepsBefore = RunStore.losses(folder: recorder.folder).count
        #expect(stepsBefore == 7)

        // Continue into the same run, as `mist train --resume <run>` does.
        let (trainer, state, _) = try Checkpoint.loadResumable(from: URL(fileURLWithPath: stopped.modelPath), dataset: dataset, split: split)
        let again = try RunRecorder.resume(stopped)
        #expect(try RunStore.read(folder: recorder.folder).record.status == .running)
        let resumed = trainer.train(from: state, observer: again.observe)
        try again.finish(resumed, dataset: dataset, split: split)
        #expect(resumed.model.weights == whole.model.weights)
        let done = try RunStore.read(folder: recorder.folder)
        #expect(done.record.status == .finished)
        #expect(done.record.epochs.map(\.meanLoss) == whole.summary.epochs.map(\.meanLoss))
        #expect(done.record.epochs.map(\.validation) == whole.summary.epochs.map(\.validation))
        let losses = RunStore.losses(folder: recorder.folder)
        #expect(losses.map(\.step) == Array(1...losses.count) && losses.count > stepsBefore)
        #expect(losses.map(\.loss) == wholeLosses.withLock { $0 }, "the stopped run's steps, then the resumed ones")
    }

    @Test func aRunWhoseProcessIsGoneIsListedAsUnfinished() throws {
        let root = temporaryRoot()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let h = TrainingData.hyperparameters()
        let recorder = try RunRecorder.start(root: root, source: "test", datasetPath: "tiny", dataset: dataset, split: split, hyperparameters: h)
        // Killed after its first epoch: the files say "running", written by a process that no longer exists.
        let events = Mutex<[TrainingEvent]>([])
        _ = Trainer(dataset: dataset, split: split, hyperparameters: h).train(observer: { e in events.withLock { $0.append(e) } })
        for event in events.withLock({ $0 }) {
            if case .epochEnded(let report) = event, report.epoch > 1 { break }
            recorder.observe(event)
        }
        var record = try RunStore.read(folder: recorder.folder).record
        #expect(record.status == .running && record.effectiveStatus == .running, "its own process is alive")
        #expect(record.epochs.count == 1)
        record.pid = Int32.max - 1
        try RunStore.write(record, to: recorder.folder)
        let listed = RunStore.list(root: root)
        #expect(listed.count == 1 && listed[0].record.effectiveStatus == .unfinished)
        #expect(!FileManager.default.fileExists(atPath: listed[0].modelPath))
        // Nothing half-written is left behind: only the run's own files.
        let files = try FileManager.default.contentsOfDirectory(atPath: recorder.folder).sorted()
        #expect(files == [RunStore.lossesFile, RunStore.recordFile])
    }

    @Test func runsGoBesideTheDataButNeverIntoTheShippedSampleOrAReadOnlyFolder() throws {
        let base = temporaryRoot()
        defer { try? FileManager.default.removeItem(atPath: base) }
        let data = base + "/mydata", sample = base + "/sample-data", locked = base + "/locked", cwd = base + "/cwd"
        for folder in [data, sample, locked, cwd] { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
        chmod(locked, 0o555)
        defer { chmod(locked, 0o755) }
        #expect(RunStore.root(forDataset: data, currentDirectory: cwd) == data + "/runs")
        #expect(RunStore.root(forDataset: sample, currentDirectory: cwd) == cwd + "/runs/sample-data")
        if getuid() != 0 { #expect(RunStore.root(forDataset: locked, currentDirectory: cwd) == cwd + "/runs/locked") }
        #expect(RunStore.root(forDataset: sample, override: base + "/elsewhere", currentDirectory: cwd) == base + "/elsewhere")
    }

    @Test func settingsThatDifferFromTheDefaultsAreNamedAsOptions() {
        #expect(RunSettings.differences(Hyperparameters()).isEmpty)
        #expect(RunSettings.summary(Hyperparameters()) == "defaults")
        var h = Hyperparameters()
        h.dimension = 16
        h.learningRate = 0.01
        h.maxEpochs = 5
        #expect(RunSettings.summary(h) == "dimension=16 learning-rate=0.01 epochs=5")
        var v1 = Hyperparameters()
        v1.version = .v1
        #expect(RunSettings.summary(v1) == "model-version=v1")
        #expect(RunSettings.all(h).count == RunSettings.all(Hyperparameters()).count)
    }
}
