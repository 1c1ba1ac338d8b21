import Foundation
import InterestData
import InterestModel
import TerminalUI
import Testing
@testable import Explorer

/// The real `mist` binary in tmux, driven like a person would: open the sample data with a
/// checkpoint, read a heatmap cell, train, watch the loss chart move, pause, resize, quit while
/// training (confirming), and check the process exited cleanly with the terminal restored.
@Suite(.enabled(if: TmuxDriver.tmuxAvailable, "tmux is not installed"), .serialized)
struct ExplorerEndToEndTests {
    /// A small model (fast steps even in a debug build) saved as a checkpoint for the sample data.
    static func writeCheckpoint(in directory: URL) throws -> (path: String, model: TransferModel) {
        var h = Hyperparameters()
        h.dimension = 8
        h.historyLength = 10
        h.batchSize = 32
        h.threads = 1
        h.seed = 11
        let dataset = Fixtures.data.dataset
        let parameters = ModelParameters(hyperparameters: h, itemCount: dataset.itemCount, topicCount: dataset.topicCount, sceneCount: dataset.sceneCount)
        let model = TransferModel(parameters: parameters, dataset: dataset)
        let url = directory.appendingPathComponent("small.safetensors")
        try Checkpoint.save(model, info: CheckpointInfo(hyperparameters: h, splitSeed: 42), dataset: dataset, to: url)
        return (url.path, model)
    }

    /// N of "Loss · step N loss 0.6931" in the loss chart's title (0 before the first step).
    static func stepsShown(on screen: String) -> Int {
        guard let match = screen.firstMatch(of: /step (\d+) loss/) else { return 0 }
        return Int(match.1) ?? 0
    }

    @Test func exploreTrainPauseAndQuitWhileTraining() throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("mist-e2e-model-\(getpid())")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let (checkpoint, model) = try Self.writeCheckpoint(in: scratch)

        let tmux = try TmuxDriver(arguments: [try TmuxDriver.mistBinary(), "explore", Fixtures.sampleDirectory, "--model", checkpoint,
                                                          "--runs", scratch.path + "/runs"],
                                  width: 120, height: 36,
                                  // The test runner's environment may carry NO_COLOR into tmux;
                                  // the user's terminal here has colour (the shade view is unit-tested).
                                  environment: ["NO_COLOR": ""])
        defer { tmux.close() }
        try tmux.waitFor(text: "Users · 1000 of 1000")

        // Attention of the first user: cursor to row 新闻, column 科技, and read the cell.
        try tmux.send("3")
        try tmux.waitFor(text: "learned (row = target, column = source)")
        try tmux.send("l")
        let labels = Fixtures.data.sceneLabels
        let screen = try tmux.waitFor(text: "\(labels[1]) → \(labels[0]):")
        let dataset = Fixtures.data.dataset
        let explanation = model.explain(user: 0, interactions: model.profile(ofUser: 0, in: dataset, split: nil), in: dataset)
        let value = formatNumber(Double(explanation.attention.average[1]), decimals: 2)
        #expect(screen.contains("[\(value)]"), "the cursor cell shows the model's value \(value)")
        #expect(screen.contains("\(labels[1]) → \(labels[0]): \(value) of attention, head average"))

        // Train: the loss chart must move (two steps reported), then pause.
        try tmux.send("5")
        try tmux.waitFor(text: "Settings")
        try tmux.send("t")
        let first = try tmux.waitFor("a training step", timeout: 30) { Self.stepsShown(on: $0) >= 1 }
        try tmux.waitFor("the loss chart to move", timeout: 30) { $0 != first && Self.stepsShown(on: $0) > Self.stepsShown(on: first) }
        try tmux.send("Space")
        try tmux.waitFor(text: "paused (Space resumes)", timeout: 20)

        // Resize while training is paused: the screen follows, and below the minimum it says so.
        try tmux.resize(width: 50, height: 12)
        try tmux.waitFor(text: "need 64×18")
        try tmux.resize(width: 100, height: 30)
        try tmux.waitFor(text: "Settings")

        // Quit while training: the explorer asks first; y quits.
        try tmux.send("q")
        try tmux.waitFor(text: "Quit anyway?")
        try tmux.send("y")
        #expect(try tmux.waitForExit() == .init(status: 0, terminalRestored: true))
    }
}
