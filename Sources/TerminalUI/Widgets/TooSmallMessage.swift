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
        let need = "\(minimumWidth)×\(minimumHeight)"
        // The longest wording that fits, so even a tiny window says what it needs.
        let headline = ["window too small (need \(need))", "too small (need \(need))", "need \(need)"]
            .first { $0.displayWidth <= area.width } ?? TextFit.ellipsize("need \(need)", to: area.width)
        let detail = ["now \(area.width)×\(area.height); enlarge it or press q", "now \(area.width)×\(area.height)"]
            .first { $0.displayWidth <= area.width } ?? ""
        let lines = [Line(headline, style: .bold, alignment: .center), Line(detail, style: .dim, alignment: .center)]
        let top = area.y + max(0, (area.height - lines.count) / 2)
        for (i, line) in lines.enumerated() where top + i < area.bottom {
            buffer.write(line, in: Rect(x: area.x, y: top + i, width: area.width, height: 1))
        }
    }
}
