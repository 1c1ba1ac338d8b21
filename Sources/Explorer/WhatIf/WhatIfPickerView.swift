import InterestData
import TerminalUI

/// The what-if picker drawn over the screen: what Enter will do, the search field, how many rows
/// match, and the list (keys: `KeyMaps.whatIfPicker`, shown in the status line).
struct WhatIfPickerView: Widget {
    let state: AppState
    let picker: WhatIfPicker

    /// The dialog's box in the screen's body; the list gets what the three lines above it and
    /// its header leave.
    static func box(body: Rect) -> Rect { body.centered(width: min(body.width, 100), height: min(body.height, 24)) }
    static func listRows(body: Rect) -> Int { max(1, box(body: body).height - 2 - 3 - 1) }

    func render(in area: Rect, into buffer: inout Buffer) {
        let data = state.data, dataset = data.dataset
        let box = Self.box(body: area)
        buffer.erase(box)
        let who = state.whatIf.map { data.userIDs[$0.user] } ?? ""
        let block = Block("What-if · \(picker.kind.title) · \(who)", borders: .rounded, borderStyle: .fg(.yellow))
        buffer.render(block, in: box)
        let inner = block.inner(of: box)
        guard inner.height >= 5 else { return }
        let options: [Span]
        switch picker.kind {
        case .addItem:
            options = [Span("scene "), Span(dataset.scenes[picker.scene].name, style: .fg(data.sceneColor(picker.scene)).adding(.bold)),
                       Span(" (Tab) · ", style: .dim), Span("sentiment "), Span(sentimentText(picker.sentiment), style: sentimentStyle(picker.sentiment).adding(.bold)),
                       Span(" (Ctrl-F) · Enter adds it as the newest", style: .dim)]
        case .removeInteraction: options = [Span("Enter removes the item's latest interaction (newest first)", style: .dim)]
        case .flipSentiment: options = [Span("Enter flips the item's latest sentiment: + ↔ −, neutral → +", style: .dim)]
        case .hideScene: options = [Span("Enter hides every interaction of the scene, or shows a hidden scene again", style: .dim)]
        }
        buffer.write(options, x: inner.x, y: inner.y, maxWidth: inner.width)
        let placeholder = picker.kind == .hideScene ? "type to filter by scene id or name" : "type to filter by item id, title or topic"
        buffer.render(TextField(picker.query, prompt: "search: ", placeholder: placeholder), in: inner.row(1))
        let noun = picker.kind == .hideScene ? "scenes" : picker.kind == .addItem ? "items of \(dataset.scenes[picker.scene].id)" : "items in the edited history"
        buffer.write(Line("\(picker.rows.count) of \(picker.total(in: dataset)) \(noun) match", style: .dim), in: inner.row(2))
        buffer.render(table(), in: inner.inset(top: 3))
    }

    private func table() -> Table {
        let data = state.data, dataset = data.dataset, rows = picker.rows
        // Ids as wide as the longest listed (up to 20 columns; the first thousand rows decide).
        let idWidth = max(6, min(20, rows.prefix(1000).map { (picker.kind == .hideScene ? dataset.scenes[$0].id : dataset.itemID(Int32($0))).displayWidth }.max() ?? 0))
        func title(_ v: Int) -> String { dataset.items.title[v].isEmpty ? dataset.itemID(Int32(v)) : dataset.items.title[v] }
        func topic(_ v: Int) -> String { dataset.topics[Int(dataset.items.topic[v])] }
        switch picker.kind {
        case .hideScene:
            let columns = [TableColumn("scene", width: .length(idWidth)), TableColumn("name", width: .fill),
                           TableColumn("interactions", width: .length(12), alignment: .right), TableColumn("what-if", width: .length(8))]
            return Table(columns: columns, rowCount: rows.count, scroll: picker.scroll, showsScrollbar: true) { i in
                let s = rows[i], hidden = state.whatIf?.hides(scene: s) ?? false
                return [TableCell(dataset.scenes[s].id), TableCell(dataset.scenes[s].name, style: .fg(data.sceneColor(s))),
                        TableCell(String(state.selectedUser.map { data.directory.count(user: $0, scene: s) } ?? 0)),
                        TableCell(hidden ? "hidden" : "", style: .fg(.yellow))]
            }
        case .addItem:
            let columns = [TableColumn("id", width: .length(idWidth)), TableColumn("title", width: .fill), TableColumn("topic", width: .length(18))]
            return Table(columns: columns, rowCount: rows.count, scroll: picker.scroll, showsScrollbar: true) { i in
                let v = rows[i]
                return [TableCell(dataset.itemID(Int32(v)), style: .dim), TableCell(title(v)), TableCell(topic(v), style: .dim)]
            }
        case .removeInteraction, .flipSentiment:
            var columns = [TableColumn("now", width: .length(3), alignment: .right)]
            if picker.kind == .flipSentiment { columns.append(TableColumn("to", width: .length(3), alignment: .right)) }
            columns += [TableColumn("id", width: .length(idWidth)), TableColumn("title", width: .fill), TableColumn("topic", width: .length(18))]
            return Table(columns: columns, rowCount: rows.count, scroll: picker.scroll, showsScrollbar: true) { i in
                let v = rows[i], feedback = picker.feedback(of: v) ?? 0
                var cells = [TableCell(sentimentText(feedback), style: sentimentStyle(feedback))]
                if picker.kind == .flipSentiment { cells.append(TableCell(sentimentText(flipped(feedback)), style: sentimentStyle(flipped(feedback)))) }
                return cells + [TableCell(dataset.itemID(Int32(v)), style: .dim), TableCell(title(v)), TableCell(topic(v), style: .dim)]
            }
        }
    }
}

/// Green for positive, red for negative, dim for neutral (as the Interests screen marks them).
func sentimentStyle(_ feedback: Int8) -> Style { feedback > 0 ? .fg(.green) : feedback < 0 ? .fg(.red) : .dim }
