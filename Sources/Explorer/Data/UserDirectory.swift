import InterestData

/// Per-user figures the users table shows, computed once when the data loads, so that sorting,
/// filtering and drawing never walk the interactions again. Flat arrays keep a million users
/// compact (a few bytes per user and scene).
public struct UserDirectory: Sendable {
    public let sceneCount: Int
    public let userCount: Int
    /// `counts[u * sceneCount + s]`: interactions of user u in scene s.
    public let counts: [Int32]
    /// Scene with the most interactions (lowest index on ties), -1 when the user has none.
    public let dominantScene: [Int8]
    /// Scenes the user is active in (`Dataset.isActive`: with history, whatever the feedback, as
    /// the model and `mist validate` count them), one bit per scene for the first 64 scenes; later
    /// scenes count as active when they have interactions (the same definition).
    public let activeMask: [UInt64]
    public let totals: [Int32]
    /// The per-scene count that fills a bar: the 95th percentile of the non-zero counts, so a few
    /// heavy users do not flatten everyone else's bars.
    public let barScale: Int32

    public init(dataset: Dataset) {
        let s = dataset.sceneCount, n = dataset.userCount
        var counts = [Int32](repeating: 0, count: n * s)
        var active = [UInt64](repeating: 0, count: n)
        let table = dataset.interactions
        for i in 0..<table.count {
            let u = Int(table.user[i]), scene = Int(dataset.interactionScene[i])
            counts[u * s + scene] += 1
            if scene < 64 { active[u] |= 1 << UInt64(scene) }
        }
        self.init(sceneCount: s, counts: counts, activeMask: active)
    }

    /// Builds the directory from per-user counts (the benchmark makes a million users this way).
    public init(sceneCount: Int, counts: [Int32], activeMask: [UInt64]) {
        self.sceneCount = sceneCount
        self.counts = counts
        self.activeMask = activeMask
        userCount = activeMask.count
        var dominant = [Int8](repeating: -1, count: userCount)
        var totals = [Int32](repeating: 0, count: userCount)
        for u in 0..<userCount {
            var best: Int32 = 0
            for scene in 0..<sceneCount {
                let c = counts[u * sceneCount + scene]
                totals[u] += c
                if c > best { best = c; dominant[u] = Int8(scene) }
            }
        }
        dominantScene = dominant
        self.totals = totals
        var nonzero = counts.filter { $0 > 0 }
        nonzero.sort()
        barScale = nonzero.isEmpty ? 1 : nonzero[min(nonzero.count - 1, nonzero.count * 95 / 100)]
    }

    public func count(user u: Int, scene s: Int) -> Int { Int(counts[u * sceneCount + s]) }

    public func isActive(user u: Int, scene s: Int) -> Bool {
        s < 64 ? activeMask[u] & (1 << UInt64(s)) != 0 : counts[u * sceneCount + s] > 0
    }

    public func activeSceneCount(user u: Int) -> Int {
        sceneCount <= 64 ? activeMask[u].nonzeroBitCount : (0..<sceneCount).filter { isActive(user: u, scene: $0) }.count
    }

    public func activeScenes(user u: Int) -> [Int] { (0..<sceneCount).filter { isActive(user: u, scene: $0) } }
}
