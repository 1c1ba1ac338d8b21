import InterestData

extension PlantedCeiling {
    /// `planted-estimated`'s tastes: per dataset user, the MAP estimate of every scene's θ from the
    /// user's **train-role** interactions only, as choices (ratings ignored): a cold case's hidden
    /// scene and every held-out interaction (validation, test, cold, cold-validation, dropped) are
    /// never seen. Nil for a user the generator did not write. Users are estimated once, split
    /// over `threads` threads (each user's estimate is its own, so the result does not depend on them).
    static func estimateTastes(world: PlantedWorld, dataset: Dataset, split: Split, generatorUser: [Int?],
                               generatorScene: [Int], offsets: [[Int]], threads: Int) -> [[[Double]]?] {
        // Dataset item → generator item index (via its scene's offset).
        let generatorItem = {
            var map = [Int](repeating: -1, count: dataset.itemCount)
            for (s, items) in dataset.itemsByScene.enumerated() {
                let first = world.sceneItems[generatorScene[s]].lowerBound
                for (k, v) in items.enumerated() { map[Int(v)] = first + offsets[s][k] }
            }
            return map
        }()
        let roles = split.roles, item = dataset.interactions.item, scene = dataset.interactionScene
        return Evaluator.mapChunks(count: dataset.userCount, threads: threads) { users in
            users.map { u -> [[Double]]? in
                guard generatorUser[u] != nil else { return nil }
                let choices = dataset.sequence(ofUser: Int32(u)).lazy.filter { roles[Int($0)] == .train }.map { i in
                    (scene: generatorScene[Int(scene[Int(i)])], item: generatorItem[Int(item[Int(i)])])
                }
                return world.estimatedTastes(choices: Array(choices))
            }
        }.flatMap { $0 }
    }
}
