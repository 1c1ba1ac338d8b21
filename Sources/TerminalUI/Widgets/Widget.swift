/// A value that draws itself into a rectangle of a buffer (ratatui's `Widget`).
///
/// Widgets are plain values built fresh every frame from the app state; they keep no state of
/// their own (scroll positions live in the app state, see `ScrollState`). A screen is a widget
/// made of widgets, and a test renders one into a fixed-size `Buffer` and checks `lines`.
public protocol Widget {
    func render(in area: Rect, into buffer: inout Buffer)
}

extension Buffer {
    /// `widget.render(in: area, into: &self)`, reading left to right.
    public mutating func render(_ widget: some Widget, in area: Rect) {
        widget.render(in: area, into: &self)
    }

    /// Renders into the whole buffer.
    public mutating func render(_ widget: some Widget) {
        widget.render(in: area, into: &self)
    }
}

extension Buffer {
    /// A buffer of the given size with `widget` rendered into all of it: the one-liner tests use.
    public static func rendering(_ widget: some Widget, width: Int, height: Int, colorMode: ColorMode = .indexed256) -> Buffer {
        var buffer = Buffer(width: width, height: height, colorMode: colorMode)
        buffer.render(widget)
        return buffer
    }
}
