/// What a window below the minimum size shows instead of a broken screen:
/// "window too small (need 80×24)" and the current size, centered.
public struct TooSmallMessage: Widget, Sendable {
    public var minimumWidth: Int
    public var minimumHeight: Int

    public init(minimumWidth: Int, minimumHeight: Int) {
        self.minimumWidth = minimumWidth
        self.minimumHeight = minimumHeight
    }

    /// True when an area of this size is too small for the app.
    public func applies(toWidth width: Int, height: Int) -> Bool {
        width < minimumWidth || height < minimumHeight
    }

    public func render(in area: Rect, into buffer: inout Buffer) {
        guard !area.isEmpty else { return }
        buffer.erase(area)
        let lines = [
            Line("window too small (need \(minimumWidth)×\(minimumHeight))", style: .bold, alignment: .center),
            Line("now \(area.width)×\(area.height); enlarge it or press q", style: .dim, alignment: .center),
        ]
        let top = area.y + max(0, (area.height - lines.count) / 2)
        for (i, line) in lines.enumerated() where top + i < area.bottom {
            var fitted = line
            if line.displayWidth > area.width {
                fitted = Line(TextFit.ellipsize(line.plainText, to: area.width), style: line.style, alignment: .center)
            }
            buffer.write(fitted, in: Rect(x: area.x, y: top + i, width: area.width, height: 1))
        }
    }
}
