import Foundation
import InterestModel
import Testing

/// `mist train` stopped with Ctrl-C saves a checkpoint that `--resume` continues to the very
/// same model as a run that was never stopped (issue 12), driven through the built binary.
@Suite struct TrainResumeEndToEndTests {
    /// The model's tensors and the metadata that describes them (not the training state, which
    /// only the stopped run's checkpoint has).
    static func model(_ path: String) throws -> ([String: StoredTensor], [String: String]) {
        let file = try SafeTensors.read(from: URL(fileURLWithPath: path))
        return (file.tensors.filter { !$0.key.hasPrefix("training.") }, file.metadata.filter { $0.key != "training.state" })
    }

    @Test func interruptedThenResumedEqualsUninterrupted() throws {
        let scratch = try HostileScratch()
        let data = scratch.root + "/gen"
        let generated = try HostileRunner.mist(["generate", data, "--users", "120", "--seed", "5"], seconds: 60)
        #expect(generated.status == 0, "\(generated)")
        let settings = ["--dimension", "8", "--heads", "1", "--history-length", "10", "--batch-size", "32", "--epochs", "4", "--patience", "10", "--threads", "2"]
        let whole = scratch.root + "/whole.safetensors", part = scratch.root + "/part.safetensors"
        let resumed = scratch.root + "/resumed.safetensors"

        let started = Date()
        let uninterrupted = try HostileRunner.mist(["train", data, "--out", whole] + settings, seconds: 300)
        let seconds = Date().timeIntervalSince(started)
        #expect(uninterrupted.status == 0, "\(uninterrupted)")

        // Ctrl-C half way: it stops after the current step, saves with its state and exits 0.
        let stopped = try HostileRunner.mist(["train", data, "--out", part] + settings, seconds: 300, interruptAfter: seconds / 2)
        #expect(stopped.status == 0, "\(stopped)")
        try #require(stopped.output.contains("--resume"), "the run ended before Ctrl-C (\(seconds) s): nothing was tested\n\(stopped)")
        #expect(try SafeTensors.read(from: URL(fileURLWithPath: part)).metadata["training.state"] != nil)

        let continued = try HostileRunner.mist(["train", data, "--resume", part, "--out", resumed], seconds: 300)
        #expect(continued.status == 0, "\(continued)")
        #expect(continued.output.contains("resuming"))
        let (wholeTensors, wholeMeta) = try Self.model(whole)
        let (resumedTensors, resumedMeta) = try Self.model(resumed)
        #expect(wholeTensors.keys.sorted() == resumedTensors.keys.sorted())
        for (name, tensor) in wholeTensors {
            #expect(resumedTensors[name]?.values.map(\.bitPattern) == tensor.values.map(\.bitPattern), "\(name) differs")
        }
        #expect(resumedMeta == wholeMeta)
        // A finished run has nothing left to resume.
        let again = try HostileRunner.mist(["train", data, "--resume", resumed, "--out", resumed], seconds: 60)
        #expect(again.isCleanRefusal && again.output.contains("no training state to resume"), "\(again)")
    }
}
