import InterestData

/// A dataset built in memory: 3 scenes of 3 items each (item i has scene i/3, topic i%3), and a
/// few users with interleaved histories.
enum TinyDataset {
    /// `(user, item, feedback)` in input order; timestamps are the row numbers.
    static let rows: [(Int32, Int32, Int8)] = [
        (0, 0, 1), (0, 3, 1), (0, 1, -1), (0, 6, 0), (0, 4, 1), (0, 2, 1), (0, 7, 1),
        (1, 5, 1), (1, 8, 1), (1, 3, 0), (1, 6, 1),
        (2, 1, 1), (2, 2, 1), (2, 0, -1),
    ]

    static func make(rows: [(Int32, Int32, Int8)] = rows, extraItem: Bool = false) -> Dataset {
        let itemCount = extraItem ? 10 : 9
        var itemIDs = ByteInterner()
        for v in 0..<itemCount { _ = itemIDs.intern("item-\(v)") }
        var userIDs = ByteInterner()
        let users = Int(rows.map(\.0).max()! + 1)
        for u in 0..<users { _ = userIDs.intern("u\(u)") }
        let items = ItemTable(ids: itemIDs, scene: (0..<itemCount).map { Int32(min($0 / 3, 2)) },
                              topic: (0..<itemCount).map { Int32($0 % 3) }, title: Array(repeating: "", count: itemCount))
        let interactions = InteractionTable(
            user: rows.map(\.0), item: rows.map(\.1), timestamp: rows.indices.map { Int64($0) },
            feedback: rows.map(\.2), line: rows.indices.map { Int32($0 + 2) })
        return Dataset(scenes: [Scene(id: "news", name: "新闻"), Scene(id: "tech", name: "科技"), Scene(id: "sports", name: "体育")],
                       topics: ["a", "b", "c"], items: items,
                       users: UserTable(ids: userIDs, name: Array(repeating: "", count: users), attributeNames: [],
                                        attributes: Array(repeating: [], count: users)),
                       interactions: interactions)
    }
}
