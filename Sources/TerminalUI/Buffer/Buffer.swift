/// A grid of cells that a whole frame is drawn into (immediate mode, as in ratatui).
///
/// Widgets write with absolute coordinates; everything outside the buffer is clipped, so a
/// widget never needs to check bounds. Tests read `lines` and `self[x, y]`; the backend diffs two
/// buffers (`CellDiff`) and writes only what changed.
public struct Buffer: Hashable, Sendable {
    public let width: Int
    public let height: Int
    /// The colours the frame will be shown with; colour-aware widgets (heatmap, legend) read it
    /// to degrade to glyph shades when there is no colour.
    public var colorMode: ColorMode
    public private(set) var cells: [Cell]

    public init(width: Int, height: Int, colorMode: ColorMode = .indexed256) {
        self.width = max(0, width)
        self.height = max(0, height)
        self.colorMode = colorMode
        self.cells = Array(repeating: .blank, count: self.width * self.height)
    }

    /// The whole buffer as a rectangle at (0, 0).
    public var area: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    public func index(x: Int, y: Int) -> Int? {
        guard x >= 0, y >= 0, x < width, y < height else { return nil }
        return y * width + x
    }

    /// The cell at column `x`, row `y` (a blank cell outside the buffer).
    public subscript(x: Int, y: Int) -> Cell {
        get { index(x: x, y: y).map { cells[$0] } ?? .blank }
    }

    /// Each row as plain text: wide graphemes appear once (their continuation cell adds
    /// nothing), so a row's display width is always `width`.
    public var lines: [String] {
        (0..<height).map { line($0) }
    }

    /// Row `y` as plain text.
    public func line(_ y: Int) -> String {
        guard y >= 0 && y < height else { return "" }
        var text = ""
        text.reserveCapacity(width)
        for x in 0..<width {
            let cell = cells[y * width + x]
            if !cell.isContinuation { text += cell.symbol }
        }
        return text
    }

    /// All rows joined by newlines, trailing spaces removed: handy for `contains` checks.
    public var text: String {
        lines.map { line in
            var s = Substring(line)
            while s.last == " " { s = s.dropLast() }
            return String(s)
        }.joined(separator: "\n")
    }

    /// The column where `needle` starts in row `y`, counted in display columns, or nil.
    public func column(of needle: String, inRow y: Int) -> Int? {
        let row = line(y)
        guard let range = row.firstRange(of: needle) else { return nil }
        return row[..<range.lowerBound].displayWidth
    }

    /// The first (column, row) where `needle` appears, or nil.
    public func find(_ needle: String) -> (x: Int, y: Int)? {
        for y in 0..<height {
            if let x = column(of: needle, inRow: y) { return (x, y) }
        }
        return nil
    }

    // MARK: - Writing

    /// Resets every cell to a blank.
    public mutating func clear() {
        for i in cells.indices { cells[i] = .blank }
    }

    /// Replaces the cell at (x, y) with one grapheme, keeping wide characters consistent:
    /// overwriting either half of a wide grapheme blanks its other half.
    mutating func put(_ symbol: String, width w: Int, x: Int, y: Int, style: Style) {
        guard let i = index(x: x, y: y) else { return }
        if w == 2 && x + 1 >= width { return put(" ", width: 1, x: x, y: y, style: style) }
        // Only cells that are part of a wide grapheme need repair (the common case skips it).
        if cells[i].width != 1 { breakWideGrapheme(at: x, y: y) }
        if w == 2 && cells[i + 1].width != 1 { breakWideGrapheme(at: x + 1, y: y) }
        var cell = cells[i]
        cell.symbol = symbol
        cell.width = UInt8(w)
        cell.apply(style)
        cells[i] = cell
        if w == 2, let j = index(x: x + 1, y: y) {
            var continuation = cell
            continuation.symbol = ""
            continuation.width = 0
            cells[j] = continuation
        }
    }

    /// If (x, y) is part of a wide grapheme, turns both of its halves into spaces (keeping colours).
    private mutating func breakWideGrapheme(at x: Int, y: Int) {
        guard let i = index(x: x, y: y) else { return }
        if cells[i].isContinuation, let lead = index(x: x - 1, y: y), cells[lead].width == 2 {
            cells[lead].symbol = " "; cells[lead].width = 1
            cells[i].symbol = " "; cells[i].width = 1
        } else if cells[i].width == 2, let next = index(x: x + 1, y: y), cells[next].isContinuation {
            cells[next].symbol = " "; cells[next].width = 1
            cells[i].symbol = " "; cells[i].width = 1
        } else if cells[i].isContinuation {
            cells[i].symbol = " "; cells[i].width = 1
        }
    }

