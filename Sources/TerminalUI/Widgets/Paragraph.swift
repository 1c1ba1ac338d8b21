/// Lines of styled text, clipped to the area or word-wrapped, optionally scrolled.
public struct Paragraph: Widget, Sendable {
    public var lines: [Line]
    /// Wrap long lines at spaces (or mid-word when a word is longer than the width).
    public var wrap: Bool
    /// Visual lines skipped at the top (after wrapping).
    public var scroll: Int
    /// Applied to the whole area first (e.g. a background).
    public var style: Style

    public init(_ lines: [Line], wrap: Bool = false, scroll: Int = 0, style: Style = .plain) {
        self.lines = lines
        self.wrap = wrap
        self.scroll = scroll
        self.style = style
    }

    public init(_ text: String, wrap: Bool = true, style: Style = .plain) {
        self.init(text.split(separator: "\n", omittingEmptySubsequences: false).map { Line(String($0)) }, wrap: wrap, style: style)
    }

    /// The lines as they will be drawn at `width` columns (wrapped if `wrap`).
    public func visualLines(width: Int) -> [Line] {
        guard wrap, width > 0 else { return lines }
        return lines.flatMap { Paragraph.wrap($0, width: width) }
    }

    public func render(in area: Rect, into buffer: inout Buffer) {
        guard !area.isEmpty else { return }
        buffer.setStyle(style, in: area)
        let visible = visualLines(width: area.width).dropFirst(max(0, scroll)).prefix(area.height)
        for (row, line) in visible.enumerated() {
            buffer.write(line, in: area.row(row))
        }
    }

    /// Greedy word wrap of one line into lines of at most `width` columns, keeping span styles.
    static func wrap(_ line: Line, width: Int) -> [Line] {
        if line.displayWidth <= width { return [line] }
        var glyphs: [(Character, Style, Int)] = []
        for span in line.spans {
            for ch in span.text { glyphs.append((ch, span.style, DisplayWidth.of(ch))) }
        }
        var result: [[(Character, Style, Int)]] = []
        var current: [(Character, Style, Int)] = []
        var used = 0
        var lastSpace: Int? = nil
        for glyph in glyphs {
            if used + glyph.2 > width {
                if glyph.0 == " " {  // a space at the break is swallowed
                    result.append(current); current = []; used = 0; lastSpace = nil
                    continue
                }
                if let space = lastSpace {
                    result.append(Array(current[..<space]))
                    current = Array(current[(space + 1)...])
                } else {
                    result.append(current)
                    current = []
                }
                used = current.reduce(0) { $0 + $1.2 }
                lastSpace = nil
            }
            if glyph.0 == " " { lastSpace = current.count }
            current.append(glyph)
            used += glyph.2
        }
        if !current.isEmpty { result.append(current) }
        return result.map { glyphLine in
            var spans: [Span] = []
            for (ch, style, _) in glyphLine {
                if let last = spans.last, last.style == style {
                    spans[spans.count - 1].text.append(ch)
                } else {
                    spans.append(Span(String(ch), style: style))
                }
            }
            return Line(spans, style: line.style, alignment: line.alignment)
        }
    }
}
