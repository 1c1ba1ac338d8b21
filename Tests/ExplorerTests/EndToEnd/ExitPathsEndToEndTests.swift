import Foundation
import Testing

/// The terminal must come back usable however the explorer ends: Ctrl-C (which curses' raw mode
/// delivers as a key, not a signal) and SIGTERM from another terminal while training runs.
@Suite(.enabled(if: TmuxDriver.tmuxAvailable, "tmux is not installed"), .serialized)
struct ExitPathsEndToEndTests {
    func openSampleData() throws -> TmuxDriver {
        let tmux = try TmuxDriver(arguments: [try TmuxDriver.mistBinary(), "explore", Fixtures.sampleDirectory],
                                  width: 100, height: 30, environment: ["NO_COLOR": ""])
        try tmux.waitFor(text: "Users · 1000 of 1000")
        return tmux
    }

    @Test func ctrlCQuitsAndRestoresTheTerminal() throws {
        let tmux = try openSampleData()
        defer { tmux.close() }
        try tmux.send("C-c")
        #expect(try tmux.waitForExit() == .init(status: 0, terminalRestored: true))
    }

    @Test func sigtermDuringTrainingRestoresTheTerminal() throws {
        let tmux = try openSampleData()
        defer { tmux.close() }
        try tmux.send("5")
        try tmux.waitFor(text: "Settings")
        try tmux.send("t")
        try tmux.waitFor("training to run") { $0.contains(/epoch \d+\/\d+ · step/) }
        try tmux.signal(SIGTERM)
        #expect(try tmux.waitForExit() == .init(status: 128 + SIGTERM, terminalRestored: true))
    }
}
