import InterestData
import InterestModel
import TerminalUI

/// Screen 2: the selected user's three interest layers per scene, side by side (topic shares as
/// bars, recent items with sentiment marks, sentiment counts), and how similar the scene
/// interest vectors are.
struct InterestsScreen: Widget {
    let state: AppState

    static let panelWidth = 30

    func render(in area: Rect, into buffer: inout Buffer) {
        let data = state.data
        guard let u = state.selectedUser else {
            buffer.render(Block("Interests", borders: .rounded), in: area)
            buffer.write(Line("no user selected: pick one on the Users screen (1)", style: .dim), in: area.inset(by: 1).row(0))
            return
        }
        let attributes = zip(data.dataset.users.attributeNames, data.dataset.users.attributes.indices.contains(u) ? data.dataset.users.attributes[u] : [])
            .map { "\($0): \($1)" }.joined(separator: " · ")
        let outer = Block("Interests · \(data.userTitle(u))\(state.whatIfTitleSuffix)\(attributes.isEmpty ? "" : " · " + attributes)", borders: .rounded)
        buffer.render(outer, in: area)
        let inner = outer.inner(of: area)
        let s = data.sceneCount
        let similarityHeight = s + 4
        let parts = inner.rows(.fill, .length(similarityHeight))
        let profiles = (0..<s).map { profile(user: u, scene: $0) }
        // Active scenes first (in scene order), then the ones without history.
        let order = (0..<s).filter { profiles[$0].isActive } + (0..<s).filter { !profiles[$0].isActive }
        let perRow = max(1, min(s, parts[0].width / Self.panelWidth))
        let first = min(state.interestScroll, max(0, s - perRow))
        let panels = parts[0].split(.horizontal, Array(repeating: .fill, count: perRow), spacing: 1)
        for (i, panel) in panels.enumerated() where first + i < s {
            renderScene(order[first + i], profile: profiles[order[first + i]], in: panel, into: &buffer)
        }
        renderSimilarity(in: parts[1], into: &buffer)
        if first > 0 || first + perRow < s {
            let more = "← → more scenes (\(first + 1)–\(first + perRow) of \(s))"
            buffer.write(more, x: parts[1].right - more.displayWidth, y: parts[1].y, style: .dim)
        }
    }

    private func profile(user u: Int, scene: Int) -> SceneProfile {
        if let explanation = state.model?.explanation, explanation.user == u { return SceneProfile(explanation.scenes[scene]) }
        return SceneProfile(user: u, scene: scene, dataset: state.data.dataset, historyLength: state.training.form.values.historyLength)
    }

