/// A bordered box with an optional title in the top border: the frame around a panel.
///
/// `inner(of:)` gives the area left for the content, so a panel is
/// `block.render(in: area, into: &buffer); content.render(in: block.inner(of: area), into: &buffer)`.
public struct Block: Widget, Sendable {
    public enum BorderSet: Sendable {
        /// ┌─┐│└┘
        case plain
        /// ╭─╮│╰╯
        case rounded
        /// ┏━┓┃┗┛ (used to mark the focused panel)
        case thick
        /// ╔═╗║╚╝
        case double
        /// No border at all (the title, if any, takes the first row).
        case none

        var glyphs: (tl: String, h: String, tr: String, v: String, bl: String, br: String) {
            switch self {
            case .plain: return ("┌", "─", "┐", "│", "└", "┘")
            case .rounded: return ("╭", "─", "╮", "│", "╰", "╯")
            case .thick: return ("┏", "━", "┓", "┃", "┗", "┛")
            case .double: return ("╔", "═", "╗", "║", "╚", "╝")
            case .none: return (" ", " ", " ", " ", " ", " ")
            }
        }
    }

    public var title: Line?
    public var borders: BorderSet
    public var borderStyle: Style
    public var titleStyle: Style
    /// Blank cells between the border and the content, left and right.
    public var padding: Int

    public init(title: Line? = nil, borders: BorderSet = .plain, borderStyle: Style = .plain, titleStyle: Style = .bold, padding: Int = 0) {
        self.title = title
        self.borders = borders
        self.borderStyle = borderStyle
        self.titleStyle = titleStyle
        self.padding = padding
    }

    public init(_ title: String, borders: BorderSet = .plain, borderStyle: Style = .plain, titleStyle: Style = .bold, padding: Int = 0) {
        self.init(title: Line(title), borders: borders, borderStyle: borderStyle, titleStyle: titleStyle, padding: padding)
    }

    /// The area inside the border (and padding).
    public func inner(of area: Rect) -> Rect {
        if borders == .none {
            return area.inset(top: title == nil ? 0 : 1, left: padding, bottom: 0, right: padding)
        }
        return area.inset(top: 1, left: 1 + padding, bottom: 1, right: 1 + padding)
    }

    public func render(in area: Rect, into buffer: inout Buffer) {
        guard !area.isEmpty else { return }
        if borders != .none {
            let g = borders.glyphs
            for x in area.left..<area.right {
                buffer.set(g.h, x: x, y: area.top, style: borderStyle)
                if area.height > 1 { buffer.set(g.h, x: x, y: area.bottom - 1, style: borderStyle) }
            }
            for y in area.top..<area.bottom {
                buffer.set(g.v, x: area.left, y: y, style: borderStyle)
                if area.width > 1 { buffer.set(g.v, x: area.right - 1, y: y, style: borderStyle) }
            }
            buffer.set(g.tl, x: area.left, y: area.top, style: borderStyle)
            if area.width > 1 { buffer.set(g.tr, x: area.right - 1, y: area.top, style: borderStyle) }
            if area.height > 1 {
                buffer.set(g.bl, x: area.left, y: area.bottom - 1, style: borderStyle)
                if area.width > 1 { buffer.set(g.br, x: area.right - 1, y: area.bottom - 1, style: borderStyle) }
            }
        }
        if let title {
            // " Title " sits in the top border after the corner, clipped before the other corner.
            let inset = borders == .none ? 0 : 1
            let room = area.width - 2 * inset
            guard room > 2 else { return }
            // A title too long for the border is cut at a word with "…", never mid-word.
            var titleSpans = title.spans
            let titleRoom = room - (borders == .none ? 0 : 2)
            if title.displayWidth > titleRoom, let first = titleSpans.first {
                titleSpans = [Span(TextFit.ellipsizeWords(title.spans.map(\.text).joined(), to: titleRoom), style: first.style)]
            }
            var spans = [Span(" ")] + titleSpans + [Span(" ")]
            if borders == .none { spans = titleSpans }
            buffer.write(spans, x: area.left + inset, y: area.top, maxWidth: room, style: titleStyle.patched(with: title.style))
        }
    }
}
