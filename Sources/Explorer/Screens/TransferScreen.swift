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

/// Screen 4: the graph transfer into one target scene, iteration by iteration: the scene graph as
/// a picture (edges into the target with their attention weights, each node's change at step k),
/// the same as a list with sparklines when there is room, and the top recommendations at step k
/// with how they moved and each source scene's share of their scores.
struct TransferScreen: Widget {
    let state: AppState

    func render(in area: Rect, into buffer: inout Buffer) {
        let data = state.data, cursor = state.transfer
        let targetName = data.dataset.scenes[min(cursor.target, data.sceneCount - 1)].name
        let who = state.selectedUser.map { data.userTitle($0) } ?? "no user"
        // A cold target (no history of the user there): everything shown is transferred in.
        let isCold = state.model?.explanation.map { !$0.scenes[min(cursor.target, data.sceneCount - 1)].isActive } ?? false
        let block = Block("Transfer · \(who)\(state.whatIfTitleSuffix) · into \(targetName)" + (isCold ? " · cold: no history here" : ""), borders: .rounded)
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
        let graph = TransferGraph(state: state, trace: trace, attention: explanation.attention)
        // The recommendations keep their rows; the picture is spaced out and the per-node list
        // (with sparklines) shown only when the window leaves room for them.
        let recommendationRows = recommendationCount + 2
        let spaced = inner.height - 2 - graph.height(spaced: true) - 1 >= recommendationRows
        let graphHeight = 1 + graph.height(spaced: spaced)
        let listHeight = s + 1
        let showsList = inner.height - 2 - graphHeight - 1 - (listHeight + 1) >= recommendationRows
        var pieces: [Constraint] = [.length(1), .length(graphHeight), .fill]
        if showsList { pieces.insert(.length(listHeight), at: 2) }
        let parts = inner.split(.vertical, pieces, spacing: 1)
        renderStep(in: parts[0], into: &buffer)
        // The picture gets the width it needs in full; the step's formula takes what is left.
        let picture = graph.widget()
        let explanationWidth = min(max(inner.width * 2 / 5, inner.width - picture.minimumWidth - 24), inner.width - picture.minimumWidth - 2)
        let top = explanationWidth >= 16 ? parts[1].columns(.fill, .length(explanationWidth), spacing: 2) : [parts[1]]
        buffer.write(Line("scene graph into \(data.sceneLabels[trace.target]) · Δ = ‖Zᵏ − Zᵏ⁻¹‖", style: .bold), in: top[0].row(0))
        buffer.render(picture, in: top[0].inset(top: 1))
        if top.count > 1 { renderStepExplanation(in: top[1], into: &buffer) }
        if showsList { renderNodeList(graph, in: parts[2], into: &buffer) }
        renderRecommendations(trace: trace, in: parts[parts.count - 1], into: &buffer)
    }

    /// Each node as a row: its edge weight as a bar, its change at step k and over all steps.
    private func renderNodeList(_ graph: TransferGraph, in area: Rect, into buffer: inout Buffer) {
        let data = state.data, t = graph.trace.target, trace = graph.trace
        buffer.write(Line("edges into \(data.sceneLabels[t]) (α; M = what the score uses after K steps) and node change", style: .bold), in: area.row(0))
        let labelWidth = (data.sceneLabels.map(\.displayWidth).max() ?? 2) + 7
        let barWidth = max(4, min(16, area.width - labelWidth - 24))
        let maxChange = Double(trace.change.flatMap { $0 }.max() ?? 0)
        for source in 0..<data.sceneCount {
            let y = area.y + 1 + source
            guard y < area.bottom else { break }
            let alpha = graph.weight(from: source)
            let effective = Double(trace.transferMatrix[t * data.sceneCount + source])
            let label = TextFit.pad(data.sceneLabels[source] + (source == t ? " (self)" : ""), to: labelWidth)
            let history = BarGlyphs.sparkline(trace.change.map { Double($0[source]) }, maximum: maxChange)
            let color = data.sceneColor(source)
            buffer.write([
                Span(label, style: .fg(color)), Span(BarGlyphs.bar(alpha, width: barWidth), style: .fg(color)),
                Span(" " + formatNumber(alpha, decimals: 2) + " → " + data.sceneLabels[t] + "  "),
                Span("M " + formatNumber(effective, decimals: 2) + "  ", style: .dim),
                Span(TextFit.pad(graph.changeNote(of: source), to: 7) + " ", style: .bold), Span(history, style: .fg(color)),
            ], x: area.x, y: y, maxWidth: area.width)
        }
    }

    private func renderStep(in area: Rect, into buffer: inout Buffer) {
        let k = state.transfer.step, last = state.model?.model.hyperparameters.iterations ?? 0
        let dots = (0...last).map { $0 == k ? "●" : "○" }.joined(separator: "─")
        var spans = [Span("step k = \(k) of \(last)  ", style: .bold), Span(dots)]
        if state.transfer.playID != nil { spans.append(Span("  ▶ playing (Space stops)", style: .fg(.green))) }
        buffer.write(spans, x: area.x, y: area.y, maxWidth: area.width)
    }

