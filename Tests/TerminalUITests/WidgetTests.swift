import Synchronization
import Testing
@testable import TerminalUI

@Suite struct BlockAndParagraphTests {
    @Test func blockDrawsBorderAndTitle() {
        let buffer = Buffer.rendering(Block("Users"), width: 12, height: 3)
        #expect(buffer.lines == [
            "┌ Users ───┐",
            "│          │",
            "└──────────┘",
        ])
        #expect(buffer[2, 0].attributes == .bold)
        #expect(Block("x").inner(of: Rect(x: 0, y: 0, width: 12, height: 3)) == Rect(x: 1, y: 1, width: 10, height: 1))
    }

    /// A title too long for the border stops before the corner, cut at a word with "…" (issue 10:
    /// it used to be clipped mid-word with no sign of the cut).
    @Test func blockTitleIsClippedBeforeTheCorner() {
        let buffer = Buffer.rendering(Block("A long title"), width: 8, height: 2)
        #expect(buffer.lines == ["┌ A… ──┐", "└──────┘"])
        let wider = Buffer.rendering(Block("A long title"), width: 14, height: 2)
        #expect(wider.lines == ["┌ A long… ───┐", "└────────────┘"])
    }

    @Test func paragraphWrapsAtSpacesByDisplayWidth() {
        let paragraph = Paragraph([Line("科技 news and more")], wrap: true)
        let buffer = Buffer.rendering(paragraph, width: 9, height: 3)
        #expect(buffer.lines == ["科技 news", "and more ", "         "])
    }

    @Test func paragraphClipsAndScrolls() {
        let paragraph = Paragraph(["one", "two", "three"], scroll: 1)
        let buffer = Buffer.rendering(paragraph, width: 4, height: 2)
        #expect(buffer.lines == ["two ", "thre"])
    }

    @Test func tooSmallMessageAt30x8() {
        let buffer = Buffer.rendering(TooSmallMessage(minimumWidth: 80, minimumHeight: 24), width: 30, height: 8)
        #expect(buffer.lines[3] == "window too small (need 80×24) ")
        #expect(buffer.lines[4] == "           now 30×8           ")
        #expect(buffer[0, 3].attributes == .bold)
        // Narrower windows get a shorter wording rather than a cut one.
        #expect(Buffer.rendering(TooSmallMessage(minimumWidth: 80, minimumHeight: 24), width: 12, height: 1).lines == [" need 80×24 "])
        #expect(buffer.lines.filter { !$0.allSatisfy { $0 == " " } }.count == 2)
        #expect(TooSmallMessage(minimumWidth: 80, minimumHeight: 24).applies(toWidth: 79, height: 30))
        #expect(!TooSmallMessage(minimumWidth: 80, minimumHeight: 24).applies(toWidth: 80, height: 24))
    }

    @Test func tabsHighlightTheSelectedTitle() {
        let buffer = Buffer.rendering(Tabs(["1 Users", "2 Heat"], selected: 1), width: 20, height: 1)
        #expect(buffer.lines == [" 1 Users │ 2 Heat   "])
        #expect(buffer[11, 0].attributes.contains(.reverse))
        #expect(!buffer[2, 0].attributes.contains(.reverse))
        let tabs = Tabs(["1 Users", "2 Heat"], selected: 1)
        #expect(tabs.displayWidth == 18)
        #expect(tabs.index(atColumn: 8) == 0)
        #expect(tabs.index(atColumn: 9) == nil)  // the divider
        #expect(tabs.index(atColumn: 10) == 1)
        #expect(tabs.index(atColumn: 17) == 1)
        #expect(tabs.index(atColumn: 18) == nil)
    }
}

@Suite struct TableTests {
    static let names = ["Ann", "科技迷", "Bob", "Ёжик", "Zoë"]

