import InterestData
import InterestModel
import TerminalUI

/// A scene panel of the Interests screen in what-if mode: each layer after the edits with its
/// change from before (sentiment counts, topic shares "0.31 → 0.42 +0.11", the recent items with
/// the ones the edits brought in marked).
struct WhatIfScenePanel {
    let state: AppState
    let scene: Int
    let after: SceneInterest
    let before: SceneInterest

    func render(in inner: Rect, color: Color, into buffer: inout Buffer) {
        let dataset = state.data.dataset
        var y = inner.y
        // Sentiment layer: counts after, the change where there is one.
        let labels = ["−", "·", "+"], styles: [Style] = [.fg(.red), .dim, .fg(.green)]
        var spans: [Span] = []
        for i in [2, 1, 0] {
            let change = after.sentimentCounts[i] - before.sentimentCounts[i]
            spans.append(Span("\(labels[i])\(after.sentimentCounts[i])", style: styles[i]))
            if change != 0 { spans.append(Span("(\(change > 0 ? "+" : "−")\(abs(change)))", style: .fg(.yellow))) }
            spans.append(Span("  "))
        }
        buffer.write(spans, x: inner.x, y: y, maxWidth: inner.width)
        y += 1
        // Topic layer: every topic with a share before or after, largest after first.
        buffer.write([Span("topics", style: .bold), Span(" before → after", style: .dim)], x: inner.x, y: y, maxWidth: inner.width)
        y += 1
        let topics = after.topicShares.indices.filter { after.topicShares[$0] > 0 || before.topicShares[$0] > 0 }
            .sorted { (after.topicShares[$0], before.topicShares[$0], -$0) > (after.topicShares[$1], before.topicShares[$1], -$1) }
        let shown = topics.prefix(max(1, min(5, (inner.height - 4) / 2)))
        // The topic's name gets what the numbers ("0.33 → 0.50 +0.17", 17 columns) leave.
        let nameWidth = max(8, min(24, inner.width - 18))
        for t in shown where y < inner.bottom {
            buffer.write([Span(TextFit.pad(TextFit.ellipsize(dataset.topics[t], to: nameWidth), to: nameWidth + 1), style: .fg(color)),
                          Span(WhatIfNumbers.change(Double(before.topicShares[t]), Double(after.topicShares[t])))],
                         x: inner.x, y: y, maxWidth: inner.width)
            y += 1
        }
        // Content layer: recent items after, newest first; items the edits brought in are marked.
        guard y + 1 < inner.bottom else { return }
        buffer.write("recent", x: inner.x, y: y, style: .bold)
        y += 1
        var earlier = before.recent
        for event in after.recent.reversed() where y < inner.bottom {
            let v = Int(event.item)
            let title = dataset.items.title[v].isEmpty ? dataset.itemID(Int32(v)) : dataset.items.title[v]
            // The same interaction as before (item and sentiment) is unchanged; anything else is the edits'.
            let isOld = earlier.lastIndex(of: event).map { earlier.remove(at: $0) } != nil
            let mark = event.feedback > 0 ? "+" : event.feedback < 0 ? "−" : "·"
            buffer.write([Span(mark + " ", style: sentimentStyle(event.feedback)), Span(title, style: isOld ? .plain : .fg(.yellow)),
                          Span(isOld ? "" : " (what-if)", style: .fg(.yellow))], x: inner.x, y: y, maxWidth: inner.width)
            y += 1
        }
    }
}

/// Numbers before → after, the same way on every what-if screen.
enum WhatIfNumbers {
    /// "0.31 → 0.42 +0.11" (no change: "0.31 → 0.31", without a difference).
    static func change(_ before: Double, _ after: Double) -> String {
        let delta = after - before
        let deltaText = signed(delta)
        return formatNumber(before, decimals: 2) + " → " + formatNumber(after, decimals: 2) + (deltaText == "0.00" ? "" : " " + deltaText)
    }
}

extension AppState {
    /// " · what-if · 2 edits" for the three screens' titles while what-if is shown.
    var whatIfTitleSuffix: String { showsWhatIf ? " · " + (whatIf?.title ?? "") : "" }

    /// The selected user's explanation before the edits, while what-if shows the edited one.
    var whatIfBefore: WhatIfBefore? {
        guard showsWhatIf, let context = model, context.explanation?.user == selectedUser else { return nil }
        return context.whatIfBefore
    }
}
