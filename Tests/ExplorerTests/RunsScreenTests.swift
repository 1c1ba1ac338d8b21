import Foundation
import InterestData
@testable import InterestModel
import TerminalUI
import Testing
@testable import Explorer

/// Issue 10 in the explorer: trainings recorded as runs, the run list with overlaid curves and the
/// HParams table, loading a run with its history, and saves that never destroy.
@Suite struct RunsScreenTests {
    static let root = "/tmp/mist-test-runs"

    /// A finished run with `epochs` validation values (warm NDCG@10) and a falling loss.
    static func entry(_ n: Int, dimension: Int, warm: [Double], learningRate: Float = 0.002) -> RunEntry {
        var h = Hyperparameters()
        h.dimension = dimension
        h.learningRate = learningRate
        let id = "20261201-00\(10 + n)00-a\(n)b\(n)"
        var record = RunRecord(id: id, started: "2026-12-01T00:\(10 + n):00.000Z", source: "test", dataset: "sample-data",
                               datasetFingerprint: "0123456789abcdef", splitSeed: 42, splitFingerprint: "fedcba9876543210",
                               hyperparameters: h, pid: 1, host: "test")
        record.status = .finished
        record.epochs = warm.enumerated().map { i, value in
            let scores = RankingMetrics.cutoffs.map { _ in RankingScores(hitRate: value * 2, precision: 0.03, recall: value, ndcg: value) }
            return EpochReport(epoch: i + 1, meanLoss: Float(5 - i), validation: scores, validationNDCG10: value,
                               coldValidation: scores, coldValidationNDCG10: value / 2, isBest: value == warm.max(), seconds: 1, examplesPerSecond: 100)
        }
        let best = warm.firstIndex(of: warm.max()!)! + 1
        record.best = RunBest(epoch: best, validationNDCG10: warm.max()!, coldValidationNDCG10: warm.max()! / 2)
        record.hasModel = true
        let losses = (0..<120).map { Float(5.0 - Double($0) * 0.02 * Double(n)) }
        return RunEntry(folder: root + "/" + id, record: record, losses: losses)
    }

    static let entries = [entry(1, dimension: 32, warm: [0.10, 0.14, 0.16, 0.15]),
                          entry(2, dimension: 16, warm: [0.08, 0.09, 0.12, 0.13, 0.13], learningRate: 0.01)]

    static func runsView(width: Int, height: Int) -> AppState {
        var state = Fixtures.state(width: width, height: height)
        state.runs = RunsPanel(root: root)
        Fixtures.press(.character("5"), into: &state)
        #expect(Fixtures.press(.character("R"), into: &state)[0] == [.listRuns(root: root)])
        _ = update(&state, .runsListed(entries))
        return state
    }

    @Test(arguments: [(80, 24), (200, 60)])
    func markedRunsAreOverlaidWithTheirOwnGlyphsAndTheHParamsTableLists(width: Int, height: Int) {
        var state = Self.runsView(width: width, height: height)
        Fixtures.press(.character("m"), .character("j"), .character("m"), into: &state)
        #expect(state.runs.marked == Self.entries.map(\.id))
        let frame = Fixtures.frame(state, colorMode: .none)
        Snapshot.expect(frame, named: "training-runs-\(width)x\(height)")
        // Without colour the two runs are told apart by their glyphs, on the curves and in the legend.
        let text = frame.text
        #expect(text.contains("+ a1b1  × a2b2"), "each run's glyph and name in the legend: \(text)")
        #expect(text.contains("+ 001100-a1b1") && text.contains("× 001200-a2b2"), "the same glyphs in the HParams table")
    }

