import TerminalUI
import Testing
@testable import Explorer

/// Whole-buffer snapshots of the Cases screen: the report with its table and the selected case's
/// detail, and the table filtered to the model's losses.
@Suite struct CasesSnapshotTests {
    @Test(arguments: [(80, 24), (200, 60)])
    func reportWithDetail(width: Int, height: Int) {
        var state = CasesScreenTests.withReport(width: width, height: height)
        state.status = nil
        Fixtures.press(.down, .down, into: &state)
        Snapshot.expect(Fixtures.frame(state), named: "cases-\(width)x\(height)")
    }

    @Test(arguments: [(80, 24), (200, 60)])
    func filteredToLossesSortedByTheModelsRank(width: Int, height: Int) {
        var state = CasesScreenTests.withReport(width: width, height: height)
        Fixtures.press(.character("f"), .character("f"), into: &state)
        for _ in 0..<5 { Fixtures.press(.character("s"), into: &state) }
        state.status = nil
        Snapshot.expect(Fixtures.frame(state), named: "cases-losses-\(width)x\(height)")
    }
}
