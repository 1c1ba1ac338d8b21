/// Labelled horizontal bars, one per row: label, bar with eighth-block resolution, value.
/// For shares and scores (topic shares of a layer, each source scene's share of a score).
///
/// ```
/// 科技  ████████▌     0.42
/// 新闻  ███▏          0.16
/// ```
public struct BarChart: Widget, Sendable {
    public struct Bar: Sendable {
        public var label: String
        public var value: Double
        public var style: Style
        /// Shown instead of the formatted value when set (e.g. "42%" or "12 items").
        public var valueText: String?

        public init(_ label: String, _ value: Double, style: Style = .plain, valueText: String? = nil) {
            self.label = label
            self.value = value
            self.style = style
            self.valueText = valueText
        }
    }

    public var bars: [Bar]
    /// The value of a full-width bar (default: the largest value).
    public var maximum: Double?
    public var decimals: Int
    /// Rows skipped at the top (for long lists).
    public var scroll: Int

    public init(_ bars: [Bar], maximum: Double? = nil, decimals: Int = 2, scroll: Int = 0) {
        self.bars = bars
        self.maximum = maximum
        self.decimals = decimals
        self.scroll = scroll
    }

    public func render(in area: Rect, into buffer: inout Buffer) {
        guard !area.isEmpty else { return }
        let top = maximum ?? bars.map(\.value).max() ?? 0
        let texts = bars.map { $0.valueText ?? formatNumber($0.value, decimals: decimals) }
        let labelWidth = min(area.width / 3, bars.map(\.label.displayWidth).max() ?? 0)
        let valueWidth = min(area.width / 3, texts.map(\.displayWidth).max() ?? 0)
        let barWidth = max(0, area.width - labelWidth - valueWidth - 2)
        for (row, index) in (max(0, scroll)..<bars.count).enumerated() where row < area.height {
            let bar = bars[index]
            let y = area.y + row
            buffer.write(TextFit.pad(bar.label, to: labelWidth), x: area.x, y: y, maxWidth: labelWidth)
            buffer.write(BarGlyphs.bar(top > 0 ? bar.value / top : 0, width: barWidth), x: area.x + labelWidth + 1, y: y, style: bar.style)
            buffer.write(TextFit.pad(texts[index], to: valueWidth, alignment: .right), x: area.right - valueWidth, y: y, maxWidth: valueWidth)
        }
    }
}
