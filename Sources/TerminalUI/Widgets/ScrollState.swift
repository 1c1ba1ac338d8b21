/// Selection and scroll position of a list or table; lives in the app state.
///
/// `offset` is the first visible row. Moving the selection moves the offset as little as
/// possible to keep the selection visible (like a text editor's cursor), so the view only
/// scrolls when the selection reaches an edge.
public struct ScrollState: Hashable, Sendable {
    public var selected: Int
    public var offset: Int

    public init(selected: Int = 0, offset: Int = 0) {
        self.selected = selected
        self.offset = offset
    }

    /// The offset to draw with for `count` rows in a view of `visibleRows`: the stored offset,
    /// moved minimally so the selection is visible and the view is not scrolled past the end.
    public func visibleOffset(count: Int, visibleRows: Int) -> Int {
        guard count > 0, visibleRows > 0 else { return 0 }
        let selection = min(max(0, selected), count - 1)
        var top = min(max(0, offset), max(0, count - visibleRows))
        if selection < top { top = selection }
        if selection >= top + visibleRows { top = selection - visibleRows + 1 }
        return top
    }

    /// Selects `index` (clamped to the rows) and scrolls minimally to show it.
    public mutating func select(_ index: Int, count: Int, visibleRows: Int) {
        selected = count == 0 ? 0 : min(max(0, index), count - 1)
        offset = visibleOffset(count: count, visibleRows: max(1, visibleRows))
    }

    /// Moves the selection by `delta` rows (negative is up), clamped to the rows.
    public mutating func move(by delta: Int, count: Int, visibleRows: Int) {
        select(selected + delta, count: count, visibleRows: visibleRows)
    }

    /// Page down (`+1`) or up (`-1`): the selection moves by one view height.
    public mutating func page(_ direction: Int, count: Int, visibleRows: Int) {
        move(by: direction * max(1, visibleRows - 1), count: count, visibleRows: visibleRows)
    }

    /// Scrolls the view (mouse wheel) without losing the selection from view more than needed:
    /// the selection is dragged along when it would leave the view.
    public mutating func scroll(by delta: Int, count: Int, visibleRows: Int) {
        guard count > 0, visibleRows > 0 else { return }
        offset = min(max(0, offset + delta), max(0, count - visibleRows))
        selected = min(max(selected, offset), offset + visibleRows - 1, count - 1)
    }
}
