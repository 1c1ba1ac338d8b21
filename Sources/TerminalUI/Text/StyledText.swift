/// A run of text in one style.
public struct Span: Hashable, Sendable, ExpressibleByStringLiteral {
    public var text: String
    public var style: Style

    public init(_ text: String, style: Style = .plain) {
        self.text = text
        self.style = style
    }

    public init(stringLiteral value: String) { self.init(value) }

    public var displayWidth: Int { text.displayWidth }
}

/// One line of styled text: spans left to right, plus a style under all of them.
public struct Line: Hashable, Sendable, ExpressibleByStringLiteral {
    public var spans: [Span]
    /// Applied to the whole line first (e.g. a background), then each span on top.
    public var style: Style
    public var alignment: TextFit.Alignment

    public init(_ spans: [Span], style: Style = .plain, alignment: TextFit.Alignment = .left) {
        self.spans = spans
        self.style = style
        self.alignment = alignment
    }

    public init(_ text: String, style: Style = .plain, alignment: TextFit.Alignment = .left) {
        self.init([Span(text)], style: style, alignment: alignment)
    }

    public init(stringLiteral value: String) { self.init(value) }

    public var displayWidth: Int { spans.reduce(0) { $0 + $1.displayWidth } }
    public var plainText: String { spans.map(\.text).joined() }
}
