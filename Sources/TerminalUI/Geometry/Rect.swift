/// A rectangle of terminal cells: `x`, `y` is the top-left cell, sizes are in columns and rows.
///
/// Widgets draw inside a `Rect` of a `Buffer`; sizes are never negative (operations clamp to 0),
/// so layout arithmetic on a tiny window degrades to empty areas instead of crashing.
public struct Rect: Hashable, Sendable, CustomStringConvertible {
    public var x: Int
    public var y: Int
    public var width: Int
    public var height: Int

    public init(x: Int = 0, y: Int = 0, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = max(0, width)
        self.height = max(0, height)
    }

    public static let zero = Rect(width: 0, height: 0)

    public var left: Int { x }
    public var top: Int { y }
    /// One past the last column.
    public var right: Int { x + width }
    /// One past the last row.
    public var bottom: Int { y + height }
    public var isEmpty: Bool { width == 0 || height == 0 }
    public var area: Int { width * height }

    public var description: String { "\(width)×\(height)@(\(x),\(y))" }

    public func contains(x column: Int, y row: Int) -> Bool {
        column >= x && column < right && row >= y && row < bottom
    }

    /// Shrinks every side by the given margins (clamped so the result is never negative).
    public func inset(top: Int = 0, left: Int = 0, bottom: Int = 0, right: Int = 0) -> Rect {
        let newX = min(x + left, self.right)
        let newY = min(y + top, self.bottom)
        return Rect(x: newX, y: newY, width: width - left - right, height: height - top - bottom)
    }

    /// Shrinks every side by `all` cells.
    public func inset(by all: Int) -> Rect { inset(top: all, left: all, bottom: all, right: all) }

    /// Shrinks left/right by `horizontal` and top/bottom by `vertical`.
    public func inset(horizontal: Int, vertical: Int) -> Rect {
        inset(top: vertical, left: horizontal, bottom: vertical, right: horizontal)
    }

    /// The overlap of two rectangles (empty at the nearer corner when they do not overlap).
    public func intersection(_ other: Rect) -> Rect {
        let x0 = max(x, other.x), y0 = max(y, other.y)
        let x1 = min(right, other.right), y1 = min(bottom, other.bottom)
        return Rect(x: x0, y: y0, width: x1 - x0, height: y1 - y0)
    }

    /// A rectangle of at most `width`×`height` centered in this one (used by overlays and dialogs).
    public func centered(width w: Int, height h: Int) -> Rect {
        let cw = min(w, width), ch = min(h, height)
        return Rect(x: x + (width - cw) / 2, y: y + (height - ch) / 2, width: cw, height: ch)
    }

    /// The single row `index` (relative to the top), or an empty rect when outside.
    public func row(_ index: Int) -> Rect {
        guard index >= 0 && index < height else { return Rect(x: x, y: bottom, width: width, height: 0) }
        return Rect(x: x, y: y + index, width: width, height: 1)
    }
}