    /// Writes `text` starting at (x, y), at most `maxWidth` display columns (default: to the right
    /// edge), never past the buffer. A wide grapheme that would straddle the limit is replaced by
    /// a space. Control characters are skipped, tabs become one space.
    /// - Returns: the column after the last one written.
    @discardableResult
    public mutating func write(_ text: String, x: Int, y: Int, maxWidth: Int? = nil, style: Style = .plain) -> Int {
        guard y >= 0 && y < height else { return x }
        let limit = min(width, x + (maxWidth ?? width))
        var column = x
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            // ASCII fast path: one byte is one grapheme of one column (controls skipped).
            for byte in text.utf8 {
                if column >= limit { break }
                if byte < 0x20 || byte == 0x7F {
                    guard byte == 0x09 else { continue }
                }
                if column >= 0 { put(byte == 0x09 ? " " : Buffer.asciiSymbols[Int(byte)], width: 1, x: column, y: y, style: style) }
                column += 1
            }
            return column
        }
        if text.unicodeScalars.allSatisfy(DisplayWidth.isSimple) {
            // Every scalar is its own grapheme (CJK, Cyrillic, box drawing…): skip grapheme breaking.
            for scalar in text.unicodeScalars {
                if column >= limit { break }
                let w = DisplayWidth.of(scalar)
                if column + w > limit {
                    put(" ", width: 1, x: column, y: y, style: style)
                    column += 1
                    break
                }
                if column >= 0 { put(String(scalar), width: w, x: column, y: y, style: style) } else if column + w > 0 { put(" ", width: 1, x: 0, y: y, style: style) }
                column += w
            }
            return column
        }
        for character in text {
            if column >= limit { break }
            var symbol = String(character)
            var w = DisplayWidth.of(character)
            if character == "\t" { symbol = " "; w = 1 }
            if w == 0 { continue }
            if column + w > limit {
                // Half a wide character cannot be shown: pad instead so columns stay aligned.
                put(" ", width: 1, x: column, y: y, style: style)
                column += 1
                break
            }
            if column >= 0 {
                put(symbol, width: w, x: column, y: y, style: style)
            } else if column + w > 0 {
                put(" ", width: 1, x: 0, y: y, style: style)  // the visible half of a wide grapheme cut by the left edge
            }
            column += w
        }
        return column
    }

    /// One-character strings for ASCII, so the fast path creates no strings.
    static let asciiSymbols: [String] = (0..<128).map { String(UnicodeScalar(UInt8($0))) }

    /// Writes styled spans in sequence; returns the column after the last one written.
    @discardableResult
    public mutating func write(_ spans: [Span], x: Int, y: Int, maxWidth: Int? = nil, style: Style = .plain) -> Int {
        let limit = x + (maxWidth ?? width)
        var column = x
        for span in spans {
            guard column < limit else { break }
            column = write(span.text, x: column, y: y, maxWidth: limit - column, style: style.patched(with: span.style))
        }
        return column
    }

    /// Writes a line inside `area`'s first row honouring its alignment; the line style covers the row.
    public mutating func write(_ line: Line, in area: Rect) {
        guard !area.isEmpty else { return }
        setStyle(line.style, in: area.row(0))
        let w = line.displayWidth
        let gap = max(0, area.width - w)
        let start: Int
        switch line.alignment {
        case .left: start = area.x
        case .center: start = area.x + gap / 2
        case .right: start = area.x + gap
        }
        write(line.spans, x: start, y: area.y, maxWidth: area.right - start, style: line.style)
    }

    /// Applies a style patch to every cell of `area` (text unchanged).
    public mutating func setStyle(_ style: Style, in area: Rect) {
        let clipped = area.intersection(self.area)
        guard !clipped.isEmpty else { return }
        for y in clipped.top..<clipped.bottom {
            for x in clipped.left..<clipped.right { cells[y * width + x].apply(style) }
        }
    }

    /// Fills `area` with one narrow symbol (default a space) in `style`.
    public mutating func fill(_ area: Rect, with symbol: String = " ", style: Style = .plain) {
        let clipped = area.intersection(self.area)
        guard !clipped.isEmpty else { return }
        for y in clipped.top..<clipped.bottom {
            for x in clipped.left..<clipped.right { put(symbol, width: 1, x: x, y: y, style: style) }
        }
    }

    /// Sets one narrow symbol at (x, y) in `style` (ignored outside the buffer).
    public mutating func set(_ symbol: String, x: Int, y: Int, style: Style = .plain) {
        put(symbol, width: max(1, min(2, symbol.displayWidth)), x: x, y: y, style: style)
    }

    /// Resets `area` to blank cells (used by overlays before drawing on top of a screen).
    public mutating func erase(_ area: Rect) {
        let clipped = area.intersection(self.area)
        guard !clipped.isEmpty else { return }
        for y in clipped.top..<clipped.bottom {
            breakWideGrapheme(at: clipped.left, y: y)
            breakWideGrapheme(at: clipped.right - 1, y: y)
            for x in clipped.left..<clipped.right { cells[y * width + x] = .blank }
        }
    }
}
