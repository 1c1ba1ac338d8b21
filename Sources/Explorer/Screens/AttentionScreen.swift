import InterestData
import InterestModel
import TerminalUI

/// Screen 3: the S×S attention heatmap (rows = target, columns = source) of the selected user or
/// of all users, per head or averaged, in the plain, off-diagonal or hidden-target view; the
/// cursor cell explained in words; the planted matrix beside it when the data has truth.json
/// (alone, with how to get a model, while there is none).
struct AttentionScreen: Widget {
    let state: AppState

    /// The matrix shown, or why there is none.
    static func matrix(_ state: AppState) -> Result<[Float], MatrixUnavailable> { matrix(state, of: state.model?.explanation) }

    /// The same for the user's `explanation` (what-if: the one before the edits).
    static func matrix(_ state: AppState, of explanation: UserExplanation?) -> Result<[Float], MatrixUnavailable> {
        guard let context = state.model else { return .failure(.noModel) }
        let cursor = state.attention, s = state.data.sceneCount
        if let shown = cohortMatrix(state) { return shown }
        if cursor.allUsers {
            guard let population = context.population else { return .failure(.computing) }
            switch cursor.view {
            case .plain: return .success(population.average)
            case .offDiagonal: return .success(offDiagonalView(of: population.average, sceneCount: s))
            case .hiddenTarget: return .success(population.hiddenTarget)
            }
        }
        guard let attention = explanation?.attention else { return .failure(.noUser) }
        if let head = cursor.head, head < attention.heads.count {
            switch cursor.view {
            case .plain: return .success(attention.heads[head])
            case .offDiagonal: return .success(offDiagonalView(of: attention.heads[head], sceneCount: s))
            case .hiddenTarget: return .success(attention.hiddenTargetHeads[head])
            }
        }
        switch cursor.view {
        case .plain: return .success(attention.average)
        case .offDiagonal: return .success(attention.offDiagonal)
        case .hiddenTarget: return .success(attention.hiddenTarget)
        }
    }

    enum MatrixUnavailable: Error {
        case noModel, computing, noUser
    }

    /// "head 2" or "head average" (all-users averages exist for the head average only).
    static func headTitle(_ state: AppState) -> String {
        guard let head = state.attention.head, !state.attention.allUsers, state.attentionCohorts.mode == nil else { return "head average" }
        return "head \(head + 1)"
    }

    /// The cursor cell in words: "科技 → 新闻: 0.41 of attention, head 2".
    static func cellSentence(_ state: AppState, matrix: [Float]) -> String {
        let s = state.data.sceneCount, c = state.attention
        let value = matrix[c.row * s + c.column]
        let source = state.data.sceneLabels[c.column], target = state.data.sceneLabels[c.row]
        return "\(source) → \(target): \(formatNumber(Double(value), decimals: 2)) of attention, \(headTitle(state))"
    }

