/// The editable state of a one-line text field (search box, form field); lives in app state.
///
/// `handle(_:)` applies the usual line-editing keys and reports whether it used the key, so the
/// app can let Enter and Esc (which it does not use) confirm or cancel.
public struct TextInput: Hashable, Sendable {
    public private(set) var text: String
    /// Cursor position in characters (0…text.count).
    public private(set) var cursor: Int

    public init(_ text: String = "") {
        self.text = text
        self.cursor = text.count
    }

    /// Replaces the text and puts the cursor at its end.
    public mutating func set(_ newText: String) {
        text = newText
        cursor = newText.count
    }

    /// Applies an editing key. Returns false for keys it does not edit with (Enter, Esc, Tab, …).
    @discardableResult
    public mutating func handle(_ key: Key) -> Bool {
        switch key {
        case .character(let c):
            text.insert(c, at: text.index(text.startIndex, offsetBy: cursor))
            cursor += 1
        case .backspace:
            guard cursor > 0 else { return true }
            text.remove(at: text.index(text.startIndex, offsetBy: cursor - 1))
            cursor -= 1
        case .delete:
            guard cursor < text.count else { return true }
            text.remove(at: text.index(text.startIndex, offsetBy: cursor))
        case .left: cursor = max(0, cursor - 1)
        case .right: cursor = min(text.count, cursor + 1)
        case .home, .control("a"): cursor = 0
        case .end, .control("e"): cursor = text.count
        case .control("u"): text.removeSubrange(text.startIndex..<text.index(text.startIndex, offsetBy: cursor)); cursor = 0
        case .control("k"): text.removeSubrange(text.index(text.startIndex, offsetBy: cursor)...)
        default: return false
        }
        return true
    }
}

/// A one-row text field: an optional prompt, the text, and (when focused) the cursor cell
/// shown reversed. Long text scrolls so the cursor stays visible.
public struct TextField: Widget, Sendable {
    public var input: TextInput
    public var prompt: String
    public var placeholder: String
    public var isFocused: Bool
    public var style: Style

    public init(_ input: TextInput, prompt: String = "", placeholder: String = "", isFocused: Bool = true, style: Style = .plain) {
        self.input = input
        self.prompt = prompt
        self.placeholder = placeholder
        self.isFocused = isFocused
        self.style = style
    }

    public func render(in area: Rect, into buffer: inout Buffer) {
        guard !area.isEmpty else { return }
        let row = area.row(0)
        buffer.setStyle(style, in: row)
        let start = buffer.write(prompt, x: row.x, y: row.y, maxWidth: row.width, style: .bold)
        let room = row.right - start
        guard room > 0 else { return }
        if input.text.isEmpty && !placeholder.isEmpty {
            buffer.write(placeholder, x: start, y: row.y, maxWidth: room, style: .dim)
            if isFocused { buffer.setStyle(.reverse, in: Rect(x: start, y: row.y, width: 1, height: 1)) }
            return
        }
        let characters = Array(input.text)
        // Skip leading characters until the cursor (plus one cell for it) fits.
        var first = 0
        func width(_ range: Range<Int>) -> Int { range.reduce(0) { $0 + DisplayWidth.of(characters[$1]) } }
        while first < input.cursor && width(first..<input.cursor) + 1 > room { first += 1 }
        var x = start
        for i in first..<characters.count {
            let w = DisplayWidth.of(characters[i])
            guard x + w <= row.right else { break }
            buffer.write(String(characters[i]), x: x, y: row.y, style: isFocused && i == input.cursor ? .reverse : .plain)
            x += w
        }
        if isFocused && input.cursor == characters.count && x < row.right {
            buffer.setStyle(.reverse, in: Rect(x: x, y: row.y, width: 1, height: 1))
        }
    }
}
