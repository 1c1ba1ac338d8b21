import Foundation
import Testing

/// Terminals that fight back (issue 9): TERM=dumb, a non-UTF-8 locale, a stop and `fg` behind the
/// explorer's back, and SIGTERM to an explorer stopped in the background.
@Suite(.enabled(if: TmuxDriver.tmuxAvailable, "tmux is not installed"), .serialized)
struct TerminalHostileEndToEndTests {
    /// The state letter of a process in /proc (R, S, T for stopped, Z), or nil when it is gone.
    static func state(of pid: pid_t) -> Character? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = text.lastIndex(of: ")") else { return nil }
        return text[text.index(close, offsetBy: 2)...].first
    }

    static func waitUntil(_ seconds: Double, _ condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if condition() { return true }
            usleep(50_000)
        }
        return condition()
    }

    @Test func dumbTerminalSaysWhatIsWrong() throws {
        let tmux = try TmuxDriver(arguments: [try TmuxDriver.mistBinary(), "explore", Fixtures.sampleDirectory],
                                  width: 100, height: 30, environment: ["TERM": "dumb"])
        defer { tmux.close() }
        let exit = try tmux.waitForExit(timeout: 30)
        #expect(exit.status == 1)
        #expect(exit.terminalRestored)
        #expect(try tmux.screen().contains("TERM=dumb cannot move the cursor"))
    }

    @Test func nonUTF8LocaleSaysSoAndDrawsASCII() throws {
        let tmux = try TmuxDriver(arguments: [try TmuxDriver.mistBinary(), "explore", Fixtures.sampleDirectory],
                                  width: 100, height: 30, environment: ["LANG": "C", "LC_ALL": "C", "NO_COLOR": ""])
        defer { tmux.close() }
        // Wait for the whole frame (its status line), not the tab bar: a capture taken while the
        // first frame is still being written showed only its first two rows.
        let screen = try tmux.waitFor(text: "not UTF-8")
        #expect(screen.contains("+-") || screen.contains("-+"), "ASCII borders:\n\(screen)")
        #expect(!screen.contains("─") && !screen.contains("╭"))
        try tmux.send("C-c")
        #expect(try tmux.waitForExit().terminalRestored)
    }

    @Test func stopAndContinueReentersRawModeAndRedraws() throws {
        let tmux = try TmuxDriver(arguments: [try TmuxDriver.mistBinary(), "explore", Fixtures.sampleDirectory],
                                  width: 100, height: 30, environment: ["NO_COLOR": ""])
        defer { tmux.close() }
        try tmux.waitFor(text: "Users · 1000 of 1000")
        let pid = try tmux.pid()
        try tmux.signal(SIGSTOP)
        #expect(Self.waitUntil(10) { Self.state(of: pid) == "T" })
        // What a shell does when a job stops: line mode back, and its own output over the screen.
        let tty = try tmux.paneTTY()
        _ = try TmuxDriver.run(["sh", "-c", "stty sane < \(tty); printf '\\033[2J\\033[Hstale' > \(tty)"])
        try tmux.waitFor(text: "stale")
        try tmux.signal(SIGCONT)
        try tmux.waitFor("a full redraw") { $0.contains("Users · 1000 of 1000") && !$0.contains("stale") }
        // Raw mode again: a single key without Enter switches the screen.
        try tmux.send("5")
        try tmux.waitFor(text: "Settings")
        try tmux.send("C-c")
        #expect(try tmux.waitForExit() == .init(status: 0, terminalRestored: true))
    }

    @Test func sigtermToAnExplorerStoppedInTheBackgroundEndsIt() throws {
        let pidFile = NSTemporaryDirectory() + "mist-bg-pid-\(getpid())-\(UUID().uuidString.prefix(6))"
        defer { try? FileManager.default.removeItem(atPath: pidFile) }
        // A job-control shell starts the explorer in the background on a tty with `tostop`: a
        // background process that writes to it (as endwin does) is stopped by SIGTTOU.
        let script = "stty tostop; set -m; \"$0\" \"$@\" & echo $! > \(TmuxDriver.shellQuoted(pidFile)); wait; sleep 30"
        let tmux = try TmuxDriver(arguments: ["sh", "-c", script, try TmuxDriver.mistBinary(), "explore", Fixtures.sampleDirectory],
                                  width: 100, height: 30, environment: ["NO_COLOR": ""])
        defer { tmux.close() }
        let pid = try TmuxDriver.poll(timeout: 10, otherwise: { "no pid" }) {
            (try? String(contentsOfFile: pidFile, encoding: .utf8)).flatMap { pid_t($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        }
        // Let it get as far as it can in the background (loading, then curses or a stop).
        _ = Self.waitUntil(8) { Self.state(of: pid) == "T" }
        kill(pid, SIGTERM)
        kill(pid, SIGCONT)
        let ended = Self.waitUntil(10) { let s = Self.state(of: pid); return s == nil || s == "Z" }
        #expect(ended, "still \(Self.state(of: pid).map(String.init) ?? "gone") after SIGTERM: blocked on the tty in the handler")
        if !ended { kill(pid, SIGKILL) }
    }
}
