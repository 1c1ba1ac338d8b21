/// A horizontal run of cells that changed between two frames, starting at column `x` of row `y`.
/// `cells` may include continuation cells of wide graphemes; writers skip them.
public struct CellRun: Hashable, Sendable {
    public var x: Int
    public var y: Int
    public var cells: [Cell]

    public init(x: Int, y: Int, cells: [Cell]) {
        self.x = x
        self.y = y
        self.cells = cells
    }
}

/// The diff a backend needs to draw a frame without flicker: only the cells that differ from
/// the previous frame, grouped into runs so each run is one cursor move plus writes.
public enum CellDiff {
    /// Runs of changed cells from `previous` to `next`. Every cell of `next` is included when
    /// there is no previous frame or its size differs (after a resize: full redraw).
    /// A changed continuation cell pulls in its wide lead cell, since only the lead is written.
    public static func changedRuns(from previous: Buffer?, to next: Buffer) -> [CellRun] {
        let full = previous == nil || previous!.width != next.width || previous!.height != next.height
        var runs: [CellRun] = []
        for y in 0..<next.height {
            var x = 0
            while x < next.width {
                let i = y * next.width + x
                guard full || previous!.cells[i] != next.cells[i] else { x += 1; continue }
                var start = x
                if next.cells[i].isContinuation && x > 0 { start = x - 1 }
                var end = x + 1
                while end < next.width {
                    let j = y * next.width + end
                    if full || previous!.cells[j] != next.cells[j] { end += 1; continue }
                    // An unchanged continuation after a changed lead is part of the same glyph.
                    if next.cells[j].isContinuation { end += 1; continue }
                    break
                }
                let row = y * next.width
                if let last = runs.last, last.y == y, last.x + last.cells.count >= start {
                    // Adjacent or overlapping (after pulling in a lead): extend the previous run.
                    let from = last.x + last.cells.count
                    runs[runs.count - 1].cells += next.cells[(row + from)..<(row + end)]
                } else {
                    runs.append(CellRun(x: start, y: y, cells: Array(next.cells[(row + start)..<(row + end)])))
                }
                x = end
            }
        }
        return runs
    }

    /// Number of cells a diff writes (continuations excluded): what a frame costs the terminal.
    public static func writtenCellCount(_ runs: [CellRun]) -> Int {
        runs.reduce(0) { $0 + $1.cells.filter { !$0.isContinuation }.count }
    }
}
