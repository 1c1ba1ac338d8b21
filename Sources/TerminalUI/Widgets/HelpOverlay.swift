/// A centered box listing key bindings, built from the same `KeyMap` that dispatches the keys,
/// so what help says is what the keys do. Sections are headed in bold; when the list is taller
/// than the window it flows into more columns.
///
/// ```
/// ┌ Keys: Users ─────────────────────┐
/// │ Move                             │
/// │ ↑ k        move up               │
/// │ ↓ j        move down             │
/// │                                  │
/// │ ?          close help            │
/// │ q Ctrl-C   quit                  │
/// └──────────────────────── Esc close ┘
/// ```
public struct HelpOverlay: Widget, Sendable {
    public var title: String
    public var sections: [(section: String, entries: [(keys: String, description: String)])]
    public var footer: String
    /// Sections that may be left out, in this order, when keeping them would cut descriptions to
    /// fewer than `readableDescription` columns (keys shared by every screen, say), with what the
    /// footer then says instead.
    public var droppable: [String]
    public var droppedNote: String
    static let readableDescription = 24

    public init(title: String = "Keys", sections: [(section: String, entries: [(keys: String, description: String)])], footer: String = "Esc or ? closes",
                droppable: [String] = [], droppedNote: String = "") {
        self.title = title
        self.sections = sections
        self.footer = footer
        self.droppable = droppable
        self.droppedNote = droppedNote
    }

    public init<Action>(_ keyMap: KeyMap<Action>, title: String = "Keys", footer: String = "Esc or ? closes",
                        droppable: [String] = [], droppedNote: String = "") {
        self.init(title: title, sections: keyMap.helpSections, footer: footer, droppable: droppable, droppedNote: droppedNote)
    }

    /// Columns left for descriptions when the rows flow into as many columns as `area` needs.
    func descriptionWidth(in area: Rect) -> Int {
        let keyWidth = min(area.width / 3, sections.flatMap(\.entries).map(\.keys.displayWidth).max() ?? 0)
        let rows = rows(keyWidth: keyWidth)
        let columnCount = max(1, (rows.count + area.height - 3) / max(1, area.height - 2))
        let fairShare = (area.width - 4 - (columnCount - 1) * 3) / columnCount
        let longest = sections.flatMap(\.entries).map(\.description.displayWidth).max() ?? 0
        return min(longest, max(keyWidth + 4, fairShare) - keyWidth - 2)
    }

    /// The overlay's rows: section headers and "keys  description" entries, blank line between sections.
    func rows(keyWidth: Int, descriptionWidth: Int = .max) -> [Line] {
        var rows: [Line] = []
        for (i, section) in sections.enumerated() {
            if i > 0 { rows.append(Line("")) }
            if !section.section.isEmpty { rows.append(Line(section.section, style: Style(attributes: [.bold, .underline]))) }
            for entry in section.entries {
                rows.append(Line([Span(TextFit.pad(entry.keys, to: keyWidth), style: .bold), Span("  " + TextFit.ellipsize(entry.description, to: descriptionWidth))]))
            }
        }
        return rows
    }

    public func render(in area: Rect, into buffer: inout Buffer) {
        guard area.width >= 10, area.height >= 4 else { return }
        // A help whose descriptions would be cut to a few letters is no help: leave out the
        // droppable sections first, one at a time, and say where they are.
        var shown = self
        for section in droppable where shown.descriptionWidth(in: area) < Self.readableDescription {
            guard shown.sections.contains(where: { $0.section == section }) else { continue }
            shown.sections.removeAll { $0.section == section }
            shown.footer = droppedNote.isEmpty ? footer : "\(droppedNote) · \(footer)"
        }
        shown.draw(in: area, into: &buffer)
    }

    private func draw(in area: Rect, into buffer: inout Buffer) {
        let keyWidth = min(area.width / 3, sections.flatMap(\.entries).map(\.keys.displayWidth).max() ?? 0)
        var rows = rows(keyWidth: keyWidth)
        let innerHeightLimit = area.height - 2
        let columnCount = max(1, (rows.count + innerHeightLimit - 1) / innerHeightLimit)
        // Columns share the width when they do not all fit: descriptions are cut, keys never.
        let fairShare = (area.width - 4 - (columnCount - 1) * 3) / columnCount
        let columnWidth = min(max(title.displayWidth + 4, rows.map(\.displayWidth).max() ?? 0), max(keyWidth + 4, fairShare))
        if rows.contains(where: { $0.displayWidth > columnWidth }) {
            rows = self.rows(keyWidth: keyWidth, descriptionWidth: columnWidth - keyWidth - 2)
        }
        let perColumn = (rows.count + columnCount - 1) / max(1, columnCount)
        let width = min(area.width, columnCount * columnWidth + (columnCount - 1) * 3 + 4)
        let height = min(area.height, max(perColumn, 1) + 2)
        let box = area.centered(width: width, height: height)
        buffer.erase(box)
        let block = Block(title, borders: .rounded, padding: 1)
        buffer.render(block, in: box)
        let footerText = TextFit.truncate(" \(footer) ", to: max(0, box.width - 4))
        buffer.write(footerText, x: box.right - 2 - footerText.displayWidth, y: box.bottom - 1, style: .dim)
        let inner = block.inner(of: box)
        for (i, row) in rows.enumerated() {
            let column = i / max(1, perColumn), line = i % max(1, perColumn)
            let x = inner.x + column * (columnWidth + 3)
            guard x < inner.right, line < inner.height else { continue }
            buffer.write(row, in: Rect(x: x, y: inner.y + line, width: min(columnWidth, inner.right - x), height: 1))
        }
    }
}
