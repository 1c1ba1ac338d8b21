import Foundation
import InterestData

/// Edits of one user's history that are never written into the dataset: the explorer's what-if
/// mode and `mist recommend --what-if EDITS.json` apply them to the user's events and run the
/// model on the result (issue 11).
///
/// JSON (docs/COHORTS.md, "What-if"):
///
///     {"edits": [{"add": {"item": "n12", "sentiment": 1}},
///                {"remove": {"item": "t3"}},
///                {"sentiment": {"item": "e7", "to": -1}},
///                {"hide": {"scene": "news"}}]}
///
/// `add` appends an interaction as the most recent one (sentiment −1, 0 or +1; default +1);
/// `remove` drops the user's most recent interaction with the item; `sentiment` changes its
/// feedback; `hide` drops every interaction of a scene. Edits apply in order.
public enum WhatIfEdit: Sendable, Equatable {
    case add(item: Int32, feedback: Int8)
    case remove(item: Int32)
    case setSentiment(item: Int32, feedback: Int8)
    case hide(scene: Int)

    /// Applies the edits to a chronological history; fails naming the edit (1-based) and why.
    public static func apply(_ edits: [WhatIfEdit], to events: [HistoryEvent], in dataset: Dataset) throws(WhatIfError) -> [HistoryEvent] {
        var history = events
        for (index, edit) in edits.enumerated() {
            func fail(_ reason: String) -> WhatIfError { WhatIfError(edit: index + 1, reason: reason) }
            switch edit {
            case let .add(item, feedback):
                history.append(HistoryEvent(item: item, feedback: feedback))
            case .remove(let item):
                guard let last = history.lastIndex(where: { $0.item == item }) else {
                    throw fail("the user has no interaction with item \(dataset.itemID(item)) to remove")
                }
                history.remove(at: last)
            case let .setSentiment(item, feedback):
                guard let last = history.lastIndex(where: { $0.item == item }) else {
                    throw fail("the user has no interaction with item \(dataset.itemID(item)) whose sentiment could change")
                }
                history[last].feedback = feedback
            case .hide(let scene):
                history.removeAll { dataset.items.scene[Int($0.item)] == Int32(scene) }
            }
        }
        return history
    }

    /// Reads a what-if file's JSON, resolving item and scene ids in `dataset`.
    public static func parse(_ data: Data, in dataset: Dataset) throws(WhatIfError) -> [WhatIfEdit] {
        guard let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any], let list = root["edits"] as? [Any] else {
            throw WhatIfError(edit: 0, reason: "expected a JSON object with an \"edits\" array")
        }
        var edits: [WhatIfEdit] = []
        for (index, raw) in list.enumerated() {
            func fail(_ reason: String) -> WhatIfError { WhatIfError(edit: index + 1, reason: reason) }
            guard let object = raw as? [String: Any], object.count == 1, let (kind, body) = object.first, let fields = body as? [String: Any] else {
                throw fail("expected one of {\"add\": …}, {\"remove\": …}, {\"sentiment\": …}, {\"hide\": …}")
            }
            func item() throws(WhatIfError) -> Int32 {
                guard let id = fields["item"] as? String else { throw fail("\"\(kind)\" needs \"item\": an item id") }
                guard let v = dataset.items.ids.index(of: id) else { throw fail("no item \"\(id)\" in the dataset") }
                return v
            }
            func sentiment(_ key: String, default value: Int8?) throws(WhatIfError) -> Int8 {
                guard let raw = fields[key] else {
                    if let value { return value }
                    throw fail("\"\(kind)\" needs \"\(key)\": -1, 0 or 1")
                }
                guard let number = raw as? NSNumber, [-1, 0, 1].contains(number.doubleValue) else {
                    throw fail("\"\(key)\" must be -1, 0 or 1")
                }
                return Int8(number.intValue)
            }
            switch kind {
            case "add": edits.append(.add(item: try item(), feedback: try sentiment("sentiment", default: 1)))
            case "remove": edits.append(.remove(item: try item()))
            case "sentiment": edits.append(.setSentiment(item: try item(), feedback: try sentiment("to", default: nil)))
            case "hide":
                guard let id = fields["scene"] as? String else { throw fail("\"hide\" needs \"scene\": a scene id") }
                guard let s = dataset.sceneIndex(id: id) else { throw fail("no scene \"\(id)\" in the dataset") }
                edits.append(.hide(scene: Int(s)))
            default: throw fail("unknown edit \"\(kind)\" (add, remove, sentiment, hide)")
            }
        }
        return edits
    }
}

/// A what-if edit that cannot be read or applied: which edit (1-based; 0 for the file) and why.
public struct WhatIfError: Error, Equatable, Sendable, CustomStringConvertible {
    public var edit: Int
    public var reason: String
    public init(edit: Int, reason: String) {
        self.edit = edit
        self.reason = reason
    }
    public var description: String { edit == 0 ? reason : "edit \(edit): \(reason)" }
}
