import InterestData
import InterestModel
import TerminalUI

/// The modal list a what-if edit is picked from, with a search field: a scene's catalogue
/// (adding), the user's interactions (removing, flipping) or the scenes (hiding). Typing filters
/// the rows by item id, title and topic (scene id and name when hiding), ignoring case.
public struct WhatIfPicker: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case addItem, removeInteraction, flipSentiment, hideScene

        /// The picker's title.
        var title: String {
            switch self {
            case .addItem: return "add an item"
            case .removeInteraction: return "remove an interaction"
            case .flipSentiment: return "flip an interaction's sentiment"
            case .hideScene: return "hide or show a scene"
            }
        }
    }

    public var kind: Kind
    public var query = TextInput()
    /// Adding: the scene whose catalogue is listed.
    public var scene = 0
    /// Adding: the sentiment of the new interaction (+1, 0, −1).
    public var sentiment: Int8 = 1
    /// Removing or flipping: the user's items as the edited history has them (each item once,
    /// with its latest feedback, newest first: the interaction an edit of the item changes).
    public var interactions: [HistoryEvent] = []
    /// The rows matching the search, in list order: item indices, or scene indices when hiding.
    public private(set) var rows: [Int] = []
    public var scroll = ScrollState()

    public init(kind: Kind, scene: Int = 0, interactions: [HistoryEvent] = [], in dataset: Dataset) {
        self.kind = kind
        self.scene = scene
        var seen = Set<Int32>()
        self.interactions = interactions.reversed().filter { seen.insert($0.item).inserted }
        refilter(in: dataset)
    }

    /// How many rows there are before the search ("12 of 300 items").
    func total(in dataset: Dataset) -> Int {
        switch kind {
        case .addItem: return dataset.itemsByScene[scene].count
        case .removeInteraction, .flipSentiment: return interactions.count
        case .hideScene: return dataset.sceneCount
        }
    }

    /// The latest feedback of `item` in the edited history (removing, flipping).
    func feedback(of item: Int) -> Int8? { interactions.first { Int($0.item) == item }?.feedback }

    /// Recomputes the rows for the search and the scene; the selection goes to the first row.
    mutating func refilter(in dataset: Dataset) {
        let words = query.text.lowercased().split(separator: " ").map(String.init)
        func matches(_ fields: [String]) -> Bool {
            let text = fields.joined(separator: " ").lowercased()
            return words.allSatisfy { text.contains($0) }
        }
        func itemMatches(_ v: Int) -> Bool {
            words.isEmpty || matches([dataset.itemID(Int32(v)), dataset.items.title[v], dataset.topics[Int(dataset.items.topic[v])]])
        }
        switch kind {
        case .addItem: rows = dataset.itemsByScene[scene].map(Int.init).filter(itemMatches)
        case .removeInteraction, .flipSentiment: rows = interactions.map { Int($0.item) }.filter(itemMatches)
        case .hideScene: rows = (0..<dataset.sceneCount).filter { words.isEmpty || matches([dataset.scenes[$0].id, dataset.scenes[$0].name]) }
        }
        scroll = ScrollState()
    }

    /// The row under the selection (nil when nothing matches).
    var selected: Int? { rows.indices.contains(scroll.selected) ? rows[scroll.selected] : nil }
}

/// The sentiment after a flip: positive ↔ negative; a neutral one becomes positive.
func flipped(_ feedback: Int8) -> Int8 { feedback > 0 ? -1 : 1 }

/// "+1", "0", "−1".
func sentimentText(_ feedback: Int8) -> String { feedback > 0 ? "+1" : feedback < 0 ? "−1" : "0" }
