/// One terminal cell: a grapheme and how it looks.
///
/// A wide grapheme (CJK, most emoji) sits in its first cell with `width == 2`; the cell to its
/// right is a continuation (`symbol == ""`, `width == 0`) that the backend never writes.
public struct Cell: Hashable, Sendable {
    public var symbol: String
    /// Display columns of `symbol`: 1, 2 for a wide lead cell, 0 for a continuation.
    public var width: UInt8
    public var foreground: Color
    public var background: Color
    public var attributes: TextAttributes

    public init(_ symbol: String = " ", width: UInt8 = 1, foreground: Color = .default, background: Color = .default, attributes: TextAttributes = []) {
        self.symbol = symbol
        self.width = width
        self.foreground = foreground
        self.background = background
        self.attributes = attributes
    }

    public static let blank = Cell()

    public var isContinuation: Bool { width == 0 }

    /// Applies a style patch (see `Style`).
    public mutating func apply(_ style: Style) {
        if let fg = style.foreground { foreground = fg }
        if let bg = style.background { background = bg }
        attributes.subtract(style.removing)
        attributes.formUnion(style.attributes)
    }

    /// The look of this cell as a full `Style` (every field set).
    public var style: Style { Style(foreground: foreground, background: background, attributes: attributes) }
}