    @Test func theHParamsTableSortsByEachColumnAndReverses() {
        var state = Self.runsView(width: 120, height: 30)
        #expect(state.runs.sorted.map(\.id) == Self.entries.map(\.id), "by start time")
        // The settings that vary between the runs are columns of their own, after the metrics.
        #expect(state.runs.settingColumns == ["dimension", "learning-rate"])
        #expect(state.runs.sortColumns == RunsPanel.fixedColumns + ["dimension", "learning-rate"])
        // s up to dimension: 16 before 32.
        for _ in 0..<RunsPanel.fixedColumns.count { Fixtures.press(.character("s"), into: &state) }
        #expect(state.runs.sortName == "dimension")
        #expect(state.runs.sorted.map(\.id) == Self.entries.reversed().map(\.id))
        Fixtures.press(.character("r"), into: &state)
        #expect(state.runs.sorted.map(\.id) == Self.entries.map(\.id))
        // R gives the keys back to the settings form.
        Fixtures.press(.character("R"), .character("j"), into: &state)
        #expect(!state.runs.isFocused && state.training.form.selected == 1)
    }

    @Test func loadingARunBringsItsHistoryAndAPlainCheckpointClearsTheOldOne() {
        var state = Self.runsView(width: 100, height: 30)
        let second = Self.entries[1]
        Fixtures.press(.character("j"), into: &state)
        let load = Fixtures.press(.enter, into: &state)[0]
        #expect(load == [.loadCheckpoint(path: second.modelPath)])
        var info = CheckpointInfo(hyperparameters: second.record.hyperparameters, splitSeed: 42)
        info.recordedSettings = ["threads", "maxEpochs"]
        _ = update(&state, .checkpointLoaded(Fixtures.model, info, path: second.modelPath))
        #expect(state.training.epochs == second.record.epochs, "the loaded run's validation, not the previous run's")
        #expect(state.training.stepLosses == second.losses)
        #expect(state.runs.inUse == second.folder)
        #expect(state.training.form.values.dimension == 16)

        // A checkpoint outside any run has no history: the panels are emptied, not left showing the old run.
        _ = update(&state, .checkpointLoaded(Fixtures.model, info, path: "/tmp/elsewhere/model.safetensors"))
        #expect(state.training.epochs.isEmpty && state.training.stepLosses.isEmpty && state.runs.inUse == nil)
    }

    @Test func loadingKeepsTheFormsThreadsAndEpochsUnlessTheCheckpointRecordsThem() {
        var state = PureUpdateTests.trainingScreen()
        state.training.form.values.threads = 1
        state.training.form.values.maxEpochs = 7
        var h = Hyperparameters()
        h.threads = 2
        h.maxEpochs = 30
        var silent = CheckpointInfo(hyperparameters: h, splitSeed: 42)
        silent.recordedSettings = ["dimension"]
        _ = update(&state, .checkpointLoaded(Fixtures.model, silent, path: "/tmp/a.safetensors"))
        #expect(state.training.form.values.threads == 1 && state.training.form.values.maxEpochs == 7)
        var explicit = silent
        explicit.recordedSettings = ["threads", "maxEpochs"]
        _ = update(&state, .checkpointLoaded(Fixtures.model, explicit, path: "/tmp/a.safetensors"))
        #expect(state.training.form.values.threads == 2 && state.training.form.values.maxEpochs == 30)
    }

    @Test func saveProposesANewFileInTheRunsFolderAndAsksBeforeOverwriting() {
        var state = Self.runsView(width: 100, height: 30)
        state.runs.inUse = Self.entries[0].folder
        Fixtures.press(.character("R"), .character("w"), into: &state)
        let proposed = state.pathPrompt?.input.text ?? ""
        #expect(proposed.hasPrefix(Self.entries[0].folder + "/model-") && proposed.hasSuffix(".safetensors"))
        #expect(proposed != Self.entries[0].modelPath, "never the run's own checkpoint")
        #expect(Fixtures.press(.enter, into: &state)[0] == [.checkSavePath(path: proposed)])

        // The file exists: ask, lazygit-style; n keeps it.
        #expect(update(&state, .savePathChecked(path: proposed, exists: true, refusal: nil)) == [])
        #expect(state.runs.confirmingOverwrite == proposed)
        Snapshot.expect(Fixtures.frame(state, colorMode: .none), named: "training-overwrite-100x30")
        let kept = Fixtures.press(.character("n"), into: &state)[0]
        #expect(!kept.contains { if case .saveCheckpoint = $0 { return true } else { return false } })
        #expect(state.runs.confirmingOverwrite == nil && state.status?.text.contains("unchanged") == true)
        // y writes.
        _ = update(&state, .savePathChecked(path: proposed, exists: true, refusal: nil))
        let written = Fixtures.press(.character("y"), into: &state)[0]
        #expect(written.contains { if case .saveCheckpoint(let path, _, _, _, _) = $0 { return path == proposed } else { return false } })
        // A new file is written without asking.
        let fresh = update(&state, .savePathChecked(path: "/tmp/new.safetensors", exists: false, refusal: nil))
        #expect(fresh.contains { if case .saveCheckpoint(let path, _, _, _, _) = $0 { return path == "/tmp/new.safetensors" } else { return false } })
    }

