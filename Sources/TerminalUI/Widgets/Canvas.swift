/// How a chart turns sub-cell dots into glyphs.
public enum ChartMarker: Hashable, Sendable {
    /// Braille patterns: 2×4 dots per cell (U+2800…U+28FF). The sharpest lines.
    case braille
    /// Half blocks ▀ ▄ █: 1×2 dots per cell, for fonts without braille.
    case block

    /// Dots per cell (columns, rows).
    public var resolution: (x: Int, y: Int) {
        switch self {
        case .braille: return (2, 4)
        case .block: return (1, 2)
        }
    }
}

/// A grid of dots over a cell area, drawn into a buffer with one glyph per cell.
/// Each cell keeps the style of the last series that put a dot in it.
public struct Canvas {
    public let columns: Int
    public let rows: Int
    public let marker: ChartMarker
    private var bits: [UInt8]
    private var styles: [Style?]

    public init(columns: Int, rows: Int, marker: ChartMarker) {
        self.columns = max(0, columns)
        self.rows = max(0, rows)
        self.marker = marker
        bits = Array(repeating: 0, count: self.columns * self.rows)
        styles = Array(repeating: nil, count: self.columns * self.rows)
    }

    /// Width and height in dots.
    public var dotWidth: Int { columns * marker.resolution.x }
    public var dotHeight: Int { rows * marker.resolution.y }

    /// Sets the dot at (x, y), y = 0 at the top; outside dots are ignored.
    public mutating func set(x: Int, y: Int, style: Style) {
        guard x >= 0, y >= 0, x < dotWidth, y < dotHeight else { return }
        let (rx, ry) = marker.resolution
        let cell = (y / ry) * columns + x / rx
        let dx = x % rx, dy = y % ry
        switch marker {
        case .braille:
            // Braille dot numbering: left column 1,2,3,7 and right column 4,5,6,8 (top to bottom).
            let bit: [[UInt8]] = [[0x01, 0x02, 0x04, 0x40], [0x08, 0x10, 0x20, 0x80]]
            bits[cell] |= bit[dx][dy]
        case .block:
            bits[cell] |= dy == 0 ? 1 : 2
        }
        styles[cell] = style
    }

    /// Draws a straight line of dots from (x0, y0) to (x1, y1) (Bresenham).
    public mutating func line(from p0: (x: Int, y: Int), to p1: (x: Int, y: Int), style: Style) {
        var x = p0.x, y = p0.y
        let dx = abs(p1.x - x), dy = -abs(p1.y - y)
        let sx = x < p1.x ? 1 : -1, sy = y < p1.y ? 1 : -1
        var error = dx + dy
        while true {
            set(x: x, y: y, style: style)
            if x == p1.x && y == p1.y { break }
            let e2 = 2 * error
            if e2 >= dy { error += dy; x += sx }
            if e2 <= dx { error += dx; y += sy }
        }
    }

    /// The glyph of cell (column, row), or nil when it has no dots.
    public func glyph(column: Int, row: Int) -> String? {
        let b = bits[row * columns + column]
        guard b != 0 else { return nil }
        switch marker {
        case .braille: return String(Character(Unicode.Scalar(0x2800 + UInt32(b))!))
        case .block: return b == 3 ? "█" : b == 1 ? "▀" : "▄"
        }
    }

    /// Writes the dotted cells into `area` of `buffer` (empty cells are left untouched).
    public func draw(in area: Rect, into buffer: inout Buffer) {
        for row in 0..<min(rows, area.height) {
            for column in 0..<min(columns, area.width) {
                if let g = glyph(column: column, row: row) {
                    buffer.set(g, x: area.x + column, y: area.y + row, style: styles[row * columns + column] ?? .plain)
                }
            }
        }
    }
}
