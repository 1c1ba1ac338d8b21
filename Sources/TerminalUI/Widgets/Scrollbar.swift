/// A one-column vertical scrollbar: a dim track with a thumb whose size and position show which
/// part of a long list is visible. Draws nothing when everything fits.
public struct Scrollbar: Widget, Sendable {
    public var count: Int
    public var offset: Int
    public var visible: Int
    public var style: Style

    public init(count: Int, offset: Int, visible: Int, style: Style = .plain) {
        self.count = count
        self.offset = offset
        self.visible = visible
        self.style = style
    }

    /// Rows of the track covered by the thumb, for a track `height` rows tall.
    public func thumb(height: Int) -> Range<Int> {
        guard count > visible, height > 0 else { return 0..<height }
        let size = max(1, height * visible / count)
        let maxOffset = max(1, count - visible)
        let start = min(height - size, (height - size) * min(max(0, offset), maxOffset) / maxOffset)
        return start..<(start + size)
    }

    public func render(in area: Rect, into buffer: inout Buffer) {
        guard !area.isEmpty, count > visible else { return }
        let x = area.right - 1
        let thumb = thumb(height: area.height)
        for row in 0..<area.height {
            let inThumb = thumb.contains(row)
            buffer.set(inThumb ? "┃" : "│", x: x, y: area.y + row, style: inThumb ? style : style.adding(.dim))
        }
    }
}
