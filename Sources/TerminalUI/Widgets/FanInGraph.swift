/// A small directed graph drawn as a picture: source nodes stacked on the left, each with an edge
/// into one target node on the right. Every edge carries its weight as a number and as its line
/// glyph (┈ ─ ━ █, heavier for larger weights), so the picture reads the same without colour.
///
/// ```
/// 新闻 Δ0.021 ━━━ 0.31 ━━━┐
///                         │
/// 娱乐 Δ0.004 ┈┈┈ 0.05 ┈┈┈┼─▶ [科技] Δ0.013 ↻ 0.52
///                         │
/// 体育 Δ0.009 ─── 0.12 ───┘
/// α: ┈ <0.10  ─ <0.25  ━ <0.50  █ ≥0.50
/// ```
/// Labels are measured by display width (CJK names keep the edges aligned). Rows are spaced one
/// apart when the area is tall enough, packed otherwise; sources that do not fit are left out
/// and counted on the legend row.
public struct FanInGraph: Widget, Sendable {
    public struct Node: Sendable {
        public var label: String
        /// Text beside the label (a node's change, a status).
        public var note: String
        /// The node's look; an edge leaving a source takes its foreground colour.
        public var style: Style

        public init(_ label: String, note: String = "", style: Style = .plain) {
            self.label = label
            self.note = note
            self.style = style
        }
    }

    public struct Edge: Sendable {
        public var source: Node
        public var weight: Double

        public init(from source: Node, weight: Double) {
            self.source = source
            self.weight = weight
        }
    }

    public var edges: [Edge]
    public var target: Node
    /// The target's weight on itself, shown as "↻ w" beside it (nil: no self loop).
    public var selfWeight: Double?
    public var decimals: Int
    public var showsLegend: Bool

    public init(edges: [Edge], into target: Node, selfWeight: Double? = nil, decimals: Int = 2, showsLegend: Bool = true) {
        self.edges = edges
        self.target = target
        self.selfWeight = selfWeight
        self.decimals = decimals
        self.showsLegend = showsLegend
    }

    /// Upper bounds of the stroke tiers; a weight at or above the last bound gets the last stroke.
    public static let strokeBounds: [Double] = [0.1, 0.25, 0.5]
    public static let strokes = ["┈", "─", "━", "█"]

    /// The line glyph for an edge of `weight`.
    public static func stroke(for weight: Double) -> String {
        strokes[strokeBounds.firstIndex { weight < $0 } ?? strokeBounds.count]
    }

    /// "α: ┈ <0.10  ─ <0.25  ━ <0.50  █ ≥0.50"
    public static func legend(prefix: String = "α:", decimals: Int = 2) -> String {
        let tiers = strokeBounds.enumerated().map { "\(strokes[$0.offset]) <\(formatNumber($0.element, decimals: decimals))" }
        let last = "\(strokes[strokes.count - 1]) ≥\(formatNumber(strokeBounds[strokeBounds.count - 1], decimals: decimals))"
        return prefix + " " + (tiers + [last]).joined(separator: "  ")
    }

    /// Rows the picture needs for `sourceCount` sources, spaced or packed, with the legend.
    public static func height(sourceCount: Int, spaced: Bool, legend: Bool = true) -> Int {
        let rows = max(1, spaced ? 2 * sourceCount - 1 : sourceCount)
        return rows + (legend ? 1 : 0)
    }

    /// The narrowest width that shows every label, note and weight in full.
    public var minimumWidth: Int {
        let labelWidth = edges.map(\.source.label.displayWidth).max() ?? 0
        let noteWidth = edges.map(\.source.note.displayWidth).max() ?? 0
        let weightWidth = edges.map { formatNumber($0.weight, decimals: decimals).displayWidth }.max() ?? 1
        let sourceWidth = labelWidth + (noteWidth > 0 ? noteWidth + 1 : 0)
        let picture = edges.isEmpty ? 0 : sourceWidth + 1 + weightWidth + 4 + 1 + 3
        return max(picture + targetDescription.displayWidth, Self.legend(decimals: decimals).displayWidth)
    }

