/// Eighth-block glyphs: bars and sparklines drawn with 8 steps per cell.
public enum BarGlyphs {
    /// Left-aligned horizontal eighths, index = eighths (0 is a space): " ▏▎▍▌▋▊▉█".
    public static let horizontal: [String] = [" ", "▏", "▎", "▍", "▌", "▋", "▊", "▉", "█"]
    /// Bottom-aligned vertical eighths, index = eighths (0 is a space): " ▁▂▃▄▅▆▇█".
    public static let vertical: [String] = [" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    /// A bar `fraction` (clamped to 0…1) of `width` cells long, padded with spaces to exactly
    /// `width` columns, e.g. `bar(0.5, width: 3) == "█▌ "`. Usable inside table cells.
    public static func bar(_ fraction: Double, width: Int) -> String {
        guard width > 0 else { return "" }
        let eighths = Int((clamp(fraction) * Double(width * 8)).rounded())
        let full = eighths / 8, part = eighths % 8
        var text = String(repeating: "█", count: full)
        if part > 0 { text += horizontal[part] }
        return text + String(repeating: " ", count: width - full - (part > 0 ? 1 : 0))
    }

    /// One vertical glyph for `fraction` of a cell's height: "▁" … "█" (a space for 0).
    public static func level(_ fraction: Double) -> String {
        vertical[Int((clamp(fraction) * 8).rounded())]
    }

    /// A one-row sparkline string of `values` scaled to `maximum` (default: the largest value).
    public static func sparkline(_ values: [Double], maximum: Double? = nil) -> String {
        let top = maximum ?? values.max() ?? 0
        return values.map { top > 0 ? level($0 / top) : " " }.joined()
    }

    static func clamp(_ x: Double) -> Double { x.isNaN ? 0 : min(1, max(0, x)) }
}

/// A horizontal bar of `value` out of `maximum` with eighth-cell resolution.
public struct HorizontalBar: Widget, Sendable {
    public var value: Double
    public var maximum: Double
    public var style: Style

    public init(value: Double, maximum: Double, style: Style = .plain) {
        self.value = value
        self.maximum = maximum
        self.style = style
    }

    public func render(in area: Rect, into buffer: inout Buffer) {
        guard !area.isEmpty else { return }
        let text = BarGlyphs.bar(maximum > 0 ? value / maximum : 0, width: area.width)
        for row in 0..<area.height { buffer.write(text, x: area.x, y: area.y + row, maxWidth: area.width, style: style) }
    }
}

/// Values as columns of eighth blocks, newest on the right; taller areas stack rows.
/// When there are more values than columns, the most recent ones are shown.
public struct Sparkline: Widget, Sendable {
    public var values: [Double]
    /// The value that fills the whole height (default: the largest value shown).
    public var maximum: Double?
    public var style: Style

    public init(_ values: [Double], maximum: Double? = nil, style: Style = .plain) {
        self.values = values
        self.maximum = maximum
        self.style = style
    }

    public func render(in area: Rect, into buffer: inout Buffer) {
        guard !area.isEmpty else { return }
        let shown = values.suffix(area.width)
        let top = maximum ?? shown.max() ?? 0
        for (column, value) in shown.enumerated() {
            let eighths = top > 0 ? Int((BarGlyphs.clamp(value / top) * Double(area.height * 8)).rounded()) : 0
            for row in 0..<area.height {
                // Row 0 is the bottom; each row shows the eighths left after the rows below it.
                let inRow = min(8, max(0, eighths - row * 8))
                buffer.set(BarGlyphs.vertical[inRow], x: area.x + column, y: area.bottom - 1 - row, style: style)
            }
        }
    }
}
