import InterestData
import TerminalUI

/// Screen 1: every user in a virtually scrolled table (id, name, interactions per scene as bars,
/// dominant scene, active scenes, total), with search, sort and a scene filter.
struct UsersScreen: Widget {
    let state: AppState

    /// Rows of users visible in a window `height` rows tall (tabs, status, border, search, header).
    static func visibleRows(windowHeight height: Int) -> Int { max(1, height - 6) }

    func render(in area: Rect, into buffer: inout Buffer) {
        let data = state.data, view = state.users
        var title = "Users · \(view.count) of \(data.directory.userCount)"
        if let column = view.sortColumn { title += " · sorted by \(columnTitle(column)) \(view.ascending ? "▲" : "▼")" }
        if let scene = view.sceneFilter { title += " · active in \(data.dataset.scenes[scene].name)" }
        let block = Block(title, borders: .rounded)
        buffer.render(block, in: area)
        let inner = block.inner(of: area)
        let parts = inner.rows(.length(1), .fill)
        renderSearch(in: parts[0], into: &buffer)

        let columns = UserColumn.all(sceneCount: data.sceneCount)
        let sceneWidth = min(16, max(8, (inner.width - 60) / max(1, data.sceneCount)))
        let tableColumns = columns.map { column -> TableColumn in
            var name = columnTitle(column)
            if column == view.sortColumn { name += view.ascending ? "▲" : "▼" }
            switch column {
            case .id: return TableColumn(name, width: .length(data.idWidth))
            case .name: return TableColumn(name, width: .fill)
            case .scene: return TableColumn(name, width: .length(sceneWidth))
            case .dominant: return TableColumn(name, width: .length(8))
            case .active: return TableColumn(name, width: .length(6))
            case .total: return TableColumn(name, width: .length(5), alignment: .right)
            }
        }
        let table = Table(columns: tableColumns, rowCount: view.count, scroll: view.scroll) { index in
            let u = Int(view.order[index])
            return columns.map { cell(column: $0, user: u, sceneWidth: sceneWidth) }
        }
        // The table leaves its last column to a scrollbar: where the view is in the whole list.
        let tableArea = parts[1].inset(right: 1)
        buffer.render(table, in: tableArea)
        let visible = Table.visibleRows(inHeight: tableArea.height)
        let offset = view.scroll.visibleOffset(count: view.count, visibleRows: visible)
        buffer.render(Scrollbar(count: view.count, offset: offset, visible: visible),
                      in: Rect(x: tableArea.right, y: tableArea.y + 1, width: 1, height: visible))
        if view.count == 0 {
            buffer.write(Line("no user matches; F clears the search and filter", style: .dim, alignment: .center), in: parts[1].row(2))
        }
    }

    private func renderSearch(in row: Rect, into buffer: inout Buffer) {
        let view = state.users
        if view.isEditingCohort {
            buffer.render(CohortPromptRow(prompt: view.cohortPrompt, label: "cohort: ", saved: state.namedCohorts.cohorts.entries.count), in: row)
        } else if let cohort = view.cohort {
            // The count is of the rows shown: a search or a scene filter on top narrows it, and says so.
            var narrowed: [String] = []
            if let scene = view.sceneFilter { narrowed.append("active in \(state.data.dataset.scenes[scene].id)") }
            if !view.query.isEmpty { narrowed.append("search \(view.query)") }
            let also = narrowed.isEmpty ? "" : " + " + narrowed.joined(separator: " + ")
            buffer.write([Span(view.cohortInverted ? "not in cohort: " : "cohort: ", style: .dim), Span(cohort.text, style: .bold),
                          Span(also, style: .bold), Span("  \(view.count) users (c to change, F to clear)", style: .dim)],
                         x: row.x, y: row.y, maxWidth: row.width)
        } else if view.isSearching {
            buffer.render(TextField(view.search, prompt: "/ ", placeholder: "id or name"), in: row)
        } else if !view.query.isEmpty {
            buffer.write([Span("search: ", style: .dim), Span(view.query, style: .bold), Span("  (/ to change, F to clear)", style: .dim)], x: row.x, y: row.y, maxWidth: row.width)
        } else {
            buffer.write(Self.legend(state.data, width: row.width), x: row.x, y: row.y, maxWidth: row.width, style: .dim)
        }
    }

    /// The line above the table: what the Active marks and the bars mean (the bars are full at
    /// the 95th percentile of the per-scene counts, and a bar beyond it ends in ▸), then keys, as
    /// many whole parts as fit.
    static func legend(_ data: ExplorerData, width: Int) -> String {
        let parts = [
            "Active ● has history ○ none",
            "bars: full at \(data.directory.barScale) (95th pct), ▸ beyond",
            "/ search", "s sort", "f filter", "Enter open",
        ]
        var shown: [String] = []
        var used = 0
        for part in parts {
            let cost = part.displayWidth + (shown.isEmpty ? 0 : 3)
            if used + cost <= width { shown.append(part); used += cost }
        }
        return shown.joined(separator: " · ")
    }

    private func columnTitle(_ column: UserColumn) -> String {
        switch column {
        case .id: return "ID"
        case .name: return "Name"
        case .scene(let s): return state.data.sceneLabels[s]
        case .dominant: return "Top"
        case .active: return "Active"
        case .total: return "All"
        }
    }

