import InterestData
import InterestModel
import TerminalUI
import Testing
@testable import Explorer

/// Issue 10: the Interests screen's similarity matrix (TerminalUITests' `HeatmapScalesTests`
/// checks the widget itself).
@Suite struct SimilarityDefectTests {
    /// The Interests similarity matrix: negatives right-aligned with "−", inactive pairs "·",
    /// 0 without colour; under NO_COLOR no strong shade for 0.
    @Test func similarityMatrixNegativesZerosAndNoColour() throws {
        var state = Fixtures.state(width: 132, height: 40)
        let d = Fixtures.data.directory
        // A user active in two or three scenes, so some pairs have no similarity.
        let u = try #require((0..<d.userCount).first { d.activeSceneCount(user: $0) == 2 })
        state.users.scroll.select(state.users.order.firstIndex(of: Int32(u))!, count: state.users.count, visibleRows: state.usersVisibleRows)
        Fixtures.press(.character("2"), into: &state)
        let frame = Fixtures.frame(state)
        let top = try #require(frame.find("similarity of the scene interest vectors")).y
        let rows = (top + 2..<top + 6).map { frame.line($0) }
        #expect(rows.allSatisfy { !$0.contains("-0.") && !$0.contains("-1.") })
        #expect(rows.contains { $0.contains("·") })
        let plain = Fixtures.frame(state, colorMode: .none)
        let plainRows = (top + 2..<top + 6).map { plain.line($0) }
        #expect(plainRows.allSatisfy { !$0.contains("▓0.00") && !$0.contains("▓·") })
    }
}
