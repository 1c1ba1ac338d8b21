import Foundation
import InterestData
import InterestModel
import Testing
@testable import Explorer

/// The real `mist` in tmux: Ctrl-S on the Attention screen writes the matrix into the directory
/// the explorer was started in, a second Ctrl-S to the same name asks before replacing it, and
/// `y` puts the matrix as TSV on the clipboard with OSC 52, which tmux takes into its paste
/// buffer (with `set-clipboard on`).
@Suite(.enabled(if: TmuxDriver.tmuxAvailable, "tmux is not installed"), .serialized)
struct ExportEndToEndTests {
    @Test func ctrlSWritesTheAttentionMatrixAndYCopiesIt() throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("mist-e2e-export-\(getpid())")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let (checkpoint, model) = try ExplorerEndToEndTests.writeCheckpoint(in: scratch)
        let tmux = try TmuxDriver(arguments: [try TmuxDriver.mistBinary(), "explore", Fixtures.sampleDirectory, "--model", checkpoint],
                                  width: 120, height: 36, environment: ["NO_COLOR": ""], currentDirectory: scratch.path)
        defer { tmux.close() }
        _ = try TmuxDriver.run(["tmux", "-L", tmux.socket, "set-option", "-g", "set-clipboard", "on"])
        try tmux.waitFor(text: "Users · 1000 of 1000")

        try tmux.send("3")
        try tmux.waitFor(text: "learned (row = target, column = source)")
        let user = Fixtures.data.userIDs[0]
        let name = "mist-attention-\(user)-head-average-plain.csv"
        try tmux.send("C-s")
        try tmux.waitFor(text: "export to: \(name)")
        try tmux.send("Enter")
        try tmux.waitFor(text: "wrote the attention matrix")
        let dataset = Fixtures.data.dataset
        let explanation = model.explain(user: 0, interactions: model.profile(ofUser: 0, in: dataset, split: nil), in: dataset)
        let ids = dataset.scenes.map(\.id)
        let written = try String(contentsOfFile: scratch.appendingPathComponent(name).path, encoding: .utf8)
        #expect(written == AttentionExport.text(matrix: explanation.attention.average, sceneIDs: ids, format: .csv))

        // The default is now a new name; typing the old one asks before replacing it, and n keeps it.
        try tmux.send("C-s")
        try tmux.waitFor(text: "export to: mist-attention-\(user)-head-average-plain-2.csv")
        try tmux.send("C-u")
        try tmux.type(name)
        try tmux.send("Enter")
        try tmux.waitFor(text: "already exists")
        try tmux.send("n")
        try tmux.send("Escape")
        try tmux.waitFor(text: "export cancelled")
        #expect(try String(contentsOfFile: scratch.appendingPathComponent(name).path, encoding: .utf8) == written)

        // y: the same matrix as TSV, through OSC 52 into tmux's paste buffer.
        try tmux.send("y")
        try tmux.waitFor(text: "copied the attention matrix (4×4, TSV)")
        let tsv = AttentionExport.text(matrix: explanation.attention.average, sceneIDs: ids, format: .tsv)
        let buffer = try TmuxDriver.poll(timeout: 10, otherwise: { "tmux has no paste buffer" }) {
            let shown = try TmuxDriver.run(["tmux", "-L", tmux.socket, "show-buffer"])
            return shown.status == 0 ? shown.output : nil
        }
        #expect(buffer.trimmingCharacters(in: .newlines) == tsv.trimmingCharacters(in: .newlines))

        try tmux.send("q")
        #expect(try tmux.waitForExit() == .init(status: 0, terminalRestored: true))
    }
}