    private func cell(column: UserColumn, user u: Int, sceneWidth: Int) -> TableCell {
        let data = state.data, directory = data.directory
        switch column {
        case .id: return TableCell(data.userIDs[u])
        case .name: return TableCell(data.userName(u))
        case .scene(let s):
            let count = directory.count(user: u, scene: s)
            let number = TextFit.pad(String(count), to: 3, alignment: .right)
            guard count > 0 else { return TableCell(number, style: .dim) }
            let fraction = Double(count) / Double(max(1, directory.barScale))
            var bar = BarGlyphs.bar(max(fraction, 1.0 / 64), width: sceneWidth - 4)
            // Beyond the cap (the 95th percentile) the bar is full and says so with ▸.
            if count > directory.barScale, sceneWidth - 4 > 1 { bar = String(repeating: "█", count: sceneWidth - 5) + "▸" }
            return TableCell(number + " " + bar, style: .fg(data.sceneColor(s)))
        case .dominant:
            let s = Int(directory.dominantScene[u])
            return s >= 0 ? TableCell(data.sceneLabels[s], style: .fg(data.sceneColor(s))) : TableCell("–", style: .dim)
        case .active:
            // One mark per scene in scene order: ● active, ○ not.
            let marks = (0..<data.sceneCount).map { directory.isActive(user: u, scene: $0) ? "●" : "○" }.joined()
            return TableCell(marks)
        case .total: return TableCell(String(directory.totals[u]))
        }
    }
}

extension AppState {
    var usersVisibleRows: Int { UsersScreen.visibleRows(windowHeight: height) }

    mutating func handleUsers(_ action: Action) -> [Effect] {
        let rows = usersVisibleRows
        switch action {
        case .up: users.scroll.move(by: -1, count: users.count, visibleRows: rows)
        case .down: users.scroll.move(by: 1, count: users.count, visibleRows: rows)
        case .pageUp: users.scroll.page(-1, count: users.count, visibleRows: rows)
        case .pageDown: users.scroll.page(1, count: users.count, visibleRows: rows)
        case .top: users.scroll.select(0, count: users.count, visibleRows: rows)
        case .bottom: users.scroll.select(users.count - 1, count: users.count, visibleRows: rows)
        case .select:
            guard let u = users.selectedUser else { return [] }
            select(user: u)
            show(.interests)
        case .search: users.isSearching = true
        case .cohortFilter:
            users.isEditingCohort = true
            previewCohort()
        case .nameCohort:
            return beginNamingCohort(expression: users.cohort.map { users.cohortInverted ? "not (\($0.text))" : $0.text })
        case .sortNext, .sortPrevious:
            let all = UserColumn.all(sceneCount: data.sceneCount)
            // nil (data order) sits before the first column in the cycle.
            let position = users.sortColumn.flatMap { all.firstIndex(of: $0) }.map { $0 + 1 } ?? 0
            let next = (position + (action == .sortNext ? 1 : all.count)) % (all.count + 1)
            users.sortColumn = next == 0 ? nil : all[next - 1]
            users.ascending = true
            return rebuildUsers()
        case .reverseSort:
            users.ascending.toggle()
            return rebuildUsers()
        case .filterScene:
            let next = (users.sceneFilter.map { $0 + 1 } ?? 0)
            users.sceneFilter = next < data.sceneCount ? next : nil
            return rebuildUsers()
        case .clearFilter:
            users.sceneFilter = nil
            users.search.set("")
            users.cohort = nil
            users.cohortInverted = false
            users.cohortInput.set("")
            return rebuildUsers()
        default: break
        }
        return []
    }

    /// Rebuilds the table after a sort or filter change. The cursor stays on its user, scrolled
    /// into view; when the filter leaves that user out, the cursor goes to the top, and a notice
    /// says which happened.
    mutating func rebuildUsers() -> [Effect] {
        let before = users.selectedUser
        users.rebuild(data)
        users.scroll.select(users.scroll.selected, count: users.count, visibleRows: usersVisibleRows)
        guard let user = before else { return [] }
        let id = data.userIDs[user]
        if users.selectedUser == user {
            return say("the cursor stays on \(id), row \(users.scroll.selected + 1) of \(users.count)")
        }
        let why = users.sceneFilter.map { "not active in \(data.sceneLabels[$0])" }
            ?? (users.cohort != nil ? "not in the cohort" : "not in the list")
        return say(users.count == 0 ? "no user left; F clears the filter and search" : "\(id) is \(why): the cursor went to the top")
    }

    /// Counts the users of the expression typed so far, or says where it is wrong (CohortPrompt).
    mutating func previewCohort() {
        users.cohortPrompt.refresh(data: data, named: namedCohorts)
    }

    /// Typing a cohort: live counts; Enter applies it (or says what is wrong), Esc keeps the old
    /// one; Up/Down recall the saved cohorts.
    mutating func editCohort(_ key: Key, action: Action?) -> [Effect] {
        switch action {
        case .confirm?:
            switch CohortPrompt.parse(users.cohortInput.text, data: data, named: namedCohorts) {
            case nil:
                users.cohort = nil
                users.isEditingCohort = false
                return rebuildUsers()
            case .failure(let error)?:
                return say("cohort: \(error.text)", isError: true)
            case .success(let parsed)?:
                users.cohort = parsed.cohort
                users.cohortInverted = parsed.inverted
                users.isEditingCohort = false
                return rebuildUsers() + say("cohort \(parsed.inverted ? "(inverted) " : "")\(parsed.label): \(users.count) users")
            }
        case .cancel?:
            users.isEditingCohort = false
            users.cohortInput.set(users.cohort.map { (users.cohortInverted ? "!" : "") + $0.text } ?? "")
        case .up?, .down?:
            users.cohortPrompt.recall(action == .up ? -1 : 1, named: namedCohorts)
            previewCohort()
        default:
            users.cohortPrompt.type(key, data: data, named: namedCohorts)
        }
        return []
    }

    /// Typing into the search box filters live.
    mutating func editSearch(_ key: Key, action: Action?) -> [Effect] {
        users.editSearch(key, action: action, data: data)
        return []
    }
}