    @Test func theShippedSampleCheckpointIsNeverOverwritten() {
        let shipped = Fixtures.sampleDirectory + "/model.safetensors"
        guard case let .savePathChecked(path, exists, refusal?) = EffectRunner.checkSavePath(shipped) else {
            Issue.record("the shipped checkpoint must be refused"); return
        }
        #expect(path == shipped && exists && refusal.contains("never overwritten"))
        var state = Fixtures.state(width: 100, height: 30)
        let effects = update(&state, .savePathChecked(path: shipped, exists: true, refusal: refusal))
        #expect(!effects.contains { if case .saveCheckpoint = $0 { return true } else { return false } })
        #expect(state.status?.isError == true && state.runs.confirmingOverwrite == nil)
        // With the model from the sample data, w proposes a file in the runs folder, not in sample-data.
        state.runs = RunsPanel(root: Self.root)
        state.checkpointPath = shipped
        #expect(state.proposedSavePath(number: 3) == Self.root + "/model-3.safetensors")
    }

    @Test func aTrainingStartedHereIsRecordedAsARun() throws {
        let root = NSTemporaryDirectory() + "mist-explorer-runs-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: root) }
        // A small generated dataset: this trains beside the whole suite on two cores.
        let scratch = try HostileScratch()
        let folder = try scratch.tinyDataset()
        let data = ExplorerData(dataset: try Dataset.load(from: folder), directoryPath: folder)
        let inbox = EffectRunnerTests.Inbox()
        let runner = EffectRunner(data: data, runsRoot: root, send: inbox.send)
        var state = AppState(data: data)
        _ = update(&state, .resized(width: 100, height: 30))
        state.training.form = HyperparameterForm(PureUpdateTests.tiny)
        state.runs = RunsPanel(root: root)
        Fixtures.press(.character("5"), into: &state)
        runner.execute(Fixtures.press(.character("t"), into: &state)[0])
        #expect(runner.waitUntilIdle(timeout: .seconds(300)))
        var effects: [Effect] = []
        for message in inbox.all { effects += update(&state, message) }
        let runs = RunStore.list(root: root)
        #expect(runs.count == 1)
        let run = try #require(runs.first)
        #expect(run.record.status == .finished && run.record.source == "explorer" && run.record.hasModel)
        #expect(run.record.hyperparameters == PureUpdateTests.tiny)
        #expect(state.runs.entries.map(\.id) == [run.id] && state.runs.inUse == run.folder)
        #expect(state.runs.entries.first?.losses.count == run.record.steps)
        // The evaluation that follows a training is recorded in the run.
        guard case .evaluate(let request)? = effects.first(where: { if case .evaluate = $0 { return true } else { return false } }) else {
            Issue.record("no evaluation after the training"); return
        }
        let rows = [ComparisonRow(model: Comparison.name(of: PureUpdateTests.tiny), cases: "warm", scene: "all", k: 10, count: 1,
                                  hr: 0.5, precision: 0.05, recall: 0.5, ndcg: 0.25)]
        let record = update(&state, .evaluated(rows, evaluation: request.id))
        #expect(record == [.recordRunTest(folder: run.folder, rows: rows, root: root)])
        runner.execute(record)
        #expect(runner.waitUntilIdle(timeout: .seconds(300)))
        #expect(try RunStore.read(folder: run.folder).record.testRow("warm") == rows[0])
    }
}
