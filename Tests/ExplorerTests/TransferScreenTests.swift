import InterestModel
import TerminalUI
import Testing
@testable import Explorer

@Suite struct TransferScreenTests {
    @Test(arguments: [(80, 24), (132, 40)])
    func stepsThroughIterationsWithSharesAndMoves(width: Int, height: Int) throws {
        var state = Fixtures.state(width: width, height: height)
        Fixtures.press(.character("4"), into: &state)
        let trace = try #require(state.model?.trace)
        #expect(trace.target == 0)
        var frame = Fixtures.frame(state)
        #expect(frame.text.contains("step k = 0 of 2"))
        let first = trace.topItemsByIteration[0][0]
        #expect(frame.text.contains(formatNumber(Double(first.score), decimals: 2)))

        Fixtures.press(.right, into: &state)
        #expect(state.transfer.step == 1)
        frame = Fixtures.frame(state)
        #expect(frame.text.contains("step k = 1 of 2"))
        let top = trace.topItemsByIteration[1][0]
        // Shares add up to the score minus the bias (MODEL-SPEC section 3).
        #expect(abs(top.shares.reduce(0, +) + top.bias - top.score) < 1e-3)
        #expect(frame.text.contains(formatNumber(Double(top.shares[0]), decimals: 2)))
        // Moves against step 0: each row shows =, ↑n, ↓n or new.
        let moves = frame.lines.filter { $0.contains("=") || $0.contains("↑") || $0.contains("↓") || $0.contains("new") }
        #expect(!moves.isEmpty)
        Fixtures.press(.right, .right, into: &state)
        #expect(state.transfer.step == 2)
        Fixtures.press(.character("h"), into: &state)
        #expect(state.transfer.step == 1)
    }

    @Test func targetSwitchRecomputesTheTrace() throws {
        var state = Fixtures.state(width: 132, height: 40)
        Fixtures.press(.character("4"), .character("t"), into: &state)
        #expect(state.transfer.target == 1)
        #expect(state.model?.trace?.target == 1)
        #expect(Fixtures.frame(state).text.contains("into \(Fixtures.data.dataset.scenes[1].name)"))
        Fixtures.press(.character("T"), .character("T"), into: &state)
        #expect(state.transfer.target == 3)
    }

    @Test func playAdvancesOnTicksUntilTheLastStep() {
        var state = Fixtures.state()
        Fixtures.press(.character("4"), into: &state)
        let commands = Fixtures.press(.character(" "), into: &state)
        guard case .after(_, .playTick(let id)) = commands[0] else { Issue.record("play schedules a tick"); return }
        #expect(Fixtures.frame(state).text.contains("▶ playing"))
        _ = update(&state, .playTick(id: id))
        #expect(state.transfer.step == 1)
        _ = update(&state, .playTick(id: id))
        #expect(state.transfer.step == 2 && state.transfer.playID == nil)
        // A stale tick does nothing.
        _ = update(&state, .playTick(id: id))
        #expect(state.transfer.step == 2)
    }
}
