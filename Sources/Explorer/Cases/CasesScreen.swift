import InterestData
import InterestModel
import TerminalUI

/// Where the Cases screen puts its parts inside the area it is given; `update` uses the same
/// rules for the table's visible rows (keys and the wheel), so the two cannot drift apart.
struct CasesLayout {
    let summary: Rect
    let filterLine: Rect
    let table: Rect
    let detail: Rect
    /// Table and detail side by side (wide windows), else the detail under the table.
    let sideBySide: Bool

    /// Rows of the detail panel under the table: its title, the header and four targets.
    static let stackedDetailHeight = 6

    init(area: Rect) {
        let inner = area.inset(by: 1)  // the block's border
        let parts = inner.rows(.length(2), .length(1), .fill)
        summary = parts[0]
        filterLine = parts[1]
        sideBySide = inner.width >= 140
        let pieces = sideBySide
            ? parts[2].columns(.fill, .length(min(96, inner.width * 9 / 20)), spacing: 2)
            : parts[2].rows(.fill, .length(Self.stackedDetailHeight), spacing: 1)
        table = pieces[0]
        detail = pieces[1]
    }

    /// The layout of a window `width`×`height` (the body between the tab bar and the status line).
    init(width: Int, height: Int) {
        self.init(area: Rect(x: 0, y: 1, width: width, height: max(0, height - 2)))
    }

    var tableRows: Int { max(1, Table.visibleRows(inHeight: table.height)) }
}

/// Screen 6: the split's cold-target test cases, with where each case's hidden targets landed in
/// the model's ranking and in each untuned baseline's: a summary, the table of cases (filtered,
/// searched, sorted) and the selected case's targets one by one.
struct CasesScreen: Widget {
    let state: AppState

    func render(in area: Rect, into buffer: inout Buffer) {
        let panel = state.cases
        var title = "Cases · cold-target test cases"
        if let report = state.coldCaseReport {
            title += " · \(panel.order.count) of \(report.cases.count)"
            if panel.filter != .all { title += " · \(panel.filter.title)" }
            let short = !CasesLayout(area: area).sideBySide
            if let column = panel.sortColumn { title += " · sorted by \(columnTitle(column, report: report, short: short)) \(panel.ascending ? "▲" : "▼")" }
        }
        let block = Block(title, borders: .rounded)
        buffer.render(block, in: area)
        let inner = block.inner(of: area)
        guard let context = state.model else {
            buffer.render(Paragraph(noModelText(state), wrap: true), in: inner)
            return
        }
        guard let report = state.coldCaseReport else {
            let lines = [
                Line(state.coldCaseStatus ?? "The cold cases are not ranked for this model yet: e ranks them.", style: state.coldCaseStatus != nil ? .fg(.yellow) : .plain),
                Line(""),
                Line("Each cold-target test case hides a user's items in one scene; the model (\(context.comparisonName)) and the untuned "
                     + "popularity, EASE and ItemKNN baselines rank that scene's items from the user's other scenes.", style: .dim),
            ]
            buffer.render(Paragraph(lines, wrap: true), in: inner)
            return
        }
        let layout = CasesLayout(area: area)
        renderSummary(report, context: context, in: layout.summary, into: &buffer)
        renderFilterLine(report, in: layout.filterLine, into: &buffer)
        renderTable(report, in: layout.table, wide: layout.sideBySide, into: &buffer)
        if let index = panel.selectedCase {
            renderDetail(report.cases[index], report: report, in: layout.detail, wide: layout.sideBySide, into: &buffer)
        } else {
            let text = report.cases.isEmpty ? "this split has no cold-target test cases" : "no case matches; F clears the filter and search"
            buffer.write(Line(text, style: .dim, alignment: .center), in: layout.table.row(min(2, max(0, layout.table.height - 1))))
        }
    }