    /// The words under the maps: the cursor cell, the planted share and agreement, the row.
    static func words(_ state: AppState, matrix: [Float]) -> [Line] {
        let data = state.data, cursor = state.attention, s = data.sceneCount
        let planted = Self.planted(state)
        let value = Double(matrix[cursor.row * s + cursor.column])
        let target = data.dataset.scenes[cursor.row].name, source = data.dataset.scenes[cursor.column].name
        var lines: [Line] = [Line(Self.cellSentence(state, matrix: matrix), style: .bold)]
        if let change = whatIfChange(state, matrix: matrix) {
            let cell = cursor.row * s + cursor.column
            lines.append(Line("What-if: this cell \(WhatIfNumbers.change(Double(matrix[cell] - change[cell]), Double(matrix[cell]))); the right map is after − before.",
                              style: .fg(.yellow)))
        }
        lines.append(Line("Target \(target) takes \(Int((value * 100).rounded()))% of its attention from \(source)."))
        if let planted {
            let share = planted[cursor.row * s + cursor.column]
            lines.append(Line("Planted share for this cell: \(formatNumber(share, decimals: 2)) (\(cursor.view.title) view, like the learned "
                + "map); learned − planted = \(signed(value - share))."))
            if let rho = Self.agreement(state, learned: matrix) {
                lines.append(Line("Agreement with the planted matrix: Spearman ρ = \(formatNumber(rho, decimals: 2)) over the \(s * (s - 1)) "
                    + "off-diagonal cells (1 = same order, 0 = unrelated, −1 = reversed)."))
            }
        }
        if cursor.view == .plain { lines.append(Line(Self.selfWeightSentence(state, matrix: matrix))) }
        if !cursor.allUsers, state.attentionCohorts.mode == nil, let explanation = state.model?.explanation {
            if !explanation.scenes[cursor.column].isActive { lines.append(Line("\(source) is inactive for this user (no history): it gets no attention.", style: .dim)) }
            if cursor.view != .hiddenTarget && !explanation.scenes[cursor.row].isActive {
                lines.append(Line("\(target) has no history for this user: the row is the cold-target case.", style: .dim))
            }
        }
        lines += cohortWords(state)
        if cursor.allUsers, let population = state.model?.population {
            lines.append(Line("Averaged over \(population.users) users with history, from all their interactions as everywhere in the explorer (`mist evaluate` averages over the split's training view); heads are shown averaged.", style: .dim))
        }
        lines.append(Line(cursor.view.explanation, style: .dim))
        return lines
    }

    /// Where the maps go (issue 10: cells grow with the room the words leave): the learned map's
    /// area, the planted (or difference) map's beside it when there is one, and lines per row.
    /// `render` and the mouse (`MouseLayout`) both use it, so a click lands on the cell drawn.
    static func mapLayout(_ state: AppState, inner: Rect, matrix: [Float], mode: ColorMode) -> (learned: Rect, other: Rect?, lines: Int, rest: Rect) {
        let data = state.data, s = data.sceneCount
        let values = (0..<s).map { t in (0..<s).map { Double(matrix[t * s + $0]) } }
        let textHeight = Paragraph(words(state, matrix: matrix), wrap: true).visualLines(width: inner.width).count
        let sideBySide = planted(state) != nil || data.dataset.truthWarning != nil || whatIfChange(state, matrix: matrix) != nil
        let mapWidth = sideBySide ? (inner.width - 2) / 2 : inner.width
        let probe = Heatmap(values: values, rowLabels: data.sceneLabels, columnLabels: data.sceneLabels, range: 0...1, grows: true)
        let cellWidth = probe.cellGeometry(width: mapWidth, mode: mode).cellWidth
        let budget = inner.height - textHeight - 1 - (s + 2)
        let lineCount = probe.rowHeight(height: max(0, budget - 1), cellWidth: cellWidth)
        let parts = inner.rows(.length(s * lineCount + 4), .fill)
        let maps = parts[0].columns(.fill, .fill, spacing: 2)
        return (sideBySide ? maps[0] : parts[0], sideBySide ? maps[1] : nil, lineCount, parts[1])
    }

