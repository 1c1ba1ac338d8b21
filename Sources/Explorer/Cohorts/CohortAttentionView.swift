import InterestData
import InterestModel
import TerminalUI

extension AttentionCursor.View {
    /// The same view in `CohortAttention`'s terms.
    var cohortView: CohortAttention.View {
        switch self {
        case .plain: return .plain
        case .offDiagonal: return .offDiagonal
        case .hiddenTarget: return .hiddenTarget
        }
    }
}

extension AttentionScreen {
    /// While a cohort is shown: its average in the cursor's view (for a comparison, A − B); or
    /// `.computing` while it is being computed. nil when no cohort is shown.
    static func cohortMatrix(_ state: AppState) -> Result<[Float], MatrixUnavailable>? {
        let cohorts = state.attentionCohorts, view = state.attention.view.cohortView
        guard let mode = cohorts.mode else { return nil }
        guard cohorts.generation == state.model?.generation else { return .failure(.computing) }
        switch mode {
        case .cohort: return cohorts.average.map { .success($0.matrix(view)) } ?? .failure(.computing)
        case .comparison: return cohorts.comparison.flatMap { $0.differences[view] }.map { .success($0.value) } ?? .failure(.computing)
        }
    }

    /// Under a cohort's map: whom it averages, and in the hidden-target view the users behind each row.
    static func cohortWords(_ state: AppState) -> [Line] {
        guard state.attentionCohorts.mode == .cohort, let average = state.attentionCohorts.average,
              let side = state.attentionCohorts.first else { return [] }
        var lines = [Line("Cohort \(side.label): \(average.selected) users, \(average.averaged) with history averaged, from all their interactions; heads are shown averaged.", style: .dim)]
        if state.attention.view == .hiddenTarget {
            lines.append(Line(hiddenTargetUsers(average, state.data, prefix: "Users behind each hidden-target row: "), style: .dim))
        }
        return lines
    }

    /// "科技 120 · 新闻 98 …": users active in a scene other than the row's target.
    static func hiddenTargetUsers(_ attention: CohortAttention, _ data: ExplorerData, prefix: String) -> String {
        prefix + zip(data.sceneLabels, attention.hiddenTargetUsers).map { "\($0) \($1)" }.joined(separator: " · ")
    }
}

/// Two cohorts side by side (`C`): A | B | A − B when the three maps fit (200 columns), else
/// A − B alone with A's and B's values of the cursor cell in the detail line (80 columns). In
/// A − B a `*` follows the cells whose bootstrap 95% interval excludes 0.
struct CohortComparisonView: Widget {
    let state: AppState

    func render(in inner: Rect, into buffer: inout Buffer) {
        let cohorts = state.attentionCohorts, cursor = state.attention
        guard let comparison = cohorts.comparison, cohorts.generation == state.model?.generation,
              let (a, b) = cohorts.pair else {
            buffer.render(Paragraph([Line(cohorts.status ?? "x stopped the comparison: C starts it again", style: .dim)], wrap: true), in: inner)
            return
        }
        guard let layout = Self.layout(state, inner: inner, mode: buffer.colorMode), let difference = comparison.differences[cursor.view.cohortView] else { return }
        let maps = layout.areas, heatmaps = layout.heatmaps
        if maps.count == 3 {
            let titles = ["A \(a.label) · \(a.users.count) users", "B \(b.label) · \(b.users.count) users"]
            for i in 0..<2 {
                buffer.write(Line(TextFit.ellipsizeWords(titles[i], to: maps[i].width), style: .bold), in: maps[i].row(0))
                buffer.render(heatmaps[i], in: maps[i].inset(top: 1))
            }
        }
        let differenceMap = heatmaps[heatmaps.count - 1], mode = buffer.colorMode
        let area = maps[maps.count - 1]
        buffer.write(Line(TextFit.ellipsizeWords("A − B (* beyond noise)", to: area.width), style: .bold), in: area.row(0))
        let mapArea = area.inset(top: 1)
        buffer.render(differenceMap, in: mapArea)
        Self.markBeyondNoise(differenceMap, marks: difference.beyondNoise, in: mapArea, mode: mode, into: &buffer)
        buffer.render(Paragraph(Self.words(state, comparison: comparison, a: a, b: b), wrap: true), in: layout.rest)
    }

    /// Where the maps go: A | B | A − B when all three fit, else A − B alone; the same for
    /// drawing and for mouse clicks. nil while there is no comparison to show.
    static func layout(_ state: AppState, inner: Rect, mode: ColorMode) -> (areas: [Rect], heatmaps: [Heatmap], lines: Int, rest: Rect)? {
        let cohorts = state.attentionCohorts, data = state.data, cursor = state.attention, s = data.sceneCount
        guard let comparison = cohorts.comparison, cohorts.generation == state.model?.generation,
              let (a, b) = cohorts.pair, let difference = comparison.differences[cursor.view.cohortView] else { return nil }
        let view = cursor.view.cohortView
        func grid(_ m: [Float]) -> [[Double]] { (0..<s).map { t in (0..<s).map { Double(m[t * s + $0]) } } }
        let plainMap = { (m: [Float]) in Heatmap(values: grid(m), rowLabels: data.sceneLabels, columnLabels: data.sceneLabels, range: 0...1,
                                                 cursor: (cursor.row, cursor.column), grows: true, maximumCellWidth: Self.cellWidth) }
        let spread = difference.value.map { abs(Double($0)) }.max().map { max($0, 0.05) } ?? 1
        let differenceMap = Heatmap(values: grid(difference.value), rowLabels: data.sceneLabels, columnLabels: data.sceneLabels,
                                    range: -spread...spread, cursor: (cursor.row, cursor.column), scale: .diverging, centered: true, grows: true,
                                    maximumCellWidth: Self.cellWidth)
        let textHeight = Paragraph(words(state, comparison: comparison, a: a, b: b), wrap: true).visualLines(width: inner.width).count
        let third = (inner.width - 4) / 3
        let first = plainMap(comparison.first.matrix(view))
        let fitsThree = fits(differenceMap, width: third, mode: mode) && fits(first, width: third, mode: mode)
        let cellWidth = differenceMap.cellGeometry(width: fitsThree ? third : inner.width, mode: mode).cellWidth
        let lines = differenceMap.rowHeight(height: max(0, inner.height - textHeight - 2), cellWidth: cellWidth)
        let parts = inner.rows(.length(s * lines + 4), .fill)
        if fitsThree {
            return (parts[0].columns(.fill, .fill, .fill, spacing: 2), [first, plainMap(comparison.second.matrix(view)), differenceMap], lines, parts[1])
        }
        return ([parts[0]], [differenceMap], lines, parts[1])
    }

