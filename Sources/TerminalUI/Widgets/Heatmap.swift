/// A matrix of values with row and column labels, each cell showing its value on a background
/// from a colour scale, a highlighted cursor cell, and a legend row.
///
/// Without colour (`NO_COLOR`) each cell shows a shade glyph ░▒▓█ before its value and the cursor
/// cell is reversed, so the map reads the same on any terminal. Cells are as wide as the widest
/// value or column label allows; columns that do not fit are left out (never squashed).
///
/// ```
///        科技   新闻   体育
/// 科技  [0.62]  0.21   0.17
/// 新闻   0.33   0.50   0.17
/// low ████████ high  0.00 … 1.00
/// ```
public struct Heatmap: Widget, Sendable {
    /// values[row][column]
    public var values: [[Double]]
    public var rowLabels: [String]
    public var columnLabels: [String]
    /// Values mapped to the ends of the scale (default: the data's min…max).
    public var range: ClosedRange<Double>?
    public var cursor: (row: Int, column: Int)?
    public var decimals: Int
    public var scale: ColorScale
    public var showsLegend: Bool

    public init(values: [[Double]], rowLabels: [String], columnLabels: [String], range: ClosedRange<Double>? = nil, cursor: (row: Int, column: Int)? = nil, decimals: Int = 2, scale: ColorScale = .viridis, showsLegend: Bool = true) {
        self.values = values
        self.rowLabels = rowLabels
        self.columnLabels = columnLabels
        self.range = range
        self.cursor = cursor
        self.decimals = decimals
        self.scale = scale
        self.showsLegend = showsLegend
    }

    /// The range the scale spans.
    public var valueRange: ClosedRange<Double> {
        if let range { return range }
        let all = values.flatMap { $0 }.filter(\.isFinite)
        let low = all.min() ?? 0, high = all.max() ?? 1
        return low < high ? low...high : low...(low + 1)
    }

    /// Position of `value` on the scale, 0…1.
    public func position(of value: Double) -> Double { Heatmap.position(of: value, in: valueRange) }

    static func position(of value: Double, in r: ClosedRange<Double>) -> Double {
        BarGlyphs.clamp((value - r.lowerBound) / (r.upperBound - r.lowerBound))
    }

    /// Layout: label column width and cell width (including a one-column gutter) for an area
    /// `width` wide in `mode`.
    public func cellGeometry(width: Int, mode: ColorMode) -> (labelWidth: Int, cellWidth: Int) {
        let labelWidth = min(max(0, width / 4), rowLabels.map(\.displayWidth).max() ?? 0)
        let valueWidth = values.flatMap { $0 }.map { formatNumber($0, decimals: decimals).displayWidth }.max() ?? 1
        // Room for the cursor's brackets, the shade glyph without colour, and the gutter.
        let minimum = valueWidth + (mode == .none ? 3 : 2) + 1
        let wanted = max(minimum, (columnLabels.map(\.displayWidth).max() ?? 0) + 1)
        let columns = max(1, values.map(\.count).max() ?? 1)
        let fitting = (width - labelWidth - 1) / columns
        return (labelWidth, max(minimum, min(wanted, fitting)))
    }

    public func render(in area: Rect, into buffer: inout Buffer) {
        guard !area.isEmpty else { return }
        let mode = buffer.colorMode
        let (labelWidth, cellWidth) = cellGeometry(width: area.width, mode: mode)
        let gridX = area.x + labelWidth + 1
        let columnCount = values.map(\.count).max() ?? 0
        let rowsRoom = area.height - 1 - (showsLegend ? 2 : 0)
        let range = valueRange

        // Column labels, the cursor's in bold.
        for c in 0..<columnCount {
            let x = gridX + c * cellWidth
            guard x + cellWidth <= area.right else { break }
            let label = c < columnLabels.count ? columnLabels[c] : ""
            let style: Style = cursor?.column == c ? Style(attributes: [.bold, .underline]) : .bold
            buffer.write(TextFit.pad(label, to: cellWidth - 1, alignment: .center), x: x, y: area.y, maxWidth: cellWidth - 1, style: style)
        }
        for (r, row) in values.enumerated() where r < rowsRoom {
            let y = area.y + 1 + r
            let label = r < rowLabels.count ? rowLabels[r] : ""
            let labelStyle: Style = cursor?.row == r ? Style(attributes: [.bold, .underline]) : .bold
            buffer.write(TextFit.pad(label, to: labelWidth), x: area.x, y: y, maxWidth: labelWidth, style: labelStyle)
            for (c, value) in row.enumerated() {
                let x = gridX + c * cellWidth
                guard x + cellWidth <= area.right else { break }
                drawCell(value, range: range, x: x, y: y, width: cellWidth, isCursor: cursor.map { $0.row == r && $0.column == c } ?? false, mode: mode, into: &buffer)
            }
        }
        if showsLegend && area.height >= 3 {
            let shownRows = min(values.count, max(0, rowsRoom))
            drawLegend(x: area.x, y: area.y + 1 + shownRows + 1, width: area.width, mode: mode, into: &buffer)
        }
    }

    private func drawCell(_ value: Double, range: ClosedRange<Double>, x: Int, y: Int, width: Int, isCursor: Bool, mode: ColorMode, into buffer: inout Buffer) {
        let t = Heatmap.position(of: value, in: range)
        let number = formatNumber(value, decimals: decimals)
        var style = Style()
        var text: String
        if let background = scale.color(t, mode: mode) {
            style = Style(foreground: background.contrastingText, background: background)
            text = isCursor ? "[\(number)]" : number
        } else {
            // No colour: the shade glyph carries the magnitude, the number the exact value.
            text = ColorScale.shade(t) + number
            if isCursor { text = "[\(text)]" }
        }
        if isCursor { style = style.adding(mode == .none ? [.bold, .reverse] : [.bold]) }
        // The last column of a cell stays blank (unstyled) as a gutter between cells.
        buffer.write(TextFit.pad(text, to: width - 1, alignment: .center), x: x, y: y, maxWidth: width - 1, style: style)
    }

    private func drawLegend(x: Int, y: Int, width: Int, mode: ColorMode, into buffer: inout Buffer) {
        let r = valueRange
        let low = formatNumber(r.lowerBound, decimals: decimals), high = formatNumber(r.upperBound, decimals: decimals)
        var column = buffer.write(low + " ", x: x, y: y, maxWidth: width, style: .dim)
        let steps = max(4, min(16, width - low.displayWidth - high.displayWidth - 2))
        for i in 0..<steps where column < x + width {
            let t = Double(i) / Double(steps - 1)
            if let color = scale.color(t, mode: mode) {
                buffer.set(" ", x: column, y: y, style: .bg(color))
            } else {
                buffer.set(ColorScale.shade(t), x: column, y: y)
            }
            column += 1
        }
        buffer.write(" " + high, x: column, y: y, maxWidth: x + width - column, style: .dim)
    }
}
