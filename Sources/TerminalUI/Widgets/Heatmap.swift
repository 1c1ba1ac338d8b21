/// A matrix of values with row and column labels, each cell showing its value on a background
/// from a colour scale, a highlighted cursor cell, and a legend row.
///
/// Without colour (`NO_COLOR`) each cell shows a shade glyph ░▒▓█ before its value and the cursor
/// cell is reversed, so the map reads the same on any terminal. Cells are as wide as the widest
/// value or column label allows; columns that do not fit are left out (never squashed). With
/// `grows`, cells take the room they are given (wider, and taller when the area is tall enough),
/// the number on the cell's middle line.
///
/// Numbers are right-aligned to a common width, negatives with a real minus sign (−). A NaN cell
/// (no value) shows a dim "·" without colour. With `centered` (a diverging scale around the middle
/// of the range, such as −1…1), a value at the centre is drawn without colour, and without
/// colour the shade glyph tells the distance from the centre, so 0 never looks strong.
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
    /// Values are read from the middle of the range (diverging): see the type's comment.
    public var centered: Bool
    /// Cells grow with the area, up to `maximumCellWidth` columns.
    public var grows: Bool
    public var maximumCellWidth: Int

    public init(values: [[Double]], rowLabels: [String], columnLabels: [String], range: ClosedRange<Double>? = nil, cursor: (row: Int, column: Int)? = nil, decimals: Int = 2, scale: ColorScale = .viridis, showsLegend: Bool = true,
                centered: Bool = false, grows: Bool = false, maximumCellWidth: Int = 16) {
        self.centered = centered
        self.grows = grows
        self.maximumCellWidth = maximumCellWidth
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
        // Room for the cursor's brackets, the shade glyph without colour, and the gutter.
        let minimum = valueWidth + (mode == .none ? 3 : 2) + 1
        let wanted = max(minimum, (columnLabels.map(\.displayWidth).max() ?? 0) + 1)
        let columns = max(1, values.map(\.count).max() ?? 1)
        let fitting = (width - labelWidth - 1) / columns
        if grows { return (labelWidth, max(minimum, min(max(wanted, maximumCellWidth), fitting))) }
        return (labelWidth, max(minimum, min(wanted, fitting)))
    }

    /// Lines per row: 1, or with `grows` as many as the height allows while cells stay about as
    /// tall as they are wide on screen (a terminal cell is about twice as tall as wide).
    public func rowHeight(height: Int, cellWidth: Int) -> Int {
        guard grows, !values.isEmpty else { return 1 }
        let room = (height - 1 - (showsLegend ? 2 : 0)) / values.count
        return max(1, min(room, cellWidth / 3))
    }

    /// The widest number of the matrix.
    var valueWidth: Int { values.flatMap { $0 }.map { Heatmap.text(of: $0, decimals: decimals).displayWidth }.max() ?? 1 }

    /// A value as a cell shows it: "0.41", "−0.12" (a real minus sign), "·" for NaN (no value).
    public static func text(of value: Double, decimals: Int) -> String {
        if value.isNaN { return "·" }
        let text = formatNumber(value, decimals: decimals)
        return text.hasPrefix("-") ? "−" + text.dropFirst() : text
    }

    public func render(in area: Rect, into buffer: inout Buffer) {
        guard !area.isEmpty else { return }
        let mode = buffer.colorMode
        let (labelWidth, cellWidth) = cellGeometry(width: area.width, mode: mode)
        let gridX = area.x + labelWidth + 1
        let columnCount = values.map(\.count).max() ?? 0
        let lines = rowHeight(height: area.height, cellWidth: cellWidth)
        let rowsRoom = (area.height - 1 - (showsLegend ? 2 : 0)) / lines
        let range = valueRange
        let numberWidth = valueWidth

        // Column labels, the cursor's in bold.
        for c in 0..<columnCount {
            let x = gridX + c * cellWidth
            guard x + cellWidth <= area.right else { break }
            let label = c < columnLabels.count ? columnLabels[c] : ""
            let style: Style = cursor?.column == c ? Style(attributes: [.bold, .underline]) : .bold
            buffer.write(TextFit.pad(label, to: cellWidth - 1, alignment: .center), x: x, y: area.y, maxWidth: cellWidth - 1, style: style)
        }
        for (r, row) in values.enumerated() where r < rowsRoom {
            let top = area.y + 1 + r * lines, middle = top + (lines - 1) / 2
            let label = r < rowLabels.count ? rowLabels[r] : ""
            let labelStyle: Style = cursor?.row == r ? Style(attributes: [.bold, .underline]) : .bold
            buffer.write(TextFit.pad(label, to: labelWidth), x: area.x, y: middle, maxWidth: labelWidth, style: labelStyle)
            for (c, value) in row.enumerated() {
                let x = gridX + c * cellWidth
                guard x + cellWidth <= area.right else { break }
                let isCursor = cursor.map { $0.row == r && $0.column == c } ?? false
                for y in top..<(top + lines) {
                    drawCell(value, range: range, x: x, y: y, width: cellWidth, numberWidth: numberWidth, isCursor: isCursor,
                             showsNumber: y == middle, mode: mode, into: &buffer)
                }
            }
        }
        if showsLegend && area.height >= 3 {
            let shownRows = min(values.count, max(0, rowsRoom))
            drawLegend(x: area.x, y: area.y + 1 + shownRows * lines + 1, width: area.width, mode: mode, into: &buffer)
        }
    }

    private func drawCell(_ value: Double, range: ClosedRange<Double>, x: Int, y: Int, width: Int, numberWidth: Int, isCursor: Bool,
                          showsNumber: Bool, mode: ColorMode, into buffer: inout Buffer) {
        let t = Heatmap.position(of: value, in: range)
        let raw = Heatmap.text(of: value, decimals: decimals)
        let number = TextFit.pad(raw, to: numberWidth, alignment: .right)
        // No colour for "no value", nor for the centre of a diverging scale (0 is not a strength).
        let isNeutral = value.isNaN || (centered && Heatmap.text(of: value - (range.lowerBound + range.upperBound) / 2, decimals: decimals)
            .allSatisfy { $0 == "0" || $0 == "." || $0 == "−" })
        var style = Style()
        var text: String
        if isNeutral {
            style = .dim
            // Without colour, one more column: where the others have their shade glyph.
            let shown = mode == .none ? TextFit.pad(raw, to: numberWidth + 1, alignment: .right) : number
            text = showsNumber ? (isCursor ? "[\(shown)]" : shown) : ""
        } else if let background = scale.color(t, mode: mode) {
            style = Style(foreground: background.contrastingText, background: background)
            text = showsNumber ? (isCursor ? "[\(number)]" : number) : ""
        } else {
            // No colour: the shade glyph carries the magnitude (for a centred scale, the distance
            // from the centre), the number the exact value.
            let strength = centered ? abs(2 * t - 1) : t
            // The glyph right before the digits, the pair right-aligned like the numbers.
            text = showsNumber ? TextFit.pad(ColorScale.shade(strength) + raw, to: numberWidth + 1, alignment: .right) : ""
            if isCursor && showsNumber { text = "[\(text)]" }
        }
        if isCursor { style = style.adding(mode == .none ? [.bold, .reverse] : [.bold]) }
        // The last column of a cell stays blank (unstyled) as a gutter between cells.
        buffer.write(TextFit.pad(text, to: width - 1, alignment: .center), x: x, y: y, maxWidth: width - 1, style: style)
    }

    private func drawLegend(x: Int, y: Int, width: Int, mode: ColorMode, into buffer: inout Buffer) {
        let r = valueRange
        let low = Heatmap.text(of: r.lowerBound, decimals: decimals), high = Heatmap.text(of: r.upperBound, decimals: decimals)
        var column = buffer.write(low + " ", x: x, y: y, maxWidth: width, style: .dim)
        let steps = max(4, min(16, width - low.displayWidth - high.displayWidth - 2))
        for i in 0..<steps where column < x + width {
            let t = Double(i) / Double(steps - 1)
            if let color = scale.color(t, mode: mode) {
                buffer.set(" ", x: column, y: y, style: .bg(color))
            } else {
                buffer.set(ColorScale.shade(centered ? abs(2 * t - 1) : t), x: column, y: y)
            }
            column += 1
        }
        buffer.write(" " + high, x: column, y: y, maxWidth: x + width - column, style: .dim)
    }
}
