import Foundation
@testable import InterestData

/// A fresh temporary dataset folder holding `files` (name → content), removed by the caller.
func makeDatasetFolder(_ files: [String: String]) throws -> String {
    let dir = NSTemporaryDirectory() + "mist-data-test-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    for (name, text) in files {
        try Data(text.utf8).write(to: URL(fileURLWithPath: dir + "/" + name))
    }
    return dir
}

/// A fresh temporary folder holding raw bytes per file.
func makeDatasetFolder(bytes files: [String: [UInt8]]) throws -> String {
    let dir = NSTemporaryDirectory() + "mist-data-test-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    for (name, content) in files {
        try Data(content).write(to: URL(fileURLWithPath: dir + "/" + name))
    }
    return dir
}

func removeFolder(_ dir: String) { try? FileManager.default.removeItem(atPath: dir) }

/// A small valid dataset: two scenes, five items, two users.
let smallFiles: [String: String] = [
    "scenes.csv": "scene_id,name\nnews,新闻 news\ntech,科技 tech\n",
    "items.csv": """
    item_id,scene_id,topic,title
    n1,news,ai,"AI, explained"
    n2,news,politics,"The ""big"" vote"
    n3,news,ai,plain
    t1,tech,ai,"multi
    line"
    t2,tech,phones,Phone

    """,
    "interactions.csv": """
    user_id,item_id,timestamp,rating
    u1,n1,100,5
    u2,t1,50,3
    u1,t1,90,1
    u1,n2,100,4

    """,
]

/// A dataset built in memory: `items` are (id, scene index, topic index); `interactions` are
/// (user id, item index, timestamp, y) in input order.
func makeDataset(scenes: Int, items: [(String, Int32, Int32)], interactions: [(String, Int32, Int64, Int8)]) -> Dataset {
    var itemIDs = ByteInterner()
    for item in items { itemIDs.intern(item.0) }
    var userIDs = ByteInterner()
    let users = interactions.map { userIDs.intern($0.0).index }
    let table = InteractionTable(user: users, item: interactions.map(\.1), timestamp: interactions.map(\.2),
                                 feedback: interactions.map(\.3), line: interactions.indices.map { Int32($0 + 2) })
    let topicCount = Int(items.map(\.2).max() ?? 0) + 1
    return Dataset(
        scenes: (0..<scenes).map { Scene(id: "s\($0)", name: "scene \($0)") },
        topics: (0..<topicCount).map { "topic\($0)" },
        items: ItemTable(ids: itemIDs, scene: items.map(\.1), topic: items.map(\.2), title: items.map { _ in "" }),
        users: UserTable(ids: userIDs, name: Array(repeating: "", count: userIDs.count), attributeNames: [],
                         attributes: Array(repeating: [], count: userIDs.count)),
        interactions: table)
}
