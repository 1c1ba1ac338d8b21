import Foundation
import InterestData
import InterestModel
import Testing
@testable import Explorer

/// Issue 10's end-to-end run: the real `mist` in tmux trains twice with different settings, shows
/// both runs in the run list with their curves overlaid, and `mist runs --compare` compares them.
@Suite(.enabled(if: TmuxDriver.tmuxAvailable, "tmux is not installed"), .serialized)
struct RunsEndToEndTests {
    @Test func trainTwiceOverlayBothRunsAndCompareThem() throws {
        let scratch = try HostileScratch()
        let tiny = try scratch.tinyDataset()
        let root = scratch.root + "/runs"
        let tmux = try TmuxDriver(arguments: [try TmuxDriver.mistBinary(), "explore", tiny, "--runs", root], width: 120, height: 36,
                                  environment: ["NO_COLOR": "1"])
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
        try tmux.send("q")
        #expect(try tmux.waitForExit() == .init(status: 0, terminalRestored: true))

        let compared = try HostileRunner.mist(["runs", tiny, "--runs", root, "--compare", runs[0].id, runs[1].id], seconds: 60)
        #expect(compared.status == 0, "\(compared)")
        let dimension = compared.output.split(separator: "\n").first { $0.hasPrefix("dimension") }.map(String.init) ?? ""
        #expect(dimension.contains("32") && dimension.contains("24") && dimension.hasSuffix("*"), "\(compared.output)")
    }
}