    /// Cells stay narrow, so that a `*` in the gutter sits right after its number.
    static let cellWidth = 9

    /// Whether `map` shows every column in `width`.
    static func fits(_ map: Heatmap, width: Int, mode: ColorMode) -> Bool {
        let (label, cell) = map.cellGeometry(width: width, mode: mode)
        return label + 1 + map.values.count * cell <= width && label >= 2
    }

    /// A `*` in the gutter after each marked cell's number (the column the heatmap leaves blank).
    static func markBeyondNoise(_ map: Heatmap, marks: [Bool], in area: Rect, mode: ColorMode, into buffer: inout Buffer) {
        let s = map.values.count
        let (labelWidth, cellWidth) = map.cellGeometry(width: area.width, mode: mode)
        let lines = map.rowHeight(height: area.height, cellWidth: cellWidth)
        for t in 0..<s where area.y + 1 + t * lines < area.bottom {
            let y = area.y + 1 + t * lines + (lines - 1) / 2
            for c in 0..<s where marks[t * s + c] {
                let x = area.x + labelWidth + 1 + c * cellWidth
                guard x + cellWidth <= area.right else { break }
                buffer.write("*", x: x + cellWidth - 1, y: y, style: .bold)
            }
        }
    }

    /// The cursor cell (A, B, A − B and its interval), who A and B are, and the legend.
    static func words(_ state: AppState, comparison: CohortComparison, a: AttentionCohorts.Side, b: AttentionCohorts.Side) -> [Line] {
        let data = state.data, cursor = state.attention, s = data.sceneCount, k = cursor.row * s + cursor.column
        let view = cursor.view.cohortView
        guard let d = comparison.differences[view] else { return [] }
        let valueA = Double(comparison.first.matrix(view)[k]), valueB = Double(comparison.second.matrix(view)[k])
        let cell = "\(data.sceneLabels[cursor.column]) → \(data.sceneLabels[cursor.row]): A \(formatNumber(valueA, decimals: 2)) · B \(formatNumber(valueB, decimals: 2))"
            + " · A − B \(signed(Double(d.value[k]))) [\(signed(Double(d.low[k]))), \(signed(Double(d.high[k])))]"
            + (d.beyondNoise[k] ? " · beyond noise" : " · within noise")
        var lines = [Line(cell, style: .bold),
                     Line("A: \(a.label) (\(comparison.first.selected) users, \(comparison.first.averaged) with history)"),
                     Line("B: \(b.label) (\(comparison.second.selected) users, \(comparison.second.averaged) with history)")]
        if cursor.view == .hiddenTarget {
            lines.append(Line(AttentionScreen.hiddenTargetUsers(comparison.first, data, prefix: "Users per hidden-target row, A: "), style: .dim))
            lines.append(Line(AttentionScreen.hiddenTargetUsers(comparison.second, data, prefix: "B: "), style: .dim))
        }
        lines.append(Line("* the 95% bootstrap interval of A − B excludes 0 (\(comparison.resamples) resamples of each cohort's users, seed \(comparison.seed)). v: view · u: this user", style: .dim))
        return lines
    }
}

/// The status line while a cohort is typed (Attention `c`/`C`) or named (`N`); false otherwise.
func renderCohortStatus(_ state: AppState, in area: Rect, into buffer: inout Buffer) -> Bool {
    if let naming = state.namingCohort {
        if naming.confirmingReplace {
            let name = naming.input.text.trimmingCharacters(in: .whitespaces)
            buffer.write(Line(" @\(name) is saved already as \(state.namedCohorts.cohorts.expression(named: name) ?? ""): replace it? y / n",
                              style: .reverse), in: area)
        } else {
            // Which cohort is being named, as far as the line allows (the help and docs say the rest).
            let expression = TextFit.ellipsizeWords(naming.expression, to: max(8, area.width / 3))
            buffer.render(TextField(naming.input, prompt: " name \(expression) as @", placeholder: "letters, digits, - _"), in: area)
        }
        return true
    }
    guard let prompt = state.attentionCohorts.prompt else { return false }
    let label = state.attentionCohorts.promptIsForComparison ? " B (A: \(state.comparisonFirst.label)): " : " cohort: "
    buffer.render(CohortPromptRow(prompt: prompt, label: label, saved: state.namedCohorts.cohorts.entries.count), in: area)
    return true
}
