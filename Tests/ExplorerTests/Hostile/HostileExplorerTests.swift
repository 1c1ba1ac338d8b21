import Foundation
import InterestData
import InterestModel
import TerminalUI
import Testing
@testable import Explorer
@testable import mist

/// Issue 9 inside the explorer and the command code, without a subprocess.
@Suite struct HostileExplorerTests {
    /// A private copy of the sample data (so a failing guard cannot destroy the real one).
    static func copyOfSampleData() throws -> String {
        let copy = NSTemporaryDirectory() + "mist-explorer-hostile-\(getpid())-\(UUID().uuidString.prefix(6))"
        try FileManager.default.copyItem(atPath: Fixtures.sampleDirectory, toPath: copy)
        return copy
    }

    @Test func savingOverOneOfTheDatasetsFilesIsRefused() throws {
        let copy = try Self.copyOfSampleData()
        defer { try? FileManager.default.removeItem(atPath: copy) }
        var state = AppState(data: ExplorerData(dataset: Fixtures.data.dataset, directoryPath: copy), model: Fixtures.model, modelOrigin: "test")
        _ = update(&state, .resized(width: 100, height: 30))
        let before = try Data(contentsOf: URL(fileURLWithPath: copy + "/items.csv"))
        Fixtures.press(.character("5"), .character("w"), .control("u"), into: &state)
        for c in copy + "/../" + PathParts.split(copy).name + "/items.csv" { Fixtures.press(.character(c), into: &state) }
        for effects in Fixtures.press(.enter, into: &state) {
            // The runner checks the path before writing (file-system IO is the runner's).
            for message in Fixtures.perform(effects, data: state.data) { _ = update(&state, message) }
        }
        #expect(state.status?.isError == true)
        #expect(state.status?.text.contains("it is the dataset's own items.csv") == true, "\(state.status?.text ?? "")")
        #expect(try Data(contentsOf: URL(fileURLWithPath: copy + "/items.csv")) == before)
    }

    @Test func aBrokenTruthIsShownOnTheAttentionScreenInsteadOfThePlantedMatrix() throws {
        let copy = try Self.copyOfSampleData()
        defer { try? FileManager.default.removeItem(atPath: copy) }
        try Data("{\"scenes\": [\"news\"]}".utf8).write(to: URL(fileURLWithPath: copy + "/truth.json"))
        let dataset = try Dataset.load(from: copy)
        #expect(dataset.truth == nil)
        var state = AppState(data: ExplorerData(dataset: dataset, directoryPath: copy))
        _ = update(&state, .resized(width: 100, height: 30))
        Fixtures.press(.character("3"), into: &state)
        let text = Fixtures.frame(state).text
        #expect(text.contains("The planted matrix cannot be shown"), "\(text)")
        #expect(text.contains("transfer"))
    }

    @Test func fourDecimalsOfNegativeAndHugeNumbers() {
        #expect(String(format4: -0.25) == "-0.2500")
        #expect(String(format4: -3.14159) == "-3.1416")
        #expect(String(format4: 0.00004) == "0.0000")
        #expect(String(format4: 1.5) == "1.5000")
        #expect(String(format4: .nan) == "nan")
        #expect(String(format4: 1e300) == "1e+300")
    }

    @Test func aFailedCheckpointWriteIsNotCalledUnreadable() throws {
        let path = NSTemporaryDirectory() + "mist-no-such-folder-\(getpid())/model.safetensors"
        let info = CheckpointInfo(hyperparameters: Fixtures.model.hyperparameters, splitSeed: 42)
        do {
            try Checkpoint.save(Fixtures.model, info: info, dataset: Fixtures.data.dataset, to: URL(fileURLWithPath: path))
            Issue.record("saved into a folder that does not exist")
        } catch let error as CheckpointError {
            guard case .unwritable = error else { Issue.record("reported as \(error)"); return }
            #expect(error.description.contains("cannot write"))
            #expect(error.description.contains("does not exist"))
        }
    }
}
