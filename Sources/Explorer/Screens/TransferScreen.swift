import InterestData
import InterestModel
import TerminalUI

/// Where the transfer screen is: the target scene, the graph iteration k shown, and whether
/// "play" is stepping through k by itself.
public struct TransferCursor: Sendable, Equatable {
    public var target = 0
    /// 0…K; k = 0 scores with the initial node states Z⁰.
    public var step = 0
    /// Id of the running play timer (nil: not playing).
    public var playID: Int?

    public init() {}
}

/// Screen 4: the graph transfer into one target scene, iteration by iteration: the edges into the
/// target with their attention weights, each node's change per step, and the top recommendations
/// at step k with how they moved and each source scene's share of their scores.
struct TransferScreen: Widget {
    let state: AppState

    func render(in area: Rect, into buffer: inout Buffer) {
        let data = state.data, cursor = state.transfer
        let targetName = data.dataset.scenes[min(cursor.target, data.sceneCount - 1)].name
        let who = state.selectedUser.map { data.userTitle($0) } ?? "no user"
        let block = Block("Transfer · \(who) · into \(targetName)", borders: .rounded)
        buffer.render(block, in: area)
        let inner = block.inner(of: area)
        guard let context = state.model else {
            buffer.render(Paragraph(noModelText(state), wrap: true), in: inner)
            return
        }
        guard let trace = context.trace, let explanation = context.explanation else {
            buffer.write(Line("no user selected: pick one on the Users screen (1)", style: .dim), in: inner.row(0))
            return
        }
        let s = data.sceneCount
        let parts = inner.rows(.length(s + 3), .fill, spacing: 1)
        let top = parts[0].columns(.fill(3), .fill(2), spacing: 2)
        renderGraph(trace: trace, attention: explanation.attention, in: top[0], into: &buffer)
        renderStep(trace: trace, in: top[1], into: &buffer)
        renderRecommendations(trace: trace, in: parts[1], into: &buffer)
    }

    private func renderGraph(trace: TransferTrace, attention: AttentionView, in area: Rect, into buffer: inout Buffer) {
        let data = state.data, s = data.sceneCount, t = trace.target, k = state.transfer.step
        buffer.write(Line("edges into \(data.sceneLabels[t]) (α) and node change ‖Zᵏ − Zᵏ⁻¹‖", style: .bold), in: area.row(0))
        let labelWidth = (data.sceneLabels.map(\.displayWidth).max() ?? 2) + 7
        let barWidth = max(4, min(16, area.width - labelWidth - 24))
        let maxChange = Double(trace.change.flatMap { $0 }.max() ?? 0)
        for source in 0..<s {
            let y = area.y + 1 + source
            guard y < area.bottom else { break }
            let alpha = Double(attention.value(attention.average, target: t, source: source))
            let label = TextFit.pad(data.sceneLabels[source] + (source == t ? " (self)" : ""), to: labelWidth)
            let change = k == 0 ? "  Z⁰ " : formatNumber(Double(trace.change[k - 1][source]), decimals: 3)
            let history = BarGlyphs.sparkline(trace.change.map { Double($0[source]) }, maximum: maxChange)
            let color = data.sceneColor(source)
            buffer.write([
                Span(label, style: .fg(color)), Span(BarGlyphs.bar(alpha, width: barWidth), style: .fg(color)),
                Span(" " + formatNumber(alpha, decimals: 2) + " → " + data.sceneLabels[t] + "  "),
                Span("Δ " + change + " ", style: .bold), Span(history, style: .fg(color)),
            ], x: area.x, y: y, maxWidth: area.width)
        }
    }

