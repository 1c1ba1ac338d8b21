import Testing
@testable import TerminalUI

@Suite struct CellDiffTests {
    @Test func firstFrameAndResizeRedrawEverything() {
        let next = Buffer(width: 3, height: 2)
        let runs = CellDiff.changedRuns(from: nil, to: next)
        #expect(runs.map(\.y) == [0, 1])
        #expect(CellDiff.writtenCellCount(runs) == 6)
        let resized = CellDiff.changedRuns(from: Buffer(width: 2, height: 2), to: next)
        #expect(CellDiff.writtenCellCount(resized) == 6)
    }

    @Test func identicalFramesWriteNothing() {
        var a = Buffer(width: 10, height: 3)
        a.write("科技 hello", x: 0, y: 1)
        #expect(CellDiff.changedRuns(from: a, to: a).isEmpty)
    }

    @Test func onlyChangedCellsAreWrittenInRuns() {
        var old = Buffer(width: 10, height: 2)
        old.write("abcdefghij", x: 0, y: 0)
        var new = old
        new.write("XY", x: 2, y: 0)
        new.write("Z", x: 7, y: 0)
        new.setStyle(.bold, in: Rect(x: 0, y: 1, width: 1, height: 1))
        let runs = CellDiff.changedRuns(from: old, to: new)
        #expect(runs.map { [$0.x, $0.y, $0.cells.count] } == [[2, 0, 2], [7, 0, 1], [0, 1, 1]])
        #expect(runs[0].cells.map(\.symbol) == ["X", "Y"])
    }

    @Test func wideCharacterChangeIncludesItsLeadCell() {
        var old = Buffer(width: 6, height: 1)
        old.write("科技", x: 0, y: 0)
        var new = old
        new.setStyle(.fg(.red), in: Rect(x: 3, y: 0, width: 1, height: 1))  // only 技's continuation
        let runs = CellDiff.changedRuns(from: old, to: new)
        #expect(runs == [CellRun(x: 2, y: 0, cells: [new[2, 0], new[3, 0]])])
        #expect(CellDiff.writtenCellCount(runs) == 1)
    }
}
