import Foundation
import InterestData
import InterestModel
import Synchronization
import Testing
@testable import mist

/// Issue 10, "Runs": `mist train` records a run, `mist runs` lists and compares them, `--resume`
/// takes a run id or folder.
@Suite(.serialized) struct RunsCommandTests {
    static func mist(_ arguments: [String], in directory: String) throws -> HostileRunner.Outcome {
        try HostileRunner.mist(arguments, seconds: 300, currentDirectory: directory)
    }

    static func json<T: Decodable>(_ type: T.Type, _ output: String) throws -> T {
        try JSONDecoder().decode(T.self, from: Data(output.utf8))
    }

    @Test func twoTrainingsAreListedAndComparedWithTheirDifferences() throws {
        let scratch = try HostileScratch()
        let tiny = try scratch.tinyDataset()
        let fast = ["--epochs", "2", "--dimension", "8", "--heads", "1", "--threads", "1"]
        let first = try Self.mist(["train", tiny] + fast, in: scratch.root)
        #expect(first.status == 0, "\(first)")
        let second = try Self.mist(["train", tiny, "--out", "copy.safetensors", "--learning-rate", "0.01"] + fast, in: scratch.root)
        #expect(second.status == 0, "\(second)")
        // Beside the data by default; --out is one more copy.
        #expect(FileManager.default.fileExists(atPath: scratch.root + "/copy.safetensors"))
        let runs = RunStore.list(root: tiny + "/runs")
        #expect(runs.count == 2)
        #expect(runs.allSatisfy { $0.record.status == .finished && $0.record.hasModel && $0.record.epochs.count >= 1 })
        #expect(runs.allSatisfy { FileManager.default.fileExists(atPath: $0.modelPath) && !RunStore.losses(folder: $0.folder).isEmpty })

        let listing = try Self.mist(["runs", tiny, "--json"], in: scratch.root)
        #expect(listing.status == 0, "\(listing)")
        let listed = try Self.json([RunsCommand.RunListing].self, listing.output)
        #expect(listed.map(\.id) == runs.map(\.id))
        #expect(listed[0].settings == ["dimension": "8", "heads": "1", "threads": "1", "epochs": "2"])
        #expect(listed[1].settings["learning-rate"] == "0.01")
        #expect(listed.allSatisfy { $0.status == .finished && $0.bestValidationNDCG10 != nil })

        let table = try Self.mist(["runs", tiny], in: scratch.root)
        #expect(table.status == 0 && table.output.contains(runs[0].id) && table.output.contains("learning-rate=0.01"), "\(table)")
        #expect(table.output.contains("finished"))

        // A run by its id or by its folder.
        let compare = try Self.mist(["runs", tiny, "--compare", runs[0].id, runs[1].folder, "--json"], in: scratch.root)
        #expect(compare.status == 0, "\(compare)")
        let comparison = try Self.json(RunComparison.self, compare.output)
        #expect(comparison.settings.filter(\.differs).map(\.key) == ["learning-rate"])
        let ndcg = try #require(comparison.metrics.first { $0.name == "val NDCG@10 warm" })
        #expect(ndcg.a != nil && ndcg.b != nil && ndcg.difference == ndcg.b! - ndcg.a!)
        let text = try Self.mist(["runs", tiny, "--compare", runs[0].id, runs[1].id], in: scratch.root)
        #expect(text.status == 0 && text.output.contains("B − A") && text.output.contains("learning-rate"), "\(text)")
    }

    @Test func aStoppedRunIsContinuedByIdInItsOwnFolder() throws {
        let scratch = try HostileScratch()
        let tiny = try scratch.tinyDataset()
        let root = scratch.root + "/elsewhere"
        // A run stopped after 3 steps, as Ctrl-C leaves it.
        let dataset = try Dataset.load(from: tiny)
        let split = Split(dataset: dataset, seed: Split.defaultSeed)
        var h = Hyperparameters()
        h.maxEpochs = 2; h.dimension = 8; h.heads = 1; h.threads = 1; h.batchSize = 16
        let recorder = try RunRecorder.start(root: root, source: "test", datasetPath: tiny, dataset: dataset, split: split, hyperparameters: h)
        let asked = Mutex(0)
        let stopped = Trainer(dataset: dataset, split: split, hyperparameters: h)
            .train(cancelled: { asked.withLock { $0 += 1; return $0 > 3 } }, observer: recorder.observe)
        try recorder.finish(stopped, dataset: dataset, split: split)
        #expect(try RunStore.read(folder: recorder.folder).record.status == .stopped)

        let resumed = try Self.mist(["train", tiny, "--runs", root, "--resume", recorder.id], in: scratch.root)
        #expect(resumed.status == 0, "\(resumed)")
        #expect(resumed.output.contains("resuming run \(recorder.id)"))
        let run = try RunStore.read(folder: recorder.folder)
        #expect(run.record.status == .finished && !run.record.isResumable)
        #expect(RunStore.list(root: root).count == 1, "continued in its own folder")
        let whole = Trainer(dataset: dataset, split: split, hyperparameters: h).train()
        let (model, _) = try Checkpoint.load(from: URL(fileURLWithPath: run.modelPath), dataset: dataset)
        #expect(model.weights == whole.model.weights, "the same weights as a run that never stopped")

        let unknown = try Self.mist(["train", tiny, "--runs", root, "--resume", "nosuchrun"], in: scratch.root)
        #expect(unknown.status != 0 && unknown.output.contains("no run \"nosuchrun\""), "\(unknown)")
    }

    @Test func compareTakesExactlyTwoRuns() {
        #expect(throws: (any Error).self) { try Mist.parseAsRoot(["runs", "sample-data", "--compare", "a"]) }
        #expect(throws: (any Error).self) { try Mist.parseAsRoot(["runs", "sample-data", "--compare", "a", "b", "c"]) }
        #expect((try? Mist.parseAsRoot(["runs", "sample-data", "--compare", "a", "b"])) is RunsCommand)
    }
}
