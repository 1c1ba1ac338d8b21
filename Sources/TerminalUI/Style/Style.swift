/// Text attributes a cell can carry.
public struct TextAttributes: OptionSet, Hashable, Sendable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let bold = TextAttributes(rawValue: 1 << 0)
    public static let dim = TextAttributes(rawValue: 1 << 1)
    public static let reverse = TextAttributes(rawValue: 1 << 2)
    public static let underline = TextAttributes(rawValue: 1 << 3)
    public static let italic = TextAttributes(rawValue: 1 << 4)
}

/// A change to a cell's look, applied on top of what the cell already has (as in ratatui):
/// a nil colour keeps the cell's colour, `attributes` are added and `removing` are taken away.
/// So text written onto a highlighted row keeps the row's background.
public struct Style: Hashable, Sendable {
    public var foreground: Color?
    public var background: Color?
    public var attributes: TextAttributes
    public var removing: TextAttributes

    public init(foreground: Color? = nil, background: Color? = nil, attributes: TextAttributes = [], removing: TextAttributes = []) {
        self.foreground = foreground
        self.background = background
        self.attributes = attributes
        self.removing = removing
    }

    /// No change.
    public static let plain = Style()
    public static let bold = Style(attributes: .bold)
    public static let dim = Style(attributes: .dim)
    public static let reverse = Style(attributes: .reverse)
    public static let underline = Style(attributes: .underline)

    /// Foreground colour shorthand: `Style.fg(.red)`.
    public static func fg(_ color: Color) -> Style { Style(foreground: color) }
    /// Background colour shorthand.
    public static func bg(_ color: Color) -> Style { Style(background: color) }

    public func foreground(_ color: Color?) -> Style { var s = self; s.foreground = color; return s }
    public func background(_ color: Color?) -> Style { var s = self; s.background = color; return s }
    public func adding(_ extra: TextAttributes) -> Style { var s = self; s.attributes.formUnion(extra); return s }

    /// `other` applied on top of `self`: other's colours win where set, attributes combine.
    public func patched(with other: Style) -> Style {
        Style(
            foreground: other.foreground ?? foreground,
            background: other.background ?? background,
            attributes: attributes.subtracting(other.removing).union(other.attributes),
            removing: removing.subtracting(other.attributes).union(other.removing))
    }
}
