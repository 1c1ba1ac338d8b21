import InterestData
import InterestModel

/// The Transfer screen's top items in what-if mode: which items the edits pushed out.
enum WhatIfTransfer {
    /// The items of `before` that are not in `after`, with their rank before (1-based).
    static func dropped(before: [Int], after: [Int]) -> [(item: Int, rank: Int)] {
        let kept = Set(after)
        return before.enumerated().filter { !kept.contains($0.element) }.map { ($0.element, $0.offset + 1) }
    }

    /// "2 out: news-12 (was #3), news-40 (was #9)" (the count first: the list may be cut at the
    /// window's edge); empty when none dropped out.
    static func droppedText(before: [Int], after: [Int], data: ExplorerData) -> String {
        let out = dropped(before: before, after: after)
        guard !out.isEmpty else { return "" }
        return "\(out.count) out: " + out.map { "\(data.dataset.itemID(Int32($0.item))) (was #\($0.rank))" }.joined(separator: ", ")
    }
}
