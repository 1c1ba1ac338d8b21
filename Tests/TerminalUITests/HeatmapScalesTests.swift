import Testing
@testable import TerminalUI

/// Issue 10's similarity matrix defects: negatives were left-aligned with an ASCII "-", 0 was
/// coloured like a value, and under NO_COLOR 0 drew as ▓ (the middle of −1…1) and looked strong.
@Suite struct HeatmapScalesTests {
    static let similarity = Heatmap(
        values: [[1, -0.12, 0], [-0.12, 1, .nan], [0, .nan, 0.5]],
        rowLabels: ["科技", "新闻", "体育"], columnLabels: ["科技", "新闻", "体育"], range: -1...1, scale: .diverging, centered: true)

    @Test func negativesAreRightAlignedWithAMinusSignAndZeroIsNotColoured() {
        let buffer = Buffer.rendering(Self.similarity, width: 40, height: 6)
        // Cells of 8 columns from column 5: each number ends 6 columns into its cell.
        #expect(buffer.lines[1] == "科技   1.00   −0.12    0.00             ")
        #expect(buffer.lines[2] == "新闻  −0.12    1.00       ·             ")
        #expect((buffer.find("1.00")!.x + 4 - 5) % 8 == (buffer.find("−0.12")!.x + 5 - 5) % 8)
        // 0 and "no value" have no background; a value does.
        let zero = buffer.find("0.00")!
        #expect(buffer[zero.x, zero.y].background == .default)
        #expect(buffer[zero.x, zero.y].attributes.contains(.dim))
        let none = buffer.find("·")!
        #expect(buffer[none.x, none.y].background == .default)
        let negative = buffer.find("−0.12")!
        #expect(buffer[negative.x, negative.y].background != .default)
    }

    @Test func withoutColourZeroHasNoShadeAndStrengthIsTheDistanceFromZero() {
        let buffer = Buffer.rendering(Self.similarity, width: 40, height: 6, colorMode: .none)
        #expect(buffer.lines[1] == "科技   █1.00   ░−0.12     0.00          ")
        #expect(!buffer.text.contains("▓0.00") && !buffer.text.contains("▒0.00"))
        #expect(buffer.text.contains("▓0.50"))  // half way to 1: the third shade, as in 0…1 maps
        // The legend runs strong–weak–strong around the centre.
        #expect(buffer.lines[5].hasPrefix("−1.00 ██▓▓▒▒░░░░▒▒▓▓██ 1.00"))
    }

    @Test func growingCellsTakeTheRoomWithTheNumberOnTheMiddleLine() {
        let map = Heatmap(values: [[0.6, 0.4], [0.2, 0.8]], rowLabels: ["a", "b"], columnLabels: ["a", "b"], range: 0...1, grows: true, maximumCellWidth: 12)
        let buffer = Buffer.rendering(map, width: 40, height: 12)
        // Two columns of 12, rows of 4 lines (12 / 3; the 12 rows hold 2 × 4 with labels and legend).
        #expect(map.cellGeometry(width: 40, mode: .indexed256).cellWidth == 12)
        #expect(map.rowHeight(height: 12, cellWidth: 12) == 4)
        let (x, y) = buffer.find("0.60")!
        #expect(y == 2)  // rows 1–4 are the first matrix row; the number sits on the second
        #expect((1...4).allSatisfy { buffer[x, $0].background == buffer[x, 2].background })
        #expect(buffer[x, 5].background != buffer[x, 2].background)
        #expect(buffer.find("0.20")!.y == 6)
    }
}
