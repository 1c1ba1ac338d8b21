import InterestData
import InterestModel
import TerminalUI
import Testing
@testable import Explorer

/// Whole-screen snapshots (80×24 and 200×60) of every screen and state issue 10's messages and
/// defects touched: the users table with its legend and capped bars, the interests screen's
/// similarity matrix, the attention screen (plain; off-diagonal with learned − planted), the
/// message log and a long error in the status line.
@Suite struct Issue10SnapshotTests {
    static let sizes = [(80, 24), (200, 60)]

    @Test(arguments: sizes)
    func usersInterestsAndAttention(width: Int, height: Int) {
        var state = Fixtures.state(width: width, height: height)
        state.model?.origin = "sample-data/model.safetensors"
        Snapshot.expect(Fixtures.frame(state), named: "users-\(width)x\(height)")
        Fixtures.press(.down, .down, .character("2"), into: &state)
        Snapshot.expect(Fixtures.frame(state), named: "interests-\(width)x\(height)")
        Fixtures.press(.character("3"), .down, .right, .right, into: &state)
        Snapshot.expect(Fixtures.frame(state), named: "attention-plain-\(width)x\(height)")
        Fixtures.press(.character("v"), .character("d"), into: &state)
        Snapshot.expect(Fixtures.frame(state), named: "attention-offdiagonal-difference-\(width)x\(height)")
    }

    @Test(arguments: sizes)
    func messageLogAndALongError(width: Int, height: Int) {
        var state = Fixtures.state(width: width, height: height)
        state.clock = 23 * 3600 + 59 * 60 + 7
        _ = update(&state, .checkpointSaved(path: "runs/2026-11-30/model.safetensors"))
        state.clock += 65
        _ = update(&state, .failed(MessageLogTests.long))
        Snapshot.expect(Fixtures.frame(state), named: "status-long-error-\(width)x\(height)")
        Fixtures.press(.character("!"), into: &state)
        Snapshot.expect(Fixtures.frame(state), named: "message-log-\(width)x\(height)")
    }

    /// The status line's hints in a typing mode (only Enter and Esc, no "q quit") and on the
    /// Transfer screen, whose hints now fit whole; the notice after a sort.
    @Test(arguments: sizes)
    func hintsWhileTypingAndOnTheTransferScreen(width: Int, height: Int) {
        var state = Fixtures.state(width: width, height: height)
        Fixtures.press(.character("/"), .character("W"), .character("a"), into: &state)
        Snapshot.expect(Fixtures.frame(state), named: "users-searching-\(width)x\(height)")
        Fixtures.press(.enter, .character("s"), .character("s"), .character("s"), into: &state)
        Snapshot.expect(Fixtures.frame(state), named: "users-sorted-notice-\(width)x\(height)")
        Fixtures.press(.character("4"), into: &state)
        state.status = nil
        Snapshot.expect(Fixtures.frame(state), named: "transfer-\(width)x\(height)")
    }
}
