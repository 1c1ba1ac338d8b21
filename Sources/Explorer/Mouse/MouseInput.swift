import InterestData
import TerminalUI

/// The mouse, as htop and lazygit use it: a click on the tab bar switches screens, on a users row
/// selects it, on a column header sorts by that column (again: reverses), on an attention cell
/// (learned or planted map) moves the cursor there, on a setting selects it; the wheel scrolls
/// the users table, the Interests scene panels, the settings list, the run list and the message
/// log. `M` turns capture off so the
/// terminal's own selection works (`toggleMouseCapture`).
///
/// `update` has no frame to ask, so the hit tests recompute where `render` put things from the
/// same state and the same layout rules (`MouseLayout`); tests click on the positions found in
/// rendered frames, so the two cannot drift apart unnoticed.
extension AppState {
    mutating func handleMouse(_ mouse: MouseEvent) -> [Effect] {
        guard mouseCapture, !showsHelp, !isConfirmingQuit, export == nil, pathPrompt == nil, training.form.editing == nil,
              width >= minimumWindowSize.width, height >= minimumWindowSize.height else { return [] }
        if showsLog {
            // The log covers the screen: the wheel scrolls it, three lines a notch.
            switch mouse {
            case .wheelUp: for _ in 0..<3 { _ = handleLog(.up) }
            case .wheelDown: for _ in 0..<3 { _ = handleLog(.down) }
            case .press: break
            }
            return []
        }
        switch mouse {
        case let .press(x, y):
            // A click elsewhere ends typing a search, keeping what was typed (as Enter does).
            users.isSearching = false
            cases.isSearching = false
            if y == 0 {
                let tabs = tabBar(screen, width: width)
                if let index = tabs.index(atColumn: x), let target = Screen(rawValue: index) { return show(target) }
                return []
            }
            switch screen {
            case .users: clickUsers(x: x, y: y)
            case .attention: clickAttention(x: x, y: y)
            case .training: clickTraining(x: x, y: y)
            case .cases: clickCases(x: x, y: y)
            case .interests, .transfer: break
            }
        case let .wheelUp(x, y): wheel(-1, x: x, y: y)
        case let .wheelDown(x, y): wheel(1, x: x, y: y)
        }
        return []
    }

    private mutating func wheel(_ direction: Int, x: Int, y: Int) {
        guard MouseLayout.body(self).contains(x: x, y: y) else { return }
        switch screen {
        case .users: users.scroll.scroll(by: 3 * direction, count: users.count, visibleRows: usersVisibleRows)
        case .interests: interestScroll = min(max(0, data.sceneCount - 1), max(0, interestScroll + direction))
        case .training:
            if MouseLayout.trainingForm(self).contains(x: x, y: y) {
                training.form.move(direction)
            } else if runs.isFocused {
                _ = handleRunList(direction < 0 ? .up : .down)
            }
        case .cases: cases.scroll.scroll(by: 3 * direction, count: cases.order.count, visibleRows: casesVisibleRows)
        case .attention, .transfer: break
        }
    }

    private mutating func clickUsers(x: Int, y: Int) {
        let table = MouseLayout.usersTable(self)
        guard table.area.contains(x: x, y: y) else { return }
        if y == table.area.y {
            guard let column = table.column(atX: x) else { return }
            if users.sortColumn == column {
                users.ascending.toggle()
            } else {
                users.sortColumn = column
                users.ascending = true
            }
            users.rebuild(data)
            return
        }
        let visible = Table.visibleRows(inHeight: table.area.height)
        let top = users.scroll.visibleOffset(count: users.count, visibleRows: visible)
        let index = top + y - table.area.y - 1
        guard index < users.count else { return }
        users.scroll.select(index, count: users.count, visibleRows: usersVisibleRows)
    }

    /// A click on a row of the cases table selects that case (its detail shows; Enter opens it).
    private mutating func clickCases(x: Int, y: Int) {
        let table = CasesLayout(width: width, height: height).table
        guard table.contains(x: x, y: y), y > table.y else { return }
        let count = cases.order.count, visible = casesVisibleRows
        let index = cases.scroll.visibleOffset(count: count, visibleRows: visible) + y - table.y - 1
        guard index < count else { return }
        cases.scroll.select(index, count: count, visibleRows: visible)
    }

    private mutating func clickAttention(x: Int, y: Int) {
        for map in MouseLayout.attentionMaps(self) {
            guard map.area.contains(x: x, y: y) else { continue }
            let hit = map.cell(x: x, y: y)
            if let row = hit.row { attention.row = row }
            if let column = hit.column { attention.column = column }
            return
        }
    }

    private mutating func clickTraining(x: Int, y: Int) {
        let form = MouseLayout.trainingForm(self)
        let index = y - form.y
        guard form.contains(x: x, y: y), index < HyperparameterForm.fields.count else { return }
        training.form.selected = index
    }
}

/// Where `render` puts what the mouse can hit, from the state alone (the same rules as the screens).
enum MouseLayout {
    /// Between the tab bar and the status line.
    static func body(_ state: AppState) -> Rect {
        Rect(width: state.width, height: state.height).rows(.length(1), .fill, .length(1))[1]
    }

    /// The users table: its area (header on the first row) and its columns' x ranges.
    struct UsersTable {
        let area: Rect
        let columns: [UserColumn]
        let starts: [Int]
        let widths: [Int]

        func column(atX x: Int) -> UserColumn? {
            for i in columns.indices where widths[i] > 0 && x >= starts[i] && x < starts[i] + widths[i] { return columns[i] }
            return nil
        }
    }

