import Foundation
import InterestData
import InterestModel
import TerminalUI
import Testing
@testable import Explorer

@Suite struct CheckpointFlowTests {
    @Test func saveAsksThePathWritesAndLoadBringsTheModelBack() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("mist-explorer-checkpoint-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("saved.safetensors").path

        var state = Fixtures.state(width: 100, height: 30)
        Fixtures.press(.character("5"), .character("w"), into: &state)
        #expect(state.pathPrompt?.purpose == .save)
        // A new file is proposed, never the checkpoint in use (issue 10).
        #expect(Fixtures.frame(state).line(29).contains("save the model to: \(Fixtures.sampleDirectory)/model-"))
        Fixtures.press(.control("u"), into: &state)
        for c in path { Fixtures.press(.character(c), into: &state) }
        let check = Fixtures.press(.enter, into: &state)[0]
        #expect(state.pathPrompt == nil && check == [.checkSavePath(path: path)])
        var save: [Effect] = []
        for message in Fixtures.perform(check) { save += update(&state, message) }
        #expect(state.checkpointPath == path)
        for message in Fixtures.perform(save) { _ = update(&state, message) }
        #expect(state.status?.text == "saved the model to \(path)")
        #expect(FileManager.default.fileExists(atPath: path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["saved.safetensors"], "no temporary file left")

        // Load into a state without a model: every screen then explains the loaded one.
        var fresh = Fixtures.state(width: 100, height: 30, withModel: false)
        fresh.checkpointPath = path
        Fixtures.press(.character("5"), .character("o"), into: &fresh)
        let load = Fixtures.press(.enter, into: &fresh)[0]
        for message in Fixtures.perform(load) { _ = update(&fresh, message) }
        #expect(fresh.model?.origin == path)
        #expect(fresh.model?.explanation == state.model?.explanation)
        #expect(fresh.model?.splitFingerprint == Split(dataset: Fixtures.data.dataset, seed: Split.defaultSeed).fingerprint,
                "the saved checkpoint records which split the model belongs to")

        // A broken file is refused with the reason, and the model in use stays.
        try Data("not a checkpoint".utf8).write(to: URL(fileURLWithPath: path))
        let retry = Fixtures.press(.character("o"), .enter, into: &fresh)
        for message in Fixtures.perform(retry[1]) { _ = update(&fresh, message) }
        #expect(fresh.status?.isError == true)
        #expect(fresh.status?.text.contains("could not load \(path)") == true)
        #expect(fresh.model?.origin == path)
    }

    /// A model recorded as trained on another split (e.g. a split file) is not scored on the
    /// seed's test cases, which it may have trained on; the evaluation does not stay "running".
    @Test func evaluationRefusesAModelFromAnotherSplit() throws {
        var state = AppState(data: Fixtures.data, model: Fixtures.model, modelOrigin: "file split",
                             modelSplitSeed: nil, modelSplitFingerprint: "0123456789abcdef")
        _ = update(&state, .resized(width: 100, height: 30))
        let commands = Fixtures.press(.character("5"), .character("e"), into: &state)
        for message in Fixtures.perform(commands[1]) { _ = update(&state, message) }
        #expect(state.model?.comparison.isEmpty == true)
        #expect(state.model?.evaluationStatus == nil)
        #expect(state.status?.isError == true)
        #expect(state.status?.text.contains("trained on another split (roles 0123456789abcdef)") == true)
    }
}