    private func renderScene(_ scene: Int, profile: SceneProfile, in area: Rect, into buffer: inout Buffer) {
        let data = state.data, color = data.sceneColor(scene)
        let block = Block(title: Line(data.dataset.scenes[scene].name, style: .fg(color)), borders: .plain, borderStyle: .fg(color))
        buffer.render(block, in: area)
        let inner = block.inner(of: area)
        let before = state.whatIfBefore?.explanation.scenes[scene]
        guard profile.isActive else {
            let hidden = before?.isActive == true
            buffer.write(Line(hidden ? "what-if: no history left here" : "no history in this scene", style: hidden ? .fg(.yellow) : .dim), in: inner.row(0))
            guard let guess = state.model?.inferred[scene], state.model?.explanation?.user == state.selectedUser else { return }
            // What the model infers here, clearly marked: topics of its best items, and the items.
            buffer.write(Line("inferred from other scenes:", style: Style(foreground: .yellow, attributes: [.italic])), in: inner.row(1))
            var y = inner.y + 2
            let topics = guess.topicShares.prefix(max(1, min(3, inner.height - 6)))
            let bars = topics.map { BarChart.Bar(data.dataset.topics[$0.topic], $0.share, style: .fg(.yellow)) }
            let rows = min(topics.count, max(0, inner.bottom - y))
            buffer.render(BarChart(bars, maximum: 1), in: Rect(x: inner.x, y: y, width: inner.width, height: rows))
            y += rows
            guard y < inner.bottom else { return }
            buffer.write(Line("top items (transferred):", style: .dim), in: Rect(x: inner.x, y: y, width: inner.width, height: 1))
            for item in guess.topItems where y + 1 < inner.bottom {
                y += 1
                let title = data.dataset.items.title[item.item].isEmpty ? data.dataset.itemID(Int32(item.item)) : data.dataset.items.title[item.item]
                buffer.write(Line("· " + title, style: .dim), in: Rect(x: inner.x, y: y, width: inner.width, height: 1))
            }
            return
        }
        if let before, let after = state.model?.explanation?.scenes[scene] {
            WhatIfScenePanel(state: state, scene: scene, after: after, before: before).render(in: inner, color: color, into: &buffer)
            return
        }
        var y = inner.y
        // Sentiment layer: counts.
        let c = profile.sentimentCounts
        buffer.write([Span("+\(c[2])", style: .fg(.green)), Span("  ·\(c[1])", style: .dim), Span("  −\(c[0])", style: .fg(.red)), Span("  (last \(profile.recent.count))", style: .dim)],
                     x: inner.x, y: y, maxWidth: inner.width)
        y += 1
        // Topic layer: shares as bars.
        buffer.write("topics", x: inner.x, y: y, style: .bold)
        y += 1
        let topics = profile.topTopics.prefix(max(1, min(5, (inner.height - 4) / 2)))
        let bars = topics.map { BarChart.Bar(data.dataset.topics[$0.topic], Double($0.share), style: .fg(color)) }
        let rows = min(topics.count, max(0, inner.bottom - y))
        buffer.render(BarChart(bars, maximum: 1), in: Rect(x: inner.x, y: y, width: inner.width, height: rows))
        y += rows
        // Content layer: recent items, newest first, with sentiment marks.
        guard y + 1 < inner.bottom else { return }
        buffer.write("recent", x: inner.x, y: y, style: .bold)
        y += 1
        for event in profile.recent.reversed() where y < inner.bottom {
            let (mark, style): (String, Style) = event.feedback > 0 ? ("+", .fg(.green)) : event.feedback < 0 ? ("−", .fg(.red)) : ("·", .dim)
            let v = Int(event.item)
            let title = data.dataset.items.title.indices.contains(v) && !data.dataset.items.title[v].isEmpty ? data.dataset.items.title[v] : data.dataset.itemID(Int32(v))
            buffer.write([Span(mark + " ", style: style), Span(title)], x: inner.x, y: y, maxWidth: inner.width)
            y += 1
        }
    }

    private func renderSimilarity(in area: Rect, into buffer: inout Buffer) {
        let data = state.data, s = data.sceneCount
        buffer.write(Line("similarity of the scene interest vectors z (cosine)", style: .bold), in: area.row(0))
        guard let explanation = state.model?.explanation, explanation.user == state.selectedUser else {
            buffer.render(Paragraph(noModelText(state), wrap: true), in: area.inset(top: 1))
            return
        }
        let z = explanation.scenes.map(\.interest)
        let values = (0..<s).map { a in (0..<s).map { b in
            explanation.scenes[a].isActive && explanation.scenes[b].isActive ? Double(cosine(z[a], z[b])) : Double.nan
        } }
        let parts = area.inset(top: 1).columns(.length(min(area.width, 16 + 7 * s)), .fill, spacing: 2)
        // Centred: 0 (unrelated) is drawn without colour and, without colour, with the weakest
        // shade; a pair with an inactive scene has no similarity at all and shows "·".
        buffer.render(Heatmap(values: values, rowLabels: data.sceneLabels, columnLabels: data.sceneLabels,
                              range: -1...1, scale: .diverging, centered: true), in: parts[0])
        buffer.render(Paragraph([
            Line("1 = the two scenes hold the same interest, 0 = unrelated, −1 = opposite.", style: .dim),
            Line("Inactive scenes (no history) have z = 0: their cells show · (no similarity).", style: .dim),
        ], wrap: true), in: parts[1])
    }
}

extension AppState {
    mutating func handleInterests(_ action: Action) -> [Effect] {
        switch action {
        case .up: stepUser(-1)
        case .down: stepUser(1)
        case .left: interestScroll = max(0, interestScroll - 1)
        case .right: interestScroll = min(max(0, data.sceneCount - 1), interestScroll + 1)
        default: break
        }
        return []
    }
}