    /// The box-drawing glyph where the edges meet: which of its four arms are drawn.
    static func junction(left: Bool, right: Bool, up: Bool, down: Bool) -> String {
        switch (left, right, up, down) {
        case (true, true, true, true): "┼"
        case (true, false, true, true): "┤"
        case (false, true, true, true): "├"
        case (true, true, false, true): "┬"
        case (true, true, true, false): "┴"
        case (true, false, false, true): "┐"
        case (true, false, true, false): "┘"
        case (false, true, false, true): "┌"
        case (false, true, true, false): "└"
        case (false, false, _, _) where up || down: "│"
        default: "─"
        }
    }

    public func render(in area: Rect, into buffer: inout Buffer) {
        guard !area.isEmpty else { return }
        let legendRows = showsLegend && area.height >= 2 ? 1 : 0
        let room = area.height - legendRows
        let spaced = room >= 2 * edges.count - 1
        let shown = spaced ? edges.count : min(edges.count, room)
        let pitch = spaced ? 2 : 1
        let labelWidth = edges.prefix(shown).map(\.source.label.displayWidth).max() ?? 0
        let noteWidth = edges.prefix(shown).map(\.source.note.displayWidth).max() ?? 0
        let sourceWidth = labelWidth + (noteWidth > 0 ? noteWidth + 1 : 0)
        let targetText = targetDescription
        // The edges take what the nodes leave, but never less than their weight label.
        let weightWidth = edges.map { formatNumber($0.weight, decimals: decimals).displayWidth }.max() ?? 1
        let edgeWidth = max(weightWidth + 4, area.width - sourceWidth - 1 - 1 - 3 - targetText.displayWidth)
        let busX = area.x + sourceWidth + 1 + edgeWidth
        let lastRow = max(0, shown - 1) * pitch
        let targetRow = shown == 0 ? 0 : lastRow / 2

        for (i, edge) in edges.prefix(shown).enumerated() {
            let y = area.y + i * pitch
            var x = buffer.write(TextFit.pad(edge.source.label, to: labelWidth), x: area.x, y: y, maxWidth: area.width, style: edge.source.style.adding(.bold))
            if noteWidth > 0 { x = buffer.write(" " + TextFit.pad(edge.source.note, to: noteWidth), x: x, y: y, maxWidth: area.right - x, style: edge.source.style) }
            buffer.write(edgeText(edge.weight, width: edgeWidth), x: area.x + sourceWidth + 1, y: y, maxWidth: max(0, area.right - area.x - sourceWidth - 1), style: edgeStyle(edge))
        }
        if shown > 0 {
            for row in 0...lastRow where busX < area.right {
                let isSource = row % pitch == 0
                let glyph = Self.junction(left: isSource, right: row == targetRow, up: row > 0, down: row < lastRow)
                buffer.set(glyph, x: busX, y: area.y + row)
            }
            buffer.write("─▶ ", x: busX + 1, y: area.y + targetRow, maxWidth: max(0, area.right - busX - 1))
        }
        let targetX = shown > 0 ? busX + 4 : area.x
        buffer.write(targetText, x: targetX, y: area.y + targetRow, maxWidth: max(0, area.right - targetX), style: target.style.adding(.bold))
        if legendRows > 0 {
            let hidden = edges.count - shown
            let text = Self.legend(decimals: decimals) + (hidden > 0 ? "  (+\(hidden) not shown)" : "")
            buffer.write(text, x: area.x, y: area.y + lastRow + 1, maxWidth: area.width, style: .dim)
        }
    }

    /// "[科技] Δ0.013 ↻ 0.52"
    var targetDescription: String {
        var text = "[\(target.label)]"
        if !target.note.isEmpty { text += " " + target.note }
        if let selfWeight { text += " ↻ " + formatNumber(selfWeight, decimals: decimals) }
        return text
    }

    /// The edge's strokes with its weight in the middle: "━━━ 0.31 ━━━".
    func edgeText(_ weight: Double, width: Int) -> String {
        let label = " " + formatNumber(weight, decimals: decimals) + " "
        let stroke = Self.stroke(for: weight)
        let left = max(0, (width - label.displayWidth) / 2)
        let right = max(0, width - label.displayWidth - left)
        return String(repeating: stroke, count: left) + label + String(repeating: stroke, count: right)
    }

    /// The source's colour; the weakest tier dim, the strongest bold.
    func edgeStyle(_ edge: Edge) -> Style {
        var style = Style(foreground: edge.source.style.foreground)
        if edge.weight < Self.strokeBounds[0] { style = style.adding(.dim) }
        if edge.weight >= Self.strokeBounds[Self.strokeBounds.count - 1] { style = style.adding(.bold) }
        return style
    }
}