    func render(in area: Rect, into buffer: inout Buffer) {
        let data = state.data, cursor = state.attention
        let block = Block("Attention · \(state.attentionSubject) · \(Self.headTitle(state)) · \(cursor.view.title) view", borders: .rounded)
        buffer.render(block, in: area)
        let inner = block.inner(of: area)
        if state.attentionCohorts.mode == .comparison { return buffer.render(CohortComparisonView(state: state), in: inner) }
        let matrix: [Float]
        switch Self.matrix(state) {
        case .success(let m): matrix = m
        case .failure(.noModel):
            // The data's planted matrix can be read before there is a model to compare it with.
            let message = Paragraph(noModelText(state), wrap: true)
            guard let truth = data.dataset.truth, truth.transfer.count == data.sceneCount else {
                if let warning = data.dataset.truthWarning {
                    buffer.render(Paragraph(noModelText(state) + "\n\nThe planted matrix cannot be shown: \(warning)", wrap: true), in: inner)
                } else {
                    buffer.render(message, in: inner)
                }
                return
            }
            let used = min(inner.height, message.visualLines(width: inner.width).count)
            buffer.render(message, in: inner)
            buffer.render(PlantedTransfer(state: state, truth: truth), in: inner.inset(top: used + 1))
            return
        case .failure(.computing):
            let status = state.attentionCohorts.mode != nil ? state.attentionCohorts.status ?? "x stopped it: c or C starts again"
                : state.model?.populationStatus ?? "averaging attention over all users…"
            buffer.render(Paragraph([Line(status, style: .dim)], wrap: true), in: inner)
            return
        case .failure(.noUser):
            buffer.write(Line("no user selected: pick one on the Users screen (1)", style: .dim), in: inner)
            return
        }
        let s = data.sceneCount
        let values = (0..<s).map { t in (0..<s).map { Double(matrix[t * s + $0]) } }
        let planted = Self.planted(state)
        let warning = data.dataset.truthWarning
        let target = data.dataset.scenes[cursor.row].name

        // The words under the maps, first: the maps take the room they leave.
        let lines = Self.words(state, matrix: matrix)
        let paragraph = Paragraph(lines, wrap: true)
        let textHeight = paragraph.visualLines(width: inner.width).count

        // The maps: cells grow with the room the words and the row's bars leave (at least one
        // line per row), the learned map alone when there is no planted matrix to compare.
        let layout = Self.mapLayout(state, inner: inner, matrix: matrix, mode: buffer.colorMode)
        let learnedArea = layout.learned
        let maps = [layout.learned, layout.other ?? layout.learned]
        let parts = [layout.learned, layout.rest]
        buffer.write(Line(fitted(["learned (row = target, column = source)", "learned (row target, col source)", "learned"], learnedArea.width), style: .bold),
                     in: learnedArea.row(0))
        buffer.render(Heatmap(values: values, rowLabels: data.sceneLabels, columnLabels: data.sceneLabels, range: 0...1,
                              cursor: (cursor.row, cursor.column), grows: true), in: learnedArea.inset(top: 1))
        // What-if: the right map is the change the edits made (it replaces the planted comparison).
        let change = Self.whatIfChange(state, matrix: matrix)
        if let change {
            let values = (0..<s).map { t in (0..<s).map { Double(change[t * s + $0]) } }
            buffer.write(Line(fitted(["after − before the what-if edits (\(cursor.view.title) view)", "after − before (what-if)", "after − before"], maps[1].width), style: .bold),
                         in: maps[1].row(0))
            buffer.render(Heatmap(values: values, rowLabels: data.sceneLabels, columnLabels: data.sceneLabels, range: -1...1,
                                  cursor: (cursor.row, cursor.column), scale: .diverging, centered: true, grows: true), in: maps[1].inset(top: 1))
        }
        if change == nil, planted == nil, let warning {
            // truth.json is optional: say why there is no planted matrix instead of hiding it.
            buffer.write(Line("planted (truth.json): not shown", style: .bold), in: maps[1].row(0))
            buffer.render(Paragraph("\(warning)", wrap: true), in: maps[1].inset(top: 1))
        }
        if change == nil, let planted {
            let rho = Self.agreement(state, learned: matrix).map { " · ρ \(formatNumber($0, decimals: 2))" } ?? ""
            let view = cursor.view.title
            if cursor.showsDifference {
                let difference = (0..<s).map { t in (0..<s).map { values[t][$0] - planted[t * s + $0] } }
                buffer.write(Line(fitted(["learned − planted (\(view) view, d: planted)\(rho)", "learned − planted\(rho)", "learned − planted"], maps[1].width), style: .bold),
                             in: maps[1].row(0))
                buffer.render(Heatmap(values: difference, rowLabels: data.sceneLabels, columnLabels: data.sceneLabels, range: -1...1,
                                      cursor: (cursor.row, cursor.column), scale: .diverging, centered: true, grows: true), in: maps[1].inset(top: 1))
            } else {
                let plantedValues = (0..<s).map { t in (0..<s).map { planted[t * s + $0] } }
                buffer.write(Line(fitted(["planted (truth.json, \(view) view, d: difference)\(rho)", "planted (\(view) view)\(rho)", "planted\(rho)"], maps[1].width), style: .bold),
                             in: maps[1].row(0))
                buffer.render(Heatmap(values: plantedValues, rowLabels: data.sceneLabels, columnLabels: data.sceneLabels, range: 0...1,
                                      cursor: (cursor.row, cursor.column), grows: true), in: maps[1].inset(top: 1))
            }
        }
        let used = min(parts[1].height, textHeight)
        buffer.render(paragraph, in: parts[1])
        // The cursor's row as bars: where the target's attention comes from, scene by scene.
        let room = parts[1].inset(top: used + 1)
        guard room.height >= s + 1 else { return }
        buffer.write(Line("\(target) draws its attention from:" + (change == nil || room.width <= 70 ? "" : "  (what-if: after − before beside each bar)"), style: .bold), in: room.row(0))
        let bars = (0..<s).map { source in
            BarChart.Bar(data.dataset.scenes[source].name, Double(matrix[cursor.row * s + source]), style: .fg(data.sceneColor(source)))
        }
        buffer.render(BarChart(bars, maximum: 1), in: Rect(x: room.x, y: room.y + 1, width: min(room.width, 60), height: s))
        if let change, room.width > 70 {
            for source in 0..<s {
                buffer.write("Δ " + signed(Double(change[cursor.row * s + source])), x: room.x + 62, y: room.y + 1 + source, style: .fg(.yellow))
            }
        }
    }