    /// As `UsersScreen.render` lays it out: a rounded block, the search row, the table less a
    /// column for the scrollbar; column widths from the same constraints.
    static func usersTable(_ state: AppState) -> UsersTable {
        let data = state.data
        let inner = body(state).inset(by: 1)
        let area = inner.rows(.length(1), .fill)[1].inset(right: 1)
        let columns = UserColumn.all(sceneCount: data.sceneCount)
        let sceneWidth = min(16, max(8, (inner.width - 60) / max(1, data.sceneCount)))
        let constraints: [Constraint] = columns.map { column in
            switch column {
            case .id: return .length(data.idWidth)
            case .name: return .fill
            case .scene: return .length(sceneWidth)
            case .dominant: return .length(8)
            case .active: return .length(6)
            case .total: return .length(5)
            }
        }
        let widths = splitLengths(area.width, constraints, spacing: 1)
        var starts: [Int] = [], x = area.x
        for w in widths { starts.append(x); x += w + 1 }
        return UsersTable(area: area, columns: columns, starts: starts, widths: widths)
    }

    /// One heatmap of the Attention screen: its area (column labels on the first row, then one
    /// row per target scene) and its cell geometry.
    struct HeatmapHit {
        let area: Rect
        let labelWidth: Int
        let cellWidth: Int
        let size: Int
        let rowsShown: Int
        /// Lines per target row (the maps grow with the room).
        var lines = 1

        /// The target row and source column under (x, y): the row label gives the row only, the
        /// column label the column only.
        func cell(x: Int, y: Int) -> (row: Int?, column: Int?) {
            let offset = y - area.y - 1
            let r = offset < 0 ? -1 : offset / max(lines, 1)
            let row = r >= 0 && r < min(size, rowsShown) ? r : nil
            let gridX = area.x + labelWidth + 1
            var column: Int?
            if x >= gridX {
                let c = (x - gridX) / cellWidth
                if c < size && gridX + (c + 1) * cellWidth <= area.right { column = c }
            }
            if r == -1 { return (nil, column) }
            return (row, row == nil ? nil : column)
        }
    }

    /// As `AttentionScreen.render` lays them out: the learned map, and the planted one beside it
    /// when the data has truth.json. Empty when no matrix is shown.
    static func attentionMaps(_ state: AppState) -> [HeatmapHit] {
        let data = state.data, s = data.sceneCount
        let inner = body(state).inset(by: 1)
        if state.attentionCohorts.mode == .comparison {
            // The comparison's own layout (A | B | A − B, or A − B alone).
            guard let layout = CohortComparisonView.layout(state, inner: inner, mode: state.noColor ? .none : .indexed256) else { return [] }
            return zip(layout.areas, layout.heatmaps).map { area, map in
                let mapArea = area.inset(top: 1), geometry = map.cellGeometry(width: mapArea.width, mode: state.noColor ? .none : .indexed256)
                return HeatmapHit(area: mapArea, labelWidth: geometry.labelWidth, cellWidth: geometry.cellWidth, size: s,
                                  rowsShown: (mapArea.height - 3) / max(layout.lines, 1), lines: layout.lines)
            }
        }
        let matrix: [Float]
        switch AttentionScreen.matrix(state) {
        case .success(let shown): matrix = shown
        case .failure(.noModel):
            // The planted matrix alone, below the text saying how to get a model (`PlantedTransfer`).
            guard let truth = data.dataset.truth, truth.transfer.count == s else { return [] }
            let used = min(inner.height, Paragraph(noModelText(state), wrap: true).visualLines(width: inner.width).count)
            let area = inner.inset(top: used + 1).rows(.length(s + 4), .fill)[0].inset(top: 1)
            return [heatmapHit(truth.transfer, in: area, state: state)]
        case .failure: return []
        }
        // The same layout the screen draws (`AttentionScreen.mapLayout`), cells grown alike.
        let layout = AttentionScreen.mapLayout(state, inner: inner, matrix: matrix, mode: state.noColor ? .none : .indexed256)
        var hits = [heatmapHit((0..<s).map { t in (0..<s).map { Double(matrix[t * s + $0]) } }, in: layout.learned.inset(top: 1),
                               state: state, grows: true, lines: layout.lines)]
        if let other = layout.other, let planted = AttentionScreen.planted(state) {
            hits.append(heatmapHit((0..<s).map { t in (0..<s).map { planted[t * s + $0] } }, in: other.inset(top: 1),
                                   state: state, grows: true, lines: layout.lines))
        }
        return hits
    }

    /// A heatmap of `values` drawn in `area` with the scene labels, as the screens draw them.
    static func heatmapHit(_ values: [[Double]], in area: Rect, state: AppState, grows: Bool = false, lines: Int = 1) -> HeatmapHit {
        let labels = state.data.sceneLabels
        let heatmap = Heatmap(values: values, rowLabels: labels, columnLabels: labels, range: 0...1, grows: grows)
        let geometry = heatmap.cellGeometry(width: area.width, mode: state.noColor ? .none : .indexed256)
        return HeatmapHit(area: area, labelWidth: geometry.labelWidth, cellWidth: geometry.cellWidth, size: labels.count,
                          rowsShown: (area.height - 1 - 2) / max(lines, 1), lines: lines)
    }

    /// The settings of the Training screen, one per row (as `TrainingScreen.renderForm`).
    static func trainingForm(_ state: AppState) -> Rect {
        let area = body(state)
        return area.columns(.length(min(36, max(30, area.width / 3))), .fill, spacing: 1)[0].inset(by: 1)
    }
}