    /// Two lines: the counts, then what the baselines are and how to read the ranks. The longest
    /// wording that fits is used.
    private func renderSummary(_ report: ColdCaseReport, context: ModelContext, in area: Rect, into buffer: inout Buffer) {
        let baselines = report.models.dropFirst().joined(separator: ", ")
        let counts = [
            "\(report.cases.count) cold-target cases of split seed \(context.splitSeed) · \(report.models[0]) wins \(report.wins) · loses \(report.losses) · ties \(report.ties)",
            "\(report.cases.count) cold cases (split seed \(context.splitSeed)) · model wins \(report.wins) · loses \(report.losses) · ties \(report.ties)",
        ]
        let reading = [
            "beside \(baselines): untuned, the middle of their grids · best rank of a hidden target among the scene's items, — beyond depth \(report.depth)",
            "beside \(baselines): untuned, middle of grid · — beyond depth \(report.depth)",
        ]
        func fitting(_ variants: [String]) -> String {
            variants.first { $0.displayWidth <= area.width } ?? TextFit.ellipsizeWords(variants[variants.count - 1], to: area.width)
        }
        buffer.write(Line(fitting(counts), style: .bold), in: area.row(0))
        buffer.write(Line(fitting(reading), style: .dim), in: area.row(1))
    }

    private func renderFilterLine(_ report: ColdCaseReport, in row: Rect, into buffer: inout Buffer) {
        let panel = state.cases
        if panel.isSearching {
            buffer.render(TextField(panel.search, prompt: "/ ", placeholder: "user id or name"), in: row)
        } else if let status = state.coldCaseStatus {
            buffer.write(Line(status, style: .fg(.yellow)), in: row)
        } else {
            var spans = [Span("showing ", style: .dim), Span(panel.filter.title, style: .bold), Span(" (f)", style: .dim)]
            if !panel.query.isEmpty { spans += [Span(" · search ", style: .dim), Span(panel.query, style: .bold), Span(" (/, F clears)", style: .dim)] }
            spans.append(Span(" · s sort · Enter opens the user on Transfer", style: .dim))
            buffer.write(spans, x: row.x, y: row.y, maxWidth: row.width)
        }
    }

    /// A column's header: the model's names in full when wide, else short ("model", "pop").
    private func columnTitle(_ column: CaseColumn, report: ColdCaseReport, short: Bool) -> String {
        switch column {
        case .user: return "user"
        case .name: return "name"
        case .scene: return "scene"
        case .targets: return short ? "#" : "hidden"
        case .rank(let m): return short ? Self.shortName(report.models[m], index: m) : report.models[m]
        case .outcome: return "outcome"
        }
    }

    /// Short model names for narrow tables: the model is "model", baselines are cut to 4 letters.
    static func shortName(_ name: String, index: Int) -> String {
        if index == 0 { return "model" }
        switch name {
        case "popularity": return "pop"
        case "itemknn": return "knn"
        default: return String(name.prefix(4))
        }
    }

    private func renderTable(_ report: ColdCaseReport, in area: Rect, wide: Bool, into buffer: inout Buffer) {
        let data = state.data, panel = state.cases
        let short = !wide
        let rankWidth = { (m: Int) in max(5, self.columnTitle(.rank(m), report: report, short: short).displayWidth + 1) }
        let columns = CaseColumn.all(models: report.models.count).map { column -> TableColumn in
            var name = columnTitle(column, report: report, short: short)
            if column == panel.sortColumn { name += panel.ascending ? "▲" : "▼" }
            switch column {
            case .user: return TableColumn(name, width: .length(max(data.idWidth, 5)))
            case .name: return TableColumn(name, width: .fill)
            case .scene: return TableColumn(name, width: .length(max(6, (data.sceneLabels.map(\.displayWidth).max() ?? 4) + 1)))
            case .targets: return TableColumn(name, width: .length(short ? 2 : 6), alignment: .right)
            case .rank(let m): return TableColumn(name, width: .length(rankWidth(m)), alignment: .right)
            case .outcome: return TableColumn(name, width: .length(8))
            }
        }
        let order = panel.order
        let table = Table(columns: columns, rowCount: order.count, scroll: panel.scroll, showsScrollbar: true) { i in
            let c = report.cases[order[i]], u = Int(c.user), s = Int(c.scene)
            var cells = [TableCell(data.userIDs[u]), TableCell(data.userName(u)),
                         TableCell(data.sceneLabels[s], style: .fg(data.sceneColor(s))), TableCell(String(c.targets.count))]
            cells += report.models.indices.map { m in TableCell(rankText(c.best(m)), style: m == 0 ? .bold : .plain) }
            cells.append(outcomeCell(report.outcome(c)))
            return cells
        }
        buffer.render(table, in: area)
    }