    /// The planted matrix (truth.json) in the view the learned one is shown in, row-major: as
    /// planted in the plain view; each row renormalised without its diagonal in the off-diagonal
    /// and hidden-target views (what a target gets from the other scenes alone), so that the two
    /// maps and the cell's numbers compare like with like. nil without a usable truth.json.
    static func planted(_ state: AppState) -> [Double]? {
        let s = state.data.sceneCount
        guard let truth = state.data.dataset.truth, truth.transfer.count == s, truth.transfer.allSatisfy({ $0.count == s }) else { return nil }
        let flat = truth.transfer.flatMap { $0 }
        switch state.attention.view {
        case .plain: return flat
        case .offDiagonal, .hiddenTarget:
            return offDiagonalView(of: flat.map { Float($0) }, sceneCount: s).map { Double($0) }
        }
    }

    /// Spearman's rank correlation between the learned matrix shown and the planted one in the
    /// same view, over the off-diagonal cells (the diagonal says how much a scene keeps, which
    /// the views treat differently); nil without a planted matrix or when either side is constant.
    static func agreement(_ state: AppState, learned: [Float]) -> Double? {
        let s = state.data.sceneCount
        guard let planted = planted(state), s > 2 else { return nil }
        let cells = (0..<s).flatMap { t in (0..<s).filter { $0 != t }.map { t * s + $0 } }
        return spearmanRho(cells.map { Double(learned[$0]) }, cells.map { planted[$0] })
    }

    /// The plain view's row in words: how much the target keeps for itself (the self weight) and
    /// how much comes from the other scenes, as this row actually has it.
    static func selfWeightSentence(_ state: AppState, matrix: [Float]) -> String {
        let s = state.data.sceneCount, t = state.attention.row
        let name = state.data.dataset.scenes[t].name
        let row = (0..<s).map { Double(matrix[t * s + $0]) }
        let total = row.reduce(0, +)
        guard total > 0 else { return "This row is empty: no scene gives \(name) attention (no history at all)." }
        let own = Int((row[t] / total * 100).rounded())
        let strongest = (0..<s).filter { $0 != t }.max { row[$0] < row[$1] }
        var sentence = "In this row \(name) keeps \(own)% of its attention for itself (the diagonal, its self weight) and takes \(100 - own)% from the other scenes"
        if let strongest, row[strongest] > 0 {
            sentence += ", most from \(state.data.dataset.scenes[strongest].name) (\(Int((row[strongest] / total * 100).rounded()))%)"
        }
        return sentence + "."
    }
}

