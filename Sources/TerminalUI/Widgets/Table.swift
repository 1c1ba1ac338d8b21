/// A cell of a table row: text plus an optional style patch, which is exactly a `Span`.
public typealias TableCell = Span

/// A column of a table: header title, width rule, alignment.
public struct TableColumn: Hashable, Sendable {
    public var title: String
    public var width: Constraint
    public var alignment: TextFit.Alignment

    public init(_ title: String, width: Constraint, alignment: TextFit.Alignment = .left) {
        self.title = title
        self.width = width
        self.alignment = alignment
    }
}

/// A table with a header, a selected row and virtual scrolling.
///
/// Rows are not stored: `row(i)` is called only for the rows that are visible, so a table over a
/// million users costs the same per frame as one over ten. Text is fitted to each column by
/// display width (CJK names keep the next column aligned) with "…" when cut.
public struct Table: Widget {
    public var columns: [TableColumn]
    public var rowCount: Int
    public var row: (Int) -> [TableCell]
    public var scroll: ScrollState
    /// When false, no row is highlighted (a table that is not focused).
    public var showsSelection: Bool
    public var headerStyle: Style
    public var selectedStyle: Style
    /// Columns of space between columns.
    public var columnSpacing: Int
    /// Reserve the last column for a `Scrollbar` (drawn only when the rows do not all fit).
    public var showsScrollbar: Bool

    public init(
        columns: [TableColumn], rowCount: Int, scroll: ScrollState = ScrollState(), showsSelection: Bool = true,
        headerStyle: Style = Style(attributes: [.bold, .underline]), selectedStyle: Style = .reverse,
        columnSpacing: Int = 1, showsScrollbar: Bool = false, row: @escaping (Int) -> [TableCell]
    ) {
        self.columns = columns
        self.rowCount = rowCount
        self.row = row
        self.scroll = scroll
        self.showsSelection = showsSelection
        self.headerStyle = headerStyle
        self.selectedStyle = selectedStyle
        self.columnSpacing = columnSpacing
        self.showsScrollbar = showsScrollbar
    }

    /// Rows of data that fit under the header in an area of height `height`.
    public static func visibleRows(inHeight height: Int) -> Int { max(0, height - 1) }

    /// Widths each column gets in `width` columns.
    public func columnWidths(for width: Int) -> [Int] {
        splitLengths(width, columns.map(\.width), spacing: columnSpacing)
    }

    public func render(in fullArea: Rect, into buffer: inout Buffer) {
        guard !fullArea.isEmpty else { return }
        let visible = Table.visibleRows(inHeight: fullArea.height)
        let top = scroll.visibleOffset(count: rowCount, visibleRows: visible)
        var area = fullArea
        if showsScrollbar && rowCount > visible && fullArea.width > 1 {
            area.width -= 1
            let track = Rect(x: fullArea.right - 1, y: fullArea.y + 1, width: 1, height: visible)
            buffer.render(Scrollbar(count: rowCount, offset: top, visible: visible), in: track)
        }
        let widths = columnWidths(for: area.width)
        var starts: [Int] = []
        var x = area.x
        for w in widths { starts.append(x); x += w + columnSpacing }

        buffer.setStyle(headerStyle, in: area.row(0))
        for (i, column) in columns.enumerated() where widths[i] > 0 {
            buffer.write(TextFit.pad(column.title, to: widths[i], alignment: column.alignment), x: starts[i], y: area.y, maxWidth: widths[i])
        }

        let end = min(rowCount, top + visible)
        guard top < end else { return }
        for index in top..<end {
            let y = area.y + 1 + index - top
            let rowArea = Rect(x: area.x, y: y, width: area.width, height: 1)
            if showsSelection && index == scroll.selected { buffer.setStyle(selectedStyle, in: rowArea) }
            let cells = row(index)
            for (i, cell) in cells.prefix(columns.count).enumerated() where widths[i] > 0 {
                let text = TextFit.pad(cell.text, to: widths[i], alignment: columns[i].alignment)
                buffer.write(text, x: starts[i], y: y, maxWidth: widths[i], style: cell.style)
            }
        }
    }
}
