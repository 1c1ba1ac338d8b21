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
    static func matrix(_ state: AppState) -> Result<[Float], MatrixUnavailable> {
        guard let context = state.model else { return .failure(.noModel) }
        let cursor = state.attention, s = state.data.sceneCount
        if cursor.allUsers {
            guard let population = context.population else { return .failure(.computing) }
            switch cursor.view {
            case .plain: return .success(population.average)
            case .offDiagonal: return .success(offDiagonalView(of: population.average, sceneCount: s))
            case .hiddenTarget: return .success(population.hiddenTarget)
            }
        }
        guard let attention = context.explanation?.attention else { return .failure(.noUser) }
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
        guard let head = state.attention.head, !state.attention.allUsers else { return "head average" }
        return "head \(head + 1)"
    }

    /// The cursor cell in words: "科技 → 新闻: 0.41 of attention, head 2".
    static func cellSentence(_ state: AppState, matrix: [Float]) -> String {
        let s = state.data.sceneCount, c = state.attention
        let value = matrix[c.row * s + c.column]
        let source = state.data.sceneLabels[c.column], target = state.data.sceneLabels[c.row]
        return "\(source) → \(target): \(formatNumber(Double(value), decimals: 2)) of attention, \(headTitle(state))"
    }

    func render(in area: Rect, into buffer: inout Buffer) {
        let data = state.data, cursor = state.attention
        let who = cursor.allUsers ? "all users" : state.selectedUser.map { data.userTitle($0) } ?? "no user"
        let block = Block("Attention · \(who) · \(Self.headTitle(state)) · \(cursor.view.title) view", borders: .rounded)
        buffer.render(block, in: area)
        let inner = block.inner(of: area)
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
            buffer.write(Line(state.model?.populationStatus ?? "averaging attention over all users…", style: .dim), in: inner)
            return
        case .failure(.noUser):
            buffer.write(Line("no user selected: pick one on the Users screen (1)", style: .dim), in: inner)
            return
        }
        let s = data.sceneCount
        let values = (0..<s).map { t in (0..<s).map { Double(matrix[t * s + $0]) } }
        let hasTruth = data.dataset.truth.map { $0.transfer.count == s } ?? false
        let parts = inner.rows(.length(s + 4), .fill)
        let maps = parts[0].columns(.fill, .fill, spacing: 2)
        let warning = data.dataset.truthWarning
        let learnedArea = hasTruth || warning != nil ? maps[0] : parts[0]
        buffer.write(Line("learned (row = target, column = source)", style: .bold), in: learnedArea.row(0))
        if !hasTruth, let warning {
            // truth.json is optional: say why there is no planted matrix instead of hiding it.
            buffer.write(Line("planted (truth.json): not shown", style: .bold), in: maps[1].row(0))
            buffer.render(Paragraph("\(warning)", wrap: true), in: maps[1].inset(top: 1))
        }
        buffer.render(Heatmap(values: values, rowLabels: data.sceneLabels, columnLabels: data.sceneLabels, range: 0...1,
                              cursor: (cursor.row, cursor.column)), in: learnedArea.inset(top: 1))
        if hasTruth, let truth = data.dataset.truth {
            buffer.write(Line("planted (truth.json)", style: .bold), in: maps[1].row(0))
            buffer.render(Heatmap(values: truth.transfer, rowLabels: data.sceneLabels, columnLabels: data.sceneLabels, range: 0...1,
                                  cursor: (cursor.row, cursor.column)), in: maps[1].inset(top: 1))
        }
        var lines: [Line] = [Line(Self.cellSentence(state, matrix: matrix), style: .bold)]
        let target = data.dataset.scenes[cursor.row].name, source = data.dataset.scenes[cursor.column].name
        let value = Double(matrix[cursor.row * s + cursor.column])
        lines.append(Line("Target \(target) takes \(Int((value * 100).rounded()))% of its attention from \(source)."))
        if hasTruth, let truth = data.dataset.truth {
            lines.append(Line("Planted share for this cell: \(formatNumber(truth.transfer[cursor.row][cursor.column], decimals: 2))."))
        }
        if !cursor.allUsers, let explanation = state.model?.explanation {
            if !explanation.scenes[cursor.column].isActive { lines.append(Line("\(source) is inactive for this user (no history): it gets no attention.", style: .dim)) }
            if cursor.view != .hiddenTarget && !explanation.scenes[cursor.row].isActive {
                lines.append(Line("\(target) has no history for this user: the row is the cold-target case.", style: .dim))
            }
        }
        if cursor.allUsers, let population = state.model?.population {
            lines.append(Line("Averaged over \(population.users) users with history, from all their interactions as everywhere in the explorer (`mist evaluate` averages over the split's training view); heads are shown averaged.", style: .dim))
        }
        lines.append(Line(cursor.view.explanation, style: .dim))
        let paragraph = Paragraph(lines, wrap: true)
        let used = min(parts[1].height, paragraph.visualLines(width: parts[1].width).count)
        buffer.render(paragraph, in: parts[1])
        // The cursor's row as bars: where the target's attention comes from, scene by scene.
        let room = parts[1].inset(top: used + 1)
        guard room.height >= s + 1 else { return }
        buffer.write(Line("\(target) draws its attention from:", style: .bold), in: room.row(0))
        let bars = (0..<s).map { source in
            BarChart.Bar(data.dataset.scenes[source].name, Double(matrix[cursor.row * s + source]), style: .fg(data.sceneColor(source)))
        }
        buffer.render(BarChart(bars, maximum: 1), in: Rect(x: room.x, y: room.y + 1, width: min(room.width, 60), height: s))
    }
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
        let s = data.sceneCount
        switch action {
        case .up: attention.row = max(0, attention.row - 1)
        case .down: attention.row = min(s - 1, attention.row + 1)
        case .left: attention.column = max(0, attention.column - 1)
        case .right: attention.column = min(s - 1, attention.column + 1)
        case .nextHead:
            // Per-head matrices exist only for attention transfer (`mean` and `self` have none),
            // so cycle over what the explanation has rather than the configured head count.
            let heads = model?.explanation?.attention.heads.count ?? 0
            let next = attention.head.map { $0 + 1 } ?? 0
            attention.head = next < heads ? next : nil
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

    /// Starts averaging attention over all users in the background, once per model.
    mutating func requestPopulationAttention() -> [Effect] {
        guard let context = model, context.population == nil, context.populationStatus == nil else { return [] }
        model?.populationStatus = "averaging attention over all users… (x stops)"
        return [.computePopulationAttention(generation: context.generation, model: context.model)]
    }
}
