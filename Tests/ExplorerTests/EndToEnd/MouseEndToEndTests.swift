import Foundation
import Testing
@testable import Explorer

/// The real `mist` in tmux with the mouse: curses turns the terminal's mouse reporting on (tmux
/// shows the pane's mouse modes), an SGR mouse click on a tab (the bytes a terminal sends) shows
/// that screen, and `M` turns the reporting off and on again in the terminal itself.
@Suite(.enabled(if: TmuxDriver.tmuxAvailable, "tmux is not installed"), .serialized)
struct MouseEndToEndTests {
    /// The pane's mouse modes as tmux sees them: 1 when the program asked for button events.
    static func mouseReporting(_ tmux: TmuxDriver) throws -> Bool {
        let flags = try TmuxDriver.run(["tmux", "-L", tmux.socket, "display-message", "-p", "-t", "0", "#{mouse_standard_flag}#{mouse_button_flag}#{mouse_any_flag}"])
        return flags.output.contains("1")
    }

    @Test func clickingATabAndTurningTheMouseOff() throws {
        let tmux = try TmuxDriver(arguments: [try TmuxDriver.mistBinary(), "explore", Fixtures.sampleDirectory],
                                  width: 100, height: 30, environment: ["NO_COLOR": ""])
        defer { tmux.close() }
        let screen = try tmux.waitFor(text: "Users · 1000 of 1000")
        #expect(try Self.mouseReporting(tmux))
        // The column of "5 Training" on the tab bar (ASCII and │ there: one column per character).
        let tabs = try #require(screen.split(separator: "\n", omittingEmptySubsequences: false).first.map(String.init))
        let range = try #require(tabs.range(of: "5 Training"))
        let column = tabs.distance(from: tabs.startIndex, to: range.lowerBound) + 2  // 1-based, inside the title
        try tmux.type("\u{1B}[<0;\(column);1M\u{1B}[<0;\(column);1m")
        try tmux.waitFor(text: "Settings")

        try tmux.send("M")
        try tmux.waitFor(text: "mouse off")
        _ = try TmuxDriver.poll(timeout: 5, otherwise: { "the terminal still reports the mouse after M" }) { try Self.mouseReporting(tmux) ? nil : true }
        try tmux.send("M")
        try tmux.waitFor(text: "mouse on")
        _ = try TmuxDriver.poll(timeout: 5, otherwise: { "the terminal does not report the mouse after M again" }) { try Self.mouseReporting(tmux) ? true : nil }

        try tmux.send("q")
        #expect(try tmux.waitForExit() == .init(status: 0, terminalRestored: true))
    }
}
