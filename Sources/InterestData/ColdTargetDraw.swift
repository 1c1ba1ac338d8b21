import Randomness

/// The cold-target draw: round(10%) of the users with at least two active scenes (a scene with a
/// y ≥ 0 interaction), chosen by a seeded partial shuffle, each with one active scene hidden.
enum ColdTargetDraw {
    /// Users with ≥ 2 active scenes, ascending, with their active scenes.
    static func eligible(_ dataset: Dataset) -> [(user: Int32, activeScenes: [Int32])] {
        var result: [(Int32, [Int32])] = []
        let feedback = dataset.interactions.feedback
        for u in 0..<Int32(dataset.userCount) {
            var active: [Int32] = []
            for s in 0..<Int32(dataset.sceneCount)
            where dataset.history(ofUser: u, scene: s).contains(where: { feedback[Int($0)] >= 0 }) {
                active.append(s)
            }
            if active.count >= 2 { result.append((u, active)) }
        }
        return result
    }

    /// round(0.1·n) in integers.
    static func coldCount(eligible n: Int) -> Int { (n + 5) / 10 }

    /// The chosen (user, hidden scene) pairs, by ascending user.
    static func draw(dataset: Dataset, seed: UInt64) -> [(user: Int32, scene: Int32)] {
        var candidates = eligible(dataset)
        let m = coldCount(eligible: candidates.count)
        var rng = SplitMix64(seed: seed)
        for k in 0..<m {
            let j = k + rng.int(below: candidates.count - k)
            candidates.swapAt(k, j)
        }
        let chosen = candidates[0..<m].sorted { $0.user < $1.user }
        return chosen.map { ($0.user, $0.activeScenes[rng.int(below: $0.activeScenes.count)]) }
    }
}
