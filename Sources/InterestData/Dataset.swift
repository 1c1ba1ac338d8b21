/// A scene (e.g. news): its id from scenes.csv and its display name (may be CJK).
public struct Scene: Sendable, Hashable, Codable {
    public var id: String
    public var name: String
    public init(id: String, name: String) { self.id = id; self.name = name }
}

/// Items, struct-of-arrays; item index = row order in items.csv.
public struct ItemTable: Sendable {
    public var ids: ByteInterner
    public var scene: [Int32]
    public var topic: [Int32]
    /// Title per item ("" when items.csv has no title column).
    public var title: [String]
    public var count: Int { scene.count }
    public init(ids: ByteInterner, scene: [Int32], topic: [Int32], title: [String]) {
        self.ids = ids; self.scene = scene; self.topic = topic; self.title = title
    }
}

/// Users; user index = order of first appearance in interactions.csv, then users.csv-only users.
public struct UserTable: Sendable {
    public var ids: ByteInterner
    /// Name per user from users.csv ("" when absent).
    public var name: [String]
    /// Further users.csv columns, by header name, in header order.
    public var attributeNames: [String]
    /// attributes[u][k] is the value of attributeNames[k] for user u ("" when absent).
    public var attributes: [[String]]
    public var count: Int { ids.count }
    public init(ids: ByteInterner, name: [String], attributeNames: [String], attributes: [[String]]) {
        self.ids = ids; self.name = name; self.attributeNames = attributeNames; self.attributes = attributes
    }
}

/// Interactions in input order (row order of interactions.csv), struct-of-arrays.
public struct InteractionTable: Sendable {
    public var user: [Int32]
    public var item: [Int32]
    /// Integer seconds.
    public var timestamp: [Int64]
    /// y ∈ {−1, 0, +1}.
    public var feedback: [Int8]
    /// Physical line in interactions.csv (for messages), 0 when built in memory.
    public var line: [Int32]
    public var count: Int { user.count }
    public mutating func reserveCapacity(_ n: Int) {
        user.reserveCapacity(n); item.reserveCapacity(n); timestamp.reserveCapacity(n)
        feedback.reserveCapacity(n); line.reserveCapacity(n)
    }
    public init(user: [Int32], item: [Int32], timestamp: [Int64], feedback: [Int8], line: [Int32]) {
        self.user = user; self.item = item; self.timestamp = timestamp; self.feedback = feedback; self.line = line
    }
}

/// A loaded dataset: scenes, topics, items, users, interactions, and the chronological indices
/// that make every user's sequence and every (user, scene) history reachable without a scan.
public struct Dataset: Sendable {
    public let scenes: [Scene]
    /// Topic names; topic index = order of first appearance in items.csv.
    public let topics: [String]
    public let items: ItemTable
    public let users: UserTable
    public let interactions: InteractionTable
    /// The planted truth, when the folder has a truth.json.
    public let truth: Truth?
    /// What was wrong with truth.json, when it could not be used (truth.json is optional, so a
    /// problem in it is a warning, never a reason to refuse the data; `truth` is then nil).
    public internal(set) var truthWarning: DataError?
    /// Items of each scene, in item index order.
    public let itemsByScene: [[Int32]]
    /// Scene of each interaction (= items.scene[interactions.item[i]]), stored for speed.
    public let interactionScene: [Int32]
    /// FNV-1a 64 of the canonical content (see `Fingerprint`); checkpoints store it.
    public let fingerprint: UInt64

    // CSR indices: userSequence[userStart[u]..<userStart[u+1]] = u's interactions ordered by
    // (timestamp, input order); historyOrder[historyStart[u*S+s]..<historyStart[u*S+s+1]] = H(u, s).
    let userStart: [Int32]
    let userSequence: [Int32]
    let historyStart: [Int32]
    let historyOrder: [Int32]
    /// Position of each interaction in its user's chronological sequence: "earlier" means smaller.
    public let sequencePosition: [Int32]

    public var sceneCount: Int { scenes.count }
    public var userCount: Int { users.count }
    public var itemCount: Int { items.count }
    public var topicCount: Int { topics.count }
    public var interactionCount: Int { interactions.count }

    /// Builds a dataset from tables (the loader and the generator both end here).
    public init(scenes: [Scene], topics: [String], items: ItemTable, users: UserTable,
                interactions: InteractionTable, truth: Truth? = nil) {
        self.scenes = scenes
        self.topics = topics
        self.items = items
        self.users = users
        self.interactions = interactions
        self.truth = truth
        var byScene = Array(repeating: [Int32](), count: scenes.count)
        for v in 0..<items.count { byScene[Int(items.scene[v])].append(Int32(v)) }
        itemsByScene = byScene
        let index = ChronologicalIndex(users: users.count, scenes: scenes.count, items: items, interactions: interactions)
        interactionScene = index.interactionScene
        userStart = index.userStart
        userSequence = index.userSequence
        historyStart = index.historyStart
        historyOrder = index.historyOrder
        sequencePosition = index.sequencePosition
        fingerprint = Fingerprint.of(scenes: scenes, topics: topics, items: items, users: users, interactions: interactions)
    }

    /// u's interactions over all scenes ordered by (timestamp, input order).
    public func sequence(ofUser u: Int32) -> ArraySlice<Int32> {
        userSequence[Int(userStart[Int(u)])..<Int(userStart[Int(u) + 1])]
    }

    /// H(u, s): u's interactions with items of scene s, ordered by (timestamp, input order).
    public func history(ofUser u: Int32, scene s: Int32) -> ArraySlice<Int32> {
        let k = Int(u) * scenes.count + Int(s)
        return historyOrder[Int(historyStart[k])..<Int(historyStart[k + 1])]
    }

    /// Whether user u is *active* in scene s: u has history there (any interaction, whatever its
    /// feedback). The one definition of "active" (MODEL-SPEC §2's active set `A`): the model's
    /// attention, `mist inspect`, `mist validate` and the explorer's users table and scene filter
    /// all use it. (The cold-target draw asks for something else, a scene with a `y ≥ 0`
    /// interaction, which can be a target; it does not call that "active".)
    public func isActive(user u: Int32, scene s: Int32) -> Bool {
        let k = Int(u) * scenes.count + Int(s)
        return historyStart[k + 1] > historyStart[k]
    }

    public func sceneIndex(id: String) -> Int32? {
        scenes.firstIndex { $0.id == id }.map(Int32.init)
    }
    public func itemIndex(id: String) -> Int32? { items.ids.index(of: id) }
    public func userIndex(id: String) -> Int32? { users.ids.index(of: id) }
    public func itemID(_ v: Int32) -> String { items.ids.key(v) }
    public func userID(_ u: Int32) -> String { users.ids.key(u) }
}
