/// What `mist validate` prints for a good dataset.
public struct DatasetStatistics: Codable, Sendable, Equatable {
    public struct SceneStatistics: Codable, Sendable, Equatable {
        public var id: String
        public var name: String
        /// Users with at least one interaction in the scene.
        public var users: Int
        public var items: Int
        /// Distinct topics among the scene's items.
        public var topics: Int
        public var interactions: Int
        /// interactions / (users × items) of the scene.
        public var density: Double
        /// Shares of negative, neutral and positive feedback.
        public var sentimentShares: [Double]
    }

    public var users: Int
    public var items: Int
    public var topics: Int
    public var interactions: Int
    /// interactions / (users × items).
    public var density: Double
    /// Shares of negative, neutral and positive feedback over all interactions.
    public var sentimentShares: [Double]
    /// usersByActiveScenes[k] = users active (`Dataset.isActive`: with history) in exactly k scenes.
    public var usersByActiveScenes: [Int]
    public var scenes: [SceneStatistics]
    /// The dataset fingerprint, 16 hex digits.
    public var fingerprint: String

    public init(_ d: Dataset) {
        let S = d.sceneCount
        var sceneInteractions = [Int](repeating: 0, count: S)
        var sceneFeedback = [[Int]](repeating: [0, 0, 0], count: S)
        for i in 0..<d.interactionCount {
            let s = Int(d.interactionScene[i])
            sceneInteractions[s] += 1
            sceneFeedback[s][Feedback.index(d.interactions.feedback[i])] += 1
        }
        var sceneUsers = [Int](repeating: 0, count: S)
        var byActive = [Int](repeating: 0, count: S + 1)
        for u in 0..<Int32(d.userCount) {
            var active = 0
            for s in 0..<Int32(S) where d.isActive(user: u, scene: s) {
                sceneUsers[Int(s)] += 1
                active += 1
            }
            byActive[active] += 1
        }
        func shares(_ counts: [Int]) -> [Double] {
            let total = counts.reduce(0, +)
            return counts.map { total == 0 ? 0 : Double($0) / Double(total) }
        }
        func ratio(_ n: Int, _ users: Int, _ items: Int) -> Double {
            users == 0 || items == 0 ? 0 : Double(n) / (Double(users) * Double(items))
        }
        scenes = (0..<S).map { s in
            let items = d.itemsByScene[s]
            return SceneStatistics(
                id: d.scenes[s].id, name: d.scenes[s].name, users: sceneUsers[s], items: items.count,
                topics: Set(items.map { d.items.topic[Int($0)] }).count, interactions: sceneInteractions[s],
                density: ratio(sceneInteractions[s], sceneUsers[s], items.count), sentimentShares: shares(sceneFeedback[s]))
        }
        users = d.userCount
        items = d.itemCount
        topics = d.topicCount
        interactions = d.interactionCount
        density = ratio(d.interactionCount, d.userCount, d.itemCount)
        sentimentShares = shares((0..<3).map { k in sceneFeedback.reduce(0) { $0 + $1[k] } })
        usersByActiveScenes = byActive
        fingerprint = Fingerprint.hex(d.fingerprint)
    }
}
