/// How much of a split one piece takes.
///
/// Fixed lengths are served first, then percentages of the whole, then `fill` pieces share what
/// is left by weight (ratatui's `Constraint`, reduced to the three cases screens actually use).
public enum Constraint: Hashable, Sendable {
    /// Exactly this many cells (less if the area is too small).
    case length(Int)
    /// This percentage of the whole area, rounded down.
    case percentage(Int)
    /// A share of the remaining space proportional to the weight.
    case fill(Int)

    /// `fill(1)`: take what is left.
    public static let fill = Constraint.fill(1)
}

/// The axis a split runs along.
public enum Axis: Hashable, Sendable {
    /// Pieces stacked top to bottom (each gets the full width).
    case vertical
    /// Pieces placed left to right (each gets the full height).
    case horizontal
}

/// Splits `total` cells by the constraints, separated by `spacing` cells. Pure arithmetic so the
/// table widget can reuse it for column widths.
public func splitLengths(_ total: Int, _ constraints: [Constraint], spacing: Int = 0) -> [Int] {
    guard !constraints.isEmpty else { return [] }
    let available = max(0, total - spacing * (constraints.count - 1))
    var sizes = [Int](repeating: 0, count: constraints.count)
    var remaining = available
    // Fixed lengths first, in order: the earlier piece wins when space is short.
    for (i, c) in constraints.enumerated() {
        if case .length(let n) = c {
            sizes[i] = min(max(0, n), remaining)
            remaining -= sizes[i]
        }
    }
    for (i, c) in constraints.enumerated() {
        if case .percentage(let p) = c {
            sizes[i] = min(available * max(0, p) / 100, remaining)
            remaining -= sizes[i]
        }
    }
    let fills = constraints.enumerated().compactMap { item -> (Int, Int)? in
        if case .fill(let w) = item.element { return (item.offset, max(0, w)) }
        return nil
    }
    let totalWeight = fills.reduce(0) { $0 + $1.1 }
    if totalWeight > 0 {
        let share = remaining
        var given = 0
        for (i, w) in fills {
            sizes[i] = share * w / totalWeight
            given += sizes[i]
        }
        // Rounding leftovers go to the last fill so the pieces cover the area exactly.
        if let last = fills.last(where: { $0.1 > 0 }) { sizes[last.0] += share - given }
    }
    return sizes
}

extension Rect {
    /// Splits this rectangle along `axis`; the result has one rect per constraint.
    public func split(_ axis: Axis, _ constraints: [Constraint], spacing: Int = 0) -> [Rect] {
        let total = axis == .vertical ? height : width
        let sizes = splitLengths(total, constraints, spacing: spacing)
        var rects: [Rect] = []
        var offset = axis == .vertical ? y : x
        for size in sizes {
            switch axis {
            case .vertical: rects.append(Rect(x: x, y: offset, width: width, height: size))
            case .horizontal: rects.append(Rect(x: offset, y: y, width: size, height: height))
            }
            offset += size + spacing
        }
        return rects
    }

    /// Rows stacked top to bottom: `area.rows(.length(1), .fill, .length(1))`.
    public func rows(_ constraints: Constraint..., spacing: Int = 0) -> [Rect] {
        split(.vertical, constraints, spacing: spacing)
    }

    /// Columns left to right: `area.columns(.percentage(30), .fill)`.
    public func columns(_ constraints: Constraint..., spacing: Int = 0) -> [Rect] {
        split(.horizontal, constraints, spacing: spacing)
    }
}