    private func renderStepExplanation(in area: Rect, into buffer: inout Buffer) {
        let k = state.transfer.step
        let text = k == 0
            ? "k = 0: every node holds its own state \(state.model?.model.hyperparameters.initialStateFormula ?? "Z⁰"); the target is scored from its own interest."
            : "k = \(k): Zᵏ = (1−β) α Zᵏ⁻¹ + β Z⁰ with β = \(formatSetting(state.model?.model.hyperparameters.beta ?? 0)); each node mixes in its sources."
        buffer.render(Paragraph([Line(text, style: .dim)], wrap: true), in: area)
    }

    private func renderRecommendations(trace: TransferTrace, in area: Rect, into buffer: inout Buffer) {
        let data = state.data, s = data.sceneCount, k = min(state.transfer.step, trace.topItemsByIteration.count - 1)
        let items = trace.topItemsByIteration[k]
        // What-if: each item's move is against the same step before the edits, not the step before.
        let before = state.whatIfBefore.map { $0.trace.topItemsByIteration[min(k, $0.trace.topItemsByIteration.count - 1)].map(\.item) }
        let previous = before ?? (k > 0 ? trace.topItemsByIteration[k - 1].map(\.item) : nil)
        let wide = area.width >= 100
        var columns = [TableColumn("#", width: .length(2), alignment: .right), TableColumn("item", width: .fill)]
        // Ids and topics when there is room (the CLI's JSON always has them).
        if wide { columns += [TableColumn("id", width: .length(12)), TableColumn("topic", width: .length(14))] }
        columns += [TableColumn("score", width: .length(7), alignment: .right), TableColumn("move", width: .length(4)),
                    TableColumn("bias", width: .length(7), alignment: .right)]
        columns += (0..<s).map { TableColumn(data.sceneLabels[$0], width: .length(7), alignment: .right) }
        if let before {
            let out = WhatIfTransfer.droppedText(before: before, after: items.map(\.item), data: data)
            buffer.write([Span("top \(items.count) at step \(k) after the edits · move = from before", style: .bold)]
                         + (out.isEmpty ? [] : [Span(" · " + out, style: .fg(.red))]), x: area.x, y: area.y, maxWidth: area.width)
        } else {
            buffer.write(Line("top \(items.count) at step \(k): score = bias + Σ source shares (exact, from M)", style: .bold), in: area.row(0))
        }
        let table = Table(columns: columns, rowCount: items.count, scroll: ScrollState(), showsSelection: false) { i in
            let item = items[i], v = Int(item.item)
            let title = data.dataset.items.title.indices.contains(v) && !data.dataset.items.title[v].isEmpty ? data.dataset.items.title[v] : data.dataset.itemID(Int32(v))
            var move = TableCell("")
            if let previous {
                if let before = previous.firstIndex(of: item.item) {
                    move = before == i ? TableCell("=", style: .dim) : before > i ? TableCell("↑\(before - i)", style: .fg(.green)) : TableCell("↓\(i - before)", style: .fg(.red))
                } else { move = TableCell("new", style: .fg(.yellow)) }
            }
            var cells: [TableCell] = [TableCell(String(i + 1)), TableCell(title)]
            if wide {
                cells += [TableCell(data.dataset.itemID(Int32(v)), style: .dim),
                          TableCell(data.dataset.topics[Int(data.dataset.items.topic[v])], style: .dim)]
            }
            cells += [TableCell(formatNumber(Double(item.score), decimals: 3)), move, TableCell(formatNumber(Double(item.bias), decimals: 3), style: .dim)]
            cells += item.shares.enumerated().map { TableCell(formatNumber(Double($0.element), decimals: 3), style: .fg(data.sceneColor($0.offset))) }
            return cells
        }
        buffer.render(table, in: area.inset(top: 1))
    }
}

extension AppState {
    mutating func handleTransfer(_ action: Action) -> [Effect] {
        let s = data.sceneCount, last = model?.model.hyperparameters.iterations ?? 0
        switch action {
        case .nextTarget, .previousTarget:
            transfer.target = (transfer.target + (action == .nextTarget ? 1 : s - 1)) % s
            refreshExplanations()
        case .stepForward: transfer.step = min(last, transfer.step + 1); transfer.playID = nil
        case .stepBack: transfer.step = max(0, transfer.step - 1); transfer.playID = nil
        case .play:
            if transfer.playID != nil { transfer.playID = nil; return [] }
            guard model != nil else { return [] }
            if transfer.step >= last { transfer.step = 0 }
            let id = nextID()
            transfer.playID = id
            return [.after(milliseconds: playInterval, .playTick(id: id))]
        case .pageUp: stepUser(-1)
        case .pageDown: stepUser(1)
        default: break
        }
        return []
    }

    /// One tick of "play": the next step, until the last one.
    mutating func advancePlay(id: Int) -> [Effect] {
        guard transfer.playID == id else { return [] }
        let last = model?.model.hyperparameters.iterations ?? 0
        transfer.step = min(last, transfer.step + 1)
        if transfer.step >= last { transfer.playID = nil; return [] }
        return [.after(milliseconds: playInterval, .playTick(id: id))]
    }
}

/// Milliseconds between steps while playing.
let playInterval = 800
