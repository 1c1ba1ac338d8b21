import InterestData
import InterestModel

/// The what-if edits as the JSON `mist recommend --what-if` reads (`WhatIfEdit.parse`; the format
/// is in docs/COHORTS.md, "What-if"): items and scenes by their ids, in the order made.
public enum WhatIfExport {
    public static func json(_ edits: [WhatIfEdit], dataset: Dataset) -> JSONValue {
        func field(_ key: String, _ value: JSONValue) -> JSONField { JSONField(key, value) }
        let list: [JSONValue] = edits.map { edit in
            switch edit {
            case let .add(item, feedback):
                return .object([field("add", .object([field("item", .string(dataset.itemID(item))), field("sentiment", .int(Int(feedback)))]))])
            case .remove(let item):
                return .object([field("remove", .object([field("item", .string(dataset.itemID(item)))]))])
            case let .setSentiment(item, feedback):
                return .object([field("sentiment", .object([field("item", .string(dataset.itemID(item))), field("to", .int(Int(feedback)))]))])
            case .hide(let scene):
                return .object([field("hide", .object([field("scene", .string(dataset.scenes[scene].id))]))])
            }
        }
        return .object([field("edits", .array(list))])
    }
}
