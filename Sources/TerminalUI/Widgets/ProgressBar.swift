/// A one-row progress bar with a centered label ("epoch 3/10 · 42%"), as ratatui's Gauge:
/// the filled part is drawn reversed (solid in `style`'s colour, or the default colour without
/// colour), with an eighth-block at its edge; label text over the filled part is reversed too,
/// so it stays readable on every terminal.
public struct ProgressBar: Widget, Sendable {
    public var fraction: Double
    public var label: String
    public var style: Style
    /// Append " 42%" to the label.
    public var showsPercentage: Bool

    public init(fraction: Double, label: String = "", style: Style = .plain, showsPercentage: Bool = true) {
        self.fraction = fraction
        self.label = label
        self.style = style
        self.showsPercentage = showsPercentage
    }

    /// The label as drawn.
    public var text: String {
        let percent = "\(Int((BarGlyphs.clamp(fraction) * 100).rounded(.down)))%"
        guard showsPercentage else { return label }
        return label.isEmpty ? percent : "\(label) \(percent)"
    }

    public func render(in area: Rect, into buffer: inout Buffer) {
        guard !area.isEmpty else { return }
        let row = area.row(area.height / 2)
        let eighths = Int((BarGlyphs.clamp(fraction) * Double(row.width * 8)).rounded())
        let full = eighths / 8, part = eighths % 8
        let filled = style.adding(.reverse)
        buffer.fill(Rect(x: row.x, y: row.y, width: full, height: 1), style: filled)
        if part > 0 && full < row.width { buffer.set(BarGlyphs.horizontal[part], x: row.x + full, y: row.y, style: style) }
        let caption = TextFit.ellipsize(text, to: row.width)
        var x = row.x + (row.width - caption.displayWidth) / 2
        for character in caption {
            let w = DisplayWidth.of(character)
            guard w > 0 else { continue }
            buffer.write(String(character), x: x, y: row.y, style: x < row.x + full ? filled : style.adding([.bold]))
            x += w
        }
    }
}
