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

    /// The chosen (user, hidden scene) pairs of the cold-target draw and, when `coldValidation`,
    /// of the cold-validation draw (MODEL-SPEC, Claims protocol): both by ascending user.
    ///
    /// The cold-validation draw continues the same generator after the cold-target draw, among the
    /// eligible users not already drawn, so the cold-target draw is exactly the one a v1 split
    /// (without cold validation) makes.
    static func draw(dataset: Dataset, seed: UInt64, coldValidation: Bool = true)
        -> (cold: [(user: Int32, scene: Int32)], coldValidation: [(user: Int32, scene: Int32)])
    {
        var candidates = eligible(dataset)
        var rng = SplitMix64(seed: seed)
        let cold = pick(from: &candidates[...], rng: &rng)
        guard coldValidation else { return (cold, []) }
        var notDrawn = candidates[cold.count...]
        return (cold, pick(from: &notDrawn, rng: &rng))
    }

    /// round(10%) of `candidates` by a seeded partial shuffle (which moves the chosen ones to the
    /// front of the slice), each with one of its active scenes drawn, by ascending user.
    private static func pick(from candidates: inout ArraySlice<(user: Int32, activeScenes: [Int32])>,
                             rng: inout SplitMix64) -> [(user: Int32, scene: Int32)] {
        let m = coldCount(eligible: candidates.count)
        let base = candidates.startIndex
        for k in 0..<m {
            let j = k + rng.int(below: candidates.count - k)
            candidates.swapAt(base + k, base + j)
        }
        let chosen = candidates[base..<(base + m)].sorted { $0.user < $1.user }
        return chosen.map { ($0.user, $0.activeScenes[rng.int(below: $0.activeScenes.count)]) }
    }
}