/// "+0.04" / "−0.04" (a real minus sign).
func signed(_ value: Double) -> String {
    let text = formatNumber(abs(value), decimals: 2)
    return text == "0.00" ? text : (value < 0 ? "−" : "+") + text
}

/// What a model screen says when there is no model (yet).
func noModelText(_ state: AppState) -> String {
    if state.training.isActive {
        return "No model yet: training is running (\(Int(state.training.fraction * 100))%, screen 5). Every screen uses the new model as soon as it ends."
    }
    return "No model yet. Train one on screen 5 (press 5, then t), or start with `mist explore DATA --model FILE` (a checkpoint written by `mist train`)."
}

extension AppState {
    mutating func handleAttention(_ action: Action) -> [Effect] {
        if let effects = handleCohortAction(action) { return effects }
        let s = data.sceneCount
        switch action {
        case .up: attention.row = max(0, attention.row - 1)
        case .down: attention.row = min(s - 1, attention.row + 1)
        case .left: attention.column = max(0, attention.column - 1)
        case .right: attention.column = min(s - 1, attention.column + 1)
        case .nextHead:
            // The all-users average exists for the head average only: changing the head there
            // would show nothing and surface later (after `u`) as a head nobody chose.
            if attention.allUsers {
                return say("all users: heads are shown averaged (u goes back to this user, where a picks a head)")
            }
            // Per-head matrices exist only for attention transfer (`mean` and `self` have none),
            // so cycle over what the explanation has rather than the configured head count.
            let heads = model?.explanation?.attention.heads.count ?? 0
            guard heads > 0 else { return say("this model has no per-head attention (\(model?.model.hyperparameters.transfer.rawValue ?? "no model") transfer): the head average is all there is") }
            let next = attention.head.map { $0 + 1 } ?? 0
            attention.head = next < heads ? next : nil
            return say(attention.head.map { "head \($0 + 1) of \(heads) (a: next, then the head average)" } ?? "head average (the mean over the \(heads) heads: what the transfer uses)")
        case .toggleDifference:
            guard Self.hasPlanted(self) else { return say("no planted matrix (truth.json) to compare with") }
            attention.showsDifference.toggle()
        case .nextView:
            attention.view = AttentionCursor.View(rawValue: (attention.view.rawValue + 1) % AttentionCursor.View.allCases.count)!
        case .togglePopulation:
            attention.allUsers.toggle()
            if attention.allUsers { return requestPopulationAttention() }
        case .stop:
            // Abandon the average (back to this user's matrix); `u` starts it again.
            guard let context = model, context.populationStatus != nil else { return [] }
            model?.populationStatus = nil
            attention.allUsers = false
            return [.cancelPopulationAttention(generation: context.generation)] + say("stopped averaging attention over all users")
        case .pageUp: stepUser(-1)
        case .pageDown: stepUser(1)
        default: break
        }
        return []
    }

    static func hasPlanted(_ state: AppState) -> Bool { AttentionScreen.planted(state) != nil }

    /// Starts averaging attention over all users in the background, once per model.
    mutating func requestPopulationAttention() -> [Effect] {
        guard let context = model, context.population == nil, context.populationStatus == nil else { return [] }
        model?.populationStatus = "averaging attention over all users… (x stops)"
        return [.computePopulationAttention(generation: context.generation, model: context.model)]
    }
}

extension AttentionScreen {
    /// In what-if mode (this user, not the average of all): the matrix shown minus the same
    /// matrix before the edits, row-major; nil otherwise.
    static func whatIfChange(_ state: AppState, matrix: [Float]) -> [Float]? {
        guard !state.attention.allUsers, state.attentionCohorts.mode == nil, let before = state.whatIfBefore,
              case .success(let old) = Self.matrix(state, of: before.explanation),
              old.count == matrix.count else { return nil }
        return zip(matrix, old).map { $0 - $1 }
    }
}