    func table(_ scroll: ScrollState, count: Int = 5, calls: Counter? = nil) -> Table {
        Table(
            columns: [TableColumn("Name", width: .length(6)), TableColumn("N", width: .length(3), alignment: .right)],
            rowCount: count, scroll: scroll
        ) { i in
            calls?.value.add(1, ordering: .relaxed)
            return [TableCell(Self.names[i % 5]), TableCell("\(i)")]
        }
    }

    /// Counts calls of the row closure (which must be Sendable, so the count is atomic).
    final class Counter: Sendable { let value = Atomic<Int>(0) }

    @Test func cjkNameKeepsTheNextColumnAligned() {
        let buffer = Buffer.rendering(table(ScrollState(selected: 9)), width: 10, height: 6)
        #expect(buffer.lines == [
            "Name     N",
            "Ann      0",
            "科技迷   1",
            "Bob      2",
            "Ёжик     3",
            "Zoë      4",
        ])
        #expect(buffer.column(of: "1", inRow: 2) == 9)
        #expect(buffer[0, 0].attributes == [.bold, .underline])
    }

    @Test func selectedRowIsHighlightedAcrossTheWidth() {
        let buffer = Buffer.rendering(table(ScrollState(selected: 2)), width: 10, height: 6)
        for x in 0..<10 { #expect(buffer[x, 3].attributes.contains(.reverse)) }
        #expect(!buffer[0, 2].attributes.contains(.reverse))
    }

    @Test func scrollsToKeepSelectionVisibleAndTouchesOnlyVisibleRows() {
        let calls = Counter()
        let buffer = Buffer.rendering(table(ScrollState(selected: 999_999), count: 1_000_000, calls: calls), width: 14, height: 4)
        #expect(calls.value.load(ordering: .relaxed) == 3)
        // Rows 999997…999999; the 3-column N cuts the number with "…".
        #expect(buffer.lines == [
            "Name     N    ",
            "Bob    99…    ",
            "Ёжик   99…    ",
            "Zoë    99…    ",
        ])
        #expect(buffer[0, 3].attributes.contains(.reverse))
    }

    @Test func scrollStateMovesMinimally() {
        var scroll = ScrollState()
        scroll.move(by: 5, count: 100, visibleRows: 4)
        #expect(scroll == ScrollState(selected: 5, offset: 2))
        scroll.move(by: -1, count: 100, visibleRows: 4)
        #expect(scroll == ScrollState(selected: 4, offset: 2))  // no scrolling inside the view
        scroll.page(1, count: 100, visibleRows: 4)
        #expect(scroll == ScrollState(selected: 7, offset: 4))
        scroll.move(by: 1000, count: 100, visibleRows: 4)
        #expect(scroll == ScrollState(selected: 99, offset: 96))
        scroll.scroll(by: -10, count: 100, visibleRows: 4)
        #expect(scroll == ScrollState(selected: 89, offset: 86))
    }
}

@Suite struct ScrollbarTests {
    @Test func thumbShowsTheVisiblePart() {
        #expect(Scrollbar(count: 100, offset: 0, visible: 10).thumb(height: 10) == 0..<1)
        #expect(Scrollbar(count: 100, offset: 90, visible: 10).thumb(height: 10) == 9..<10)
        #expect(Scrollbar(count: 20, offset: 5, visible: 10).thumb(height: 10) == 2..<7)
        #expect(Scrollbar(count: 1_000_000, offset: 500_000, visible: 10).thumb(height: 10) == 4..<5)
    }

    @Test func tableReservesAColumnOnlyWhenRowsOverflow() {
        let columns = [TableColumn("N", width: .fill)]
        let long = Buffer.rendering(Table(columns: columns, rowCount: 20, scroll: ScrollState(selected: 19), showsScrollbar: true) { [TableCell("\($0)")] }, width: 4, height: 4)
        #expect(long.lines == ["N   ", "17 │", "18 │", "19 ┃"])
        let short = Buffer.rendering(Table(columns: columns, rowCount: 2, showsScrollbar: true) { [TableCell("\($0)")] }, width: 4, height: 4)
        #expect(short.lines == ["N   ", "0   ", "1   ", "    "])
    }
}
