import TerminalUI
import Testing
@testable import Explorer

/// Whole-screen snapshots of Ctrl-S's states: the path prompt on the status line and the overwrite
/// question, at 80×24 and 200×60.
@Suite struct ExportSnapshotTests {
    @Test(arguments: [(80, 24), (200, 60)])
    func promptAndOverwriteQuestion(width: Int, height: Int) throws {
        var state = Fixtures.state(width: width, height: height)
        Fixtures.press(.control("s"), into: &state)
        Snapshot.expect(Fixtures.frame(state), named: "export-prompt-\(width)x\(height)")
        let job = try #require(state.export?.job)
        Fixtures.press(.enter, into: &state)
        _ = update(&state, .exportNeedsConfirmation(job, existing: ["/home/analyst/mist-users.csv"]))
        Snapshot.expect(Fixtures.frame(state), named: "export-overwrite-\(width)x\(height)")
    }

    @Test func attentionPromptAt80x24() {
        var state = Fixtures.state()
        Fixtures.press(.character("3"), .control("s"), into: &state)
        Snapshot.expect(Fixtures.frame(state), named: "export-prompt-attention-80x24")
    }
}
