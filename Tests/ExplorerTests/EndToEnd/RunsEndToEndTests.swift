import Foundation
import InterestData
import InterestModel
import Testing
@testable import Explorer

/// Issue 10's end-to-end run: the real `mist` in tmux trains twice with different settings, shows
/// both runs in the run list with their curves overlaid, exports the attention matrix with Ctrl-S
/// (the file is checked), and `mist runs --compare` compares the two runs.
@Suite(.enabled(if: TmuxDriver.tmuxAvailable, "tmux is not installed"), .serialized)
struct RunsEndToEndTests {
    @Test func trainTwiceOverlayBothRunsAndCompareThem() throws {
        let scratch = try HostileScratch()
        let tiny = try scratch.tinyDataset()
        let root = scratch.root + "/runs"
        let tmux = try TmuxDriver(arguments: [try TmuxDriver.mistBinary(), "explore", tiny, "--runs", root], width: 120, height: 36,
                                  environment: ["NO_COLOR": "1"], currentDirectory: scratch.root)
        defer { tmux.close() }
        try tmux.waitFor(text: "Users · ")
        try tmux.send("5")
        try tmux.waitFor(text: "Settings")
        try tmux.send("t")
        try tmux.waitFor(text: "finished:", timeout: 120)
        // Another setting (dimension 32 → 24), another run.
        try tmux.send("h", "t", "R")
        let both = try tmux.waitFor("two finished runs in the list", timeout: 120) { $0.components(separatedBy: "finished").count - 1 >= 3 }
        #expect(both.contains("dimension=24"), "the second run's setting in the HParams table: \(both)")
        let runs = RunStore.list(root: root)
        #expect(runs.count == 2 && runs.allSatisfy { $0.record.status == .finished && $0.record.source == "explorer" })
        guard runs.count == 2 else { return }
        try tmux.send("m", "j", "m")
        let overlaid = try tmux.waitFor("both runs in the legends") {
            $0.contains("+ \(runs[0].id.suffix(4))") && $0.contains("× \(runs[1].id.suffix(4))")
        }
        #expect(overlaid.contains("Loss per step"))
        // The attention matrix of the model in use, as data: Ctrl-S, accept the proposed name.
        try tmux.send("3")
        try tmux.waitFor(text: "learned")
        try tmux.send("C-s")
        try tmux.waitFor(text: "export to: mist-attention-")
        try tmux.send("Enter")
        try tmux.waitFor(text: "wrote the attention matrix")
        let files = try FileManager.default.contentsOfDirectory(atPath: scratch.root).filter { $0.hasPrefix("mist-attention-") && $0.hasSuffix(".csv") }
        #expect(files.count == 1, "\(files)")
        if let file = files.first {
            let lines = try String(contentsOfFile: scratch.root + "/" + file, encoding: .utf8).split(separator: "\n").map { $0.split(separator: ",") }
            let dataset = try Dataset.load(from: tiny)
            let ids = dataset.scenes.map(\.id)
            #expect(lines.first.map { Array($0.dropFirst()).map(String.init) } == ids, "scene ids head the columns")
            #expect(lines.dropFirst().map { String($0[0]) } == ids, "and the rows")
            for row in lines.dropFirst() {
                let sum = row.dropFirst().compactMap { Double($0) }.reduce(0, +)
                #expect(row.count == ids.count + 1 && (abs(sum - 1) < 1e-3 || sum == 0), "an attention row sums to 1 (or 0 without history): \(row)")
            }
        }
        try tmux.send("q")
        #expect(try tmux.waitForExit() == .init(status: 0, terminalRestored: true))

        let compared = try HostileRunner.mist(["runs", tiny, "--runs", root, "--compare", runs[0].id, runs[1].id], seconds: 60)
        #expect(compared.status == 0, "\(compared)")
        let dimension = compared.output.split(separator: "\n").first { $0.hasPrefix("dimension") }.map(String.init) ?? ""
        #expect(dimension.contains("32") && dimension.contains("24") && dimension.hasSuffix("*"), "\(compared.output)")
    }
}
