import Testing
@testable import TerminalUI

@Suite struct GeometryTests {
    @Test func splitServesFixedThenPercentThenFill() {
        let area = Rect(x: 0, y: 0, width: 100, height: 10)
        let parts = area.columns(.length(10), .percentage(30), .fill, .fill(3))
        #expect(parts.map(\.width) == [10, 30, 15, 45])
        #expect(parts.map(\.x) == [0, 10, 40, 55])
        #expect(parts.allSatisfy { $0.height == 10 })
    }

    @Test func splitWithSpacingCoversTheAreaExactly() {
        let parts = Rect(x: 2, y: 3, width: 20, height: 11).rows(.length(1), .fill, .length(1), spacing: 1)
        #expect(parts.map(\.height) == [1, 7, 1])
        #expect(parts.map(\.y) == [3, 5, 13])
        #expect(parts.last!.bottom == 14)
    }

    @Test func tinyAreasClampInsteadOfGoingNegative() {
        let parts = Rect(width: 5, height: 1).columns(.length(4), .length(4), .fill)
        #expect(parts.map(\.width) == [4, 1, 0])
        let inner = Rect(width: 1, height: 1).inset(by: 2)
        #expect(inner.isEmpty && inner.width == 0 && inner.height == 0)
    }

    @Test func centeredRect() {
        let r = Rect(x: 0, y: 0, width: 80, height: 24).centered(width: 40, height: 10)
        #expect(r == Rect(x: 20, y: 7, width: 40, height: 10))
        #expect(Rect(width: 10, height: 4).centered(width: 40, height: 10) == Rect(width: 10, height: 4))
    }
}
