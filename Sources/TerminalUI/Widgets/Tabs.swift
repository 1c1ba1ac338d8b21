/// A one-row bar of tab titles with the selected one highlighted: " 1 Users │ 2 Interests ".
public struct Tabs: Widget, Sendable {
    public var titles: [String]
    public var selected: Int
    public var selectedStyle: Style
    public var style: Style
    public var divider: String
    /// Spaces on each side of a title: 1, or 0 in a narrow window (the bar then leaves room for
    /// what is written beside it).
    public var padding: Int

    public init(_ titles: [String], selected: Int, selectedStyle: Style = Style(attributes: [.bold, .reverse]), style: Style = .plain,
                divider: String = "│", padding: Int = 1) {
        self.titles = titles
        self.selected = selected
        self.selectedStyle = selectedStyle
        self.style = style
        self.divider = divider
        self.padding = padding
    }

    /// Columns the bar takes: each title padded on both sides, plus dividers.
    public var displayWidth: Int {
        titles.reduce(0) { $0 + $1.displayWidth + 2 * padding } + max(0, titles.count - 1) * divider.displayWidth
    }

    /// The tab under column `x` of a bar drawn from column `originX` (for mouse clicks).
    public func index(atColumn x: Int, originX: Int = 0) -> Int? {
        var start = originX
        for (i, title) in titles.enumerated() {
            let end = start + title.displayWidth + 2 * padding
            if x >= start && x < end { return i }
            start = end + divider.displayWidth
        }
        return nil
    }

    public func render(in area: Rect, into buffer: inout Buffer) {
        guard !area.isEmpty else { return }
        buffer.setStyle(style, in: area.row(0))
        var x = area.x
        for (i, title) in titles.enumerated() {
            guard x < area.right else { break }
            if i > 0 { x = buffer.write(divider, x: x, y: area.y, maxWidth: area.right - x) }
            let pad = String(repeating: " ", count: padding)
            x = buffer.write(pad + title + pad, x: x, y: area.y, maxWidth: area.right - x, style: i == selected ? selectedStyle : .plain)
        }
    }
}
