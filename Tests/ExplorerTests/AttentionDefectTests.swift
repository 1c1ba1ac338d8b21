import InterestData
import InterestModel
import TerminalUI
import Testing
@testable import Explorer

/// Issue 10's defects on the Attention screen: the planted matrix in the view of the learned one
/// with their agreement and a difference view, `a` saying what it did, the plain view's row in
/// words, and cells that grow with the window.
@Suite struct AttentionDefectTests {
    /// The planted matrix is shown in the view of the learned one (renormalised without the
    /// diagonal in the off-diagonal view), with Spearman's ρ over the off-diagonal cells, and `d`
    /// shows learned − planted.
    @Test func plantedMatrixInTheSameViewWithAgreementAndDifference() throws {
        var state = Fixtures.state(width: 132, height: 40)
        Fixtures.press(.character("3"), .right, .character("v"), into: &state)
        #expect(state.attention.view == .offDiagonal)
        let truth = try #require(Fixtures.data.dataset.truth).transfer
        let rowWithoutDiagonal = truth[0][1] + truth[0][2] + truth[0][3]
        let renormalised = truth[0][1] / rowWithoutDiagonal
        let frame = Fixtures.frame(state)
        #expect(frame.text.contains("Planted share for this cell: \(formatNumber(renormalised, decimals: 2)) (off-diagonal view"))
        // The planted map's cursor cell shows the renormalised share too.
        #expect(frame.text.contains("[\(formatNumber(renormalised, decimals: 2))]"))
        let learned = try AttentionScreen.matrix(state).get()
        let rho = try #require(AttentionScreen.agreement(state, learned: learned))
        #expect(frame.text.contains("Spearman ρ = \(formatNumber(rho, decimals: 2)) over the 12 off-diagonal cells"))
        #expect(frame.text.contains("planted (truth.json, off-diagonal view"))
        // Spearman itself: perfect, reversed, ties.
        #expect(spearmanRho([1, 2, 3, 4], [10, 20, 30, 40]) == 1)
        #expect(spearmanRho([1, 2, 3, 4], [4, 3, 2, 1]) == -1)
        #expect(spearmanRho([1, 1, 1], [1, 2, 3]) == nil)
        #expect(abs(spearmanRho([1, 2, 2, 3], [1, 2, 3, 4])! - 0.9486832980505138) < 1e-9)

        Fixtures.press(.character("d"), into: &state)
        #expect(state.attention.showsDifference)
        let difference = Fixtures.frame(state)
        #expect(difference.text.contains("learned − planted"))
        let cell = Double(learned[1]) - renormalised
        #expect(difference.text.contains("[\(Heatmap.text(of: cell, decimals: 2))]"))
    }

    /// `a` said nothing, and in the all-users average it changed a head that only showed up
    /// later: after `u a u` the title said "head 1".
    @Test func headKeySaysWhatItDidAndDoesNotChangeTheHeadUnderAllUsers() {
        var state = Fixtures.state(width: 132, height: 40)
        Fixtures.press(.character("3"), .character("u"), .character("a"), into: &state)
        #expect(state.attention.head == nil)
        #expect(state.status?.text.contains("heads are shown averaged") == true)
        Fixtures.press(.character("u"), into: &state)
        #expect(Fixtures.frame(state).line(1).contains("head average"))
        Fixtures.press(.character("a"), into: &state)
        #expect(state.attention.head == 0)
        #expect(state.status?.text.hasPrefix("head 1 of 2") == true)
        Fixtures.press(.character("a"), .character("a"), into: &state)
        #expect(state.status?.text.hasPrefix("head average") == true)
    }

    /// The plain view's sentence says what the row shows (the self weight as it is), not that
    /// "its own scene usually takes most of the row" when the self weight is 0.04.
    @Test func plainViewSaysWhatTheRowActuallyShows() throws {
        var state = Fixtures.state(width: 132, height: 40)
        Fixtures.press(.character("3"), into: &state)
        let matrix = try AttentionScreen.matrix(state).get()
        let row = (0..<4).map { Double(matrix[$0]) }
        let own = Int((row[0] / row.reduce(0, +) * 100).rounded())
        let text = Fixtures.frame(state).text
        #expect(!text.contains("usually takes most of the row"))
        #expect(text.contains("keeps \(own)% of its attention for itself"))
        #expect(text.contains("takes \(100 - own)% from the other scenes"))
    }

    /// At 200×60 the heatmap kept its 80×24 size: cells now grow (wider and taller).
    @Test func attentionHeatmapGrowsWithTheRoom() throws {
        var small = Fixtures.state()
        Fixtures.press(.character("3"), into: &small)
        var large = Fixtures.state(width: 200, height: 60)
        Fixtures.press(.character("3"), into: &large)
        let a = try #require(Fixtures.frame(small).find("["))
        let b = Fixtures.frame(large)
        let cursor = try #require(b.find("["))
        let background = b[cursor.x + 1, cursor.y].background
        #expect(background != .default)
        // Taller: the cursor cell's colour continues above and below its number.
        #expect(b[cursor.x + 1, cursor.y - 1].background == background && b[cursor.x + 1, cursor.y + 1].background == background)
        // Wider: the cell spans more columns than at 80×24.
        func width(_ frame: Buffer, _ x: Int, _ y: Int) -> Int {
            let bg = frame[x + 1, y].background
            var left = x + 1, right = x + 1
            while left > 0 && frame[left - 1, y].background == bg { left -= 1 }
            while right + 1 < frame.width && frame[right + 1, y].background == bg { right += 1 }
            return right - left + 1
        }
        #expect(width(b, cursor.x, cursor.y) >= 12)
        #expect(width(b, cursor.x, cursor.y) > width(Fixtures.frame(small), a.x, a.y))
        // The numbers stay legible: the value is printed once per cell.
        let value = formatNumber(Double(try AttentionScreen.matrix(large).get()[0]), decimals: 2)
        #expect(b.line(cursor.y).contains("[\(value)]"))
    }
}
