/// A centered question box ("Training is running. Quit anyway?") with the keys that answer it.
/// The app keeps whether it is shown and which keys answer; this only draws.
public struct ConfirmDialog: Widget, Sendable {
    public var title: String
    public var message: String
    /// E.g. "y quit · n keep training".
    public var choices: String
    public var borderStyle: Style

    public init(title: String = "Confirm", message: String, choices: String = "y yes · n no", borderStyle: Style = .fg(.yellow)) {
        self.title = title
        self.message = message
        self.choices = choices
        self.borderStyle = borderStyle
    }

    public func render(in area: Rect, into buffer: inout Buffer) {
        let wanted = max(message.displayWidth, choices.displayWidth, title.displayWidth + 2) + 4
        let width = min(area.width, max(24, min(wanted, 60)))
        let body = Paragraph([Line(message)], wrap: true).visualLines(width: max(1, width - 4))
        let box = area.centered(width: width, height: body.count + 4)
        guard box.width >= 6, box.height >= 3 else { return }
        buffer.erase(box)
        let block = Block(title, borders: .rounded, borderStyle: borderStyle, padding: 1)
        buffer.render(block, in: box)
        let inner = block.inner(of: box)
        buffer.render(Paragraph(body), in: Rect(x: inner.x, y: inner.y, width: inner.width, height: max(0, inner.height - 1)))
        buffer.write(Line(choices, style: .bold, alignment: .center), in: inner.row(inner.height - 1))
    }
}

/// One row with text on the left and on the right (status bars, panel footers); the right side
/// wins when both do not fit.
public struct StatusBar: Widget, Sendable {
    public var left: Line
    public var right: Line
    public var style: Style

    public init(left: Line, right: Line = Line(""), style: Style = .reverse) {
        self.left = left
        self.right = right
        self.style = style
    }

    public func render(in area: Rect, into buffer: inout Buffer) {
        guard !area.isEmpty else { return }
        let row = area.row(0)
        buffer.setStyle(style, in: row)
        let rightWidth = min(row.width, right.displayWidth)
        buffer.write(left.spans, x: row.x, y: row.y, maxWidth: max(0, row.width - rightWidth - (rightWidth > 0 ? 1 : 0)))
        buffer.write(right.spans, x: row.right - rightWidth, y: row.y, maxWidth: rightWidth)
    }
}
