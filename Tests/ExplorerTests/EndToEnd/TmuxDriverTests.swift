import Foundation
import Testing

/// The end-to-end checks are only as good as the driver's ability to notice a broken exit, so the
/// driver is tested on programs whose behaviour is known.
@Suite(.enabled(if: TmuxDriver.tmuxAvailable, "tmux is not installed"))
struct TmuxDriverTests {
    @Test func seesTypedTextAndACleanExit() throws {
        let tmux = try TmuxDriver(arguments: ["cat"], width: 40, height: 5)
        defer { tmux.close() }
        try tmux.type("hello 新闻")
        try tmux.send("Enter")
        try tmux.waitFor(text: "hello 新闻")
        try tmux.send("C-d")
        #expect(try tmux.waitForExit() == .init(status: 0, terminalRestored: true))
    }

    @Test func noticesATerminalLeftRaw() throws {
        let tmux = try TmuxDriver(arguments: ["sh", "-c", "stty -icanon -echo; exit 3"], width: 40, height: 5)
        defer { tmux.close() }
        #expect(try tmux.waitForExit() == .init(status: 3, terminalRestored: false))
    }
}

extension TmuxDriverTests {
    @Test func signalsReachTheProgramItself() throws {
        let tmux = try TmuxDriver(arguments: ["sleep", "30"], width: 40, height: 5)
        defer { tmux.close() }
        try tmux.signal(SIGTERM)
        #expect(try tmux.waitForExit() == .init(status: 128 + SIGTERM, terminalRestored: true))
    }
}