    private func renderStep(trace: TransferTrace, in area: Rect, into buffer: inout Buffer) {
        let k = state.transfer.step, last = trace.states.count - 1
        let dots = (0...last).map { $0 == k ? "●" : "○" }.joined(separator: "─")
        buffer.write([Span("step k = \(k) of \(last)  ", style: .bold), Span(dots)], x: area.x, y: area.y, maxWidth: area.width)
        if state.transfer.playID != nil { buffer.write("▶ playing (Space stops)", x: area.x, y: area.y + 1, maxWidth: area.width, style: .fg(.green)) }
        let text = k == 0
            ? "k = 0: every node holds its own state Z⁰ = W_v z; the target is scored from its own interest."
            : "k = \(k): Zᵏ = (1−β) α Zᵏ⁻¹ + β Z⁰ with β = \(formatSetting(state.model?.model.hyperparameters.beta ?? 0)); each node mixes in its sources."
        buffer.render(Paragraph([Line(text, style: .dim)], wrap: true), in: area.inset(top: 2))
    }

    private func renderRecommendations(trace: TransferTrace, in area: Rect, into buffer: inout Buffer) {
        let data = state.data, s = data.sceneCount, k = min(state.transfer.step, trace.topItemsByIteration.count - 1)
        let items = trace.topItemsByIteration[k]
        let previous = k > 0 ? trace.topItemsByIteration[k - 1].map(\.item) : nil
        var columns = [TableColumn("#", width: .length(2), alignment: .right), TableColumn("item", width: .fill),
                       TableColumn("score", width: .length(7), alignment: .right), TableColumn("move", width: .length(4)),
                       TableColumn("bias", width: .length(7), alignment: .right)]
        columns += (0..<s).map { TableColumn(data.sceneLabels[$0], width: .length(7), alignment: .right) }
        buffer.write(Line("top \(items.count) at step \(k): score = bias + Σ source shares (exact, from M)", style: .bold), in: area.row(0))
        let table = Table(columns: columns, rowCount: items.count, scroll: ScrollState(), showsSelection: false) { i in
            let item = items[i], v = Int(item.item)
            let title = data.dataset.items.title.indices.contains(v) && !data.dataset.items.title[v].isEmpty ? data.dataset.items.title[v] : data.dataset.itemID(Int32(v))
            var move = TableCell("")
            if let previous {
                if let before = previous.firstIndex(of: item.item) {
                    move = before == i ? TableCell("=", style: .dim) : before > i ? TableCell("↑\(before - i)", style: .fg(.green)) : TableCell("↓\(i - before)", style: .fg(.red))
                } else { move = TableCell("new", style: .fg(.yellow)) }
            }
            var cells: [TableCell] = [TableCell(String(i + 1)), TableCell(title), TableCell(formatNumber(Double(item.score), decimals: 3)), move,
                                      TableCell(formatNumber(Double(item.bias), decimals: 3), style: .dim)]
            cells += item.shares.enumerated().map { TableCell(formatNumber(Double($0.element), decimals: 3), style: .fg(data.sceneColor($0.offset))) }
            return cells
        }
        buffer.render(table, in: area.inset(top: 1))
    }
}

extension AppState {
    mutating func handleTransfer(_ action: Action) -> Command<Message> {
        let s = data.sceneCount, last = model?.model.hyperparameters.iterations ?? 0
        switch action {
        case .nextTarget, .previousTarget:
            transfer.target = (transfer.target + (action == .nextTarget ? 1 : s - 1)) % s
            refreshExplanations()
        case .stepForward: transfer.step = min(last, transfer.step + 1); transfer.playID = nil
        case .stepBack: transfer.step = max(0, transfer.step - 1); transfer.playID = nil
        case .play:
            if transfer.playID != nil { transfer.playID = nil; return .none }
            guard model != nil else { return .none }
            if transfer.step >= last { transfer.step = 0 }
            let id = nextID()
            transfer.playID = id
            return .after(milliseconds: playInterval, .playTick(id: id))
        case .pageUp: stepUser(-1)
        case .pageDown: stepUser(1)
        default: break
        }
        return .none
    }

    /// One tick of "play": the next step, until the last one.
    mutating func advancePlay(id: Int) -> Command<Message> {
        guard transfer.playID == id else { return .none }
        let last = model?.model.hyperparameters.iterations ?? 0
        transfer.step = min(last, transfer.step + 1)
        if transfer.step >= last { transfer.playID = nil; return .none }
        return .after(milliseconds: playInterval, .playTick(id: id))
    }
}

/// Milliseconds between steps while playing.
let playInterval = 800