    /// The selected case: each hidden target item with its rank under every model.
    private func renderDetail(_ c: ColdCaseRanks, report: ColdCaseReport, in area: Rect, wide: Bool, into buffer: inout Buffer) {
        guard area.height > 1 else { return }
        let data = state.data, dataset = data.dataset, u = Int(c.user), s = Int(c.scene)
        let shown = min(c.targets.count, Table.visibleRows(inHeight: area.height - 1))
        let more = shown < c.targets.count ? " (\(shown) shown)" : ""
        // The outcome before the counts: it is what a narrow window must not cut.
        buffer.write([Span(data.userTitle(u), style: .bold), Span(" · into "), Span(dataset.scenes[s].name, style: .fg(data.sceneColor(s))),
                      Span(" · "), outcomeCell(report.outcome(c)), Span(" · \(c.targets.count) hidden\(more)")],
                     x: area.x, y: area.y, maxWidth: area.width)
        // Targets by their best rank under any model (beyond the depth last), so the ones that
        // decide the row's outcome are never the ones a short panel cuts.
        let order = c.targets.indices.sorted { a, b in
            let ra = c.ranks.compactMap { $0[a] }.min() ?? Int.max, rb = c.ranks.compactMap { $0[b] }.min() ?? Int.max
            return ra != rb ? ra < rb : a < b
        }
        let idWidth = max(4, c.targets.map { dataset.itemID($0).displayWidth }.max() ?? 4)
        var columns = [TableColumn("item", width: .length(idWidth)), TableColumn("title", width: .fill)]
        if wide { columns.append(TableColumn("topic", width: .length(16))) }
        // Short model names leave the titles room (the legend and the table's header name them).
        columns += report.models.indices.map { m in TableColumn(Self.shortName(report.models[m], index: m), width: .length(5), alignment: .right) }
        let table = Table(columns: columns, rowCount: c.targets.count, showsSelection: false) { row in
            let i = order[row], v = Int(c.targets[i])
            let title = TransferExport.itemTitle(v, data: data)
            var cells = [TableCell(dataset.itemID(c.targets[i]), style: .dim), TableCell(title.isEmpty ? "–" : title)]
            if wide { cells.append(TableCell(dataset.topics[Int(dataset.items.topic[v])], style: .dim)) }
            cells += report.models.indices.map { m in TableCell(rankText(c.ranks[m][i]), style: m == 0 ? .bold : .plain) }
            return cells
        }
        buffer.render(table, in: area.inset(top: 1))
        if wide, area.height > c.targets.count + 4 {
            let names = report.models.indices.map { "\(Self.shortName(report.models[$0], index: $0)) = \(report.models[$0])" }.joined(separator: ", ")
            let legend = "\(names). Rank 1 = first among the scene's candidate items; — = beyond depth \(report.depth). "
                + "Enter opens \(data.userIDs[u]) on Transfer with this scene hidden (what-if)."
            buffer.render(Paragraph([Line(legend, style: .dim)], wrap: true), in: area.inset(top: c.targets.count + 3))
        }
    }

    private func rankText(_ rank: Int?) -> String { rank.map(String.init) ?? "—" }

    /// The outcome as a word (readable without colour), coloured when colour is on.
    private func outcomeCell(_ outcome: ColdCaseOutcome) -> TableCell {
        switch outcome {
        case .win: return TableCell("win", style: .fg(.green))
        case .loss: return TableCell("loss", style: .fg(.red))
        case .tie: return TableCell("tie", style: .dim)
        }
    }
}
