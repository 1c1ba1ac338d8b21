import InterestData

/// A ceiling for analysis, not a baseline: a scorer that knows the generator's planted truth
/// (`PlantedWorld`) of a dataset mist generated, so that a regime where even it cannot beat
/// popularity is shown to be unwinnable by any learner, and the gap to it is a learner's own.
/// `planted` and `planted-cold` never look at the split: what they know was drawn before any
/// interaction. `planted-estimated` does: it learns the tastes from the train interactions.
///
/// - `planted` knows everything the generator used for the target scene: the user's taste θ(u, s)
///   in every scene including the target's own, the planted transfer T, the item factors (or
///   topic prevalences and within-topic weights), the base popularity and the exploration rate.
///   It ranks by the generator's own probability of the user's next choice in the scene (before
///   repeat-avoidance, which the evaluator's exclusion of seen items stands in for). It ranks by
///   choice, not by rating: a chosen item rated 1–2 is no target, so even it is not perfect.
/// - `planted-cold` knows the same except the target scene's own taste θ(u, t), which a cold
///   case hides: it marginalises θ(u, t) under its prior and ranks by the expected unnormalised
///   choice weight (`PlantedWorld.logChoiceScores` with `.marginalised`: exact for the
///   expectation of each weight, an approximation of the expected probability).
/// - `planted-estimated` knows everything but the users' tastes (latent factors, or topic
///   interests), which it estimates per user by MAP from the user's train-role choices
///   (`PlantedWorld.estimatedTastes`), and ranks like `planted` with the estimates plugged in:
///   the most that can be learned from the data a user shows, by a learner that knows the
///   generator's mechanism and every constant.
public struct PlantedCeiling: CaseScorer {
    public enum Knowledge: String, Sendable, CaseIterable {
        case planted
        case plantedCold = "planted-cold"
        case plantedEstimated = "planted-estimated"
    }

    public let knowledge: Knowledge
    let world: PlantedWorld
    /// `planted-estimated`'s MAP tastes per dataset user (θ̂[s] for every generator scene s), once
    /// per user for every case; empty for the other ceilings.
    let estimated: [[[Double]]?]
    /// Dataset user index → generator user (nil: a users.csv row the generator did not write).
    let generatorUser: [Int?]
    /// Dataset scene index → generator scene.
    let generatorScene: [Int]
    /// Per dataset scene, for each item of `dataset.itemsByScene[s]`, its offset in the generator
    /// scene's item range.
    let offsets: [[Int]]

    /// Maps the dataset's users, scenes and items to the world's by id; `world` must be the one
    /// regenerated for this dataset (`PlantedWorld.regenerated(for:)`). `planted-estimated` needs
    /// the `split` whose train interactions it learns from.
    public init(_ knowledge: Knowledge, world: PlantedWorld, dataset: Dataset, split: Split? = nil,
                threads: Int = 2) throws(PlantedWorldError) {
        self.knowledge = knowledge
        self.world = world
        let users = Dictionary(uniqueKeysWithValues: world.userIDs.enumerated().map { ($1, $0) })
        let items = Dictionary(uniqueKeysWithValues: world.itemIDs.enumerated().map { ($1, $0) })
        let scenes = Dictionary(uniqueKeysWithValues: world.sceneIDs.enumerated().map { ($1, $0) })
        generatorUser = (0..<Int32(dataset.userCount)).map { users[dataset.userID($0)] }
        var generatorScene: [Int] = [], offsets: [[Int]] = []
        for (s, scene) in dataset.scenes.enumerated() {
            guard let g = scenes[scene.id] else { throw PlantedWorldError(description: "scene \(scene.id) is not one the generator made") }
            generatorScene.append(g)
            let range = world.sceneItems[g]
            var sceneOffsets: [Int] = []
            for v in dataset.itemsByScene[s] {
                guard let w = items[dataset.itemID(v)], range.contains(w) else {
                    throw PlantedWorldError(description: "item \(dataset.itemID(v)) of scene \(scene.id) is not one the generator made there")
                }
                sceneOffsets.append(w - range.lowerBound)
            }
            offsets.append(sceneOffsets)
        }
        self.generatorScene = generatorScene
        self.offsets = offsets
        guard knowledge == .plantedEstimated else { estimated = []; return }
        guard let split else { throw PlantedWorldError(description: "planted-estimated learns from a split's train interactions, and none was given") }
        estimated = Self.estimateTastes(world: world, dataset: dataset, split: split, generatorUser: generatorUser,
                                        generatorScene: generatorScene, offsets: offsets, threads: threads)
    }

    public func scores(for cases: ArraySlice<EvaluationCase>, in dataset: Dataset) -> [[Float]] {
        cases.map { case_ in
            let s = Int(case_.scene)
            // Every user with a case has interactions, which the fingerprint check matched to the
            // generator's: the zeros are for a users.csv row the generator did not write.
            guard let scores = choiceScores(user: Int(case_.user), scene: generatorScene[s]) else {
                return [Float](repeating: 0, count: offsets[s].count)
            }
            return offsets[s].map { Float(scores[$0]) }
        }
    }

    /// What this ceiling knows of dataset user `user`'s next choice in generator scene `scene`.
    private func choiceScores(user: Int, scene: Int) -> [Double]? {
        guard let u = generatorUser[user] else { return nil }
        switch knowledge {
        case .planted: return world.logChoiceScores(user: u, scene: scene, target: .known)
        case .plantedCold: return world.logChoiceScores(user: u, scene: scene, target: .marginalised)
        case .plantedEstimated: return estimated[user].map { world.logChoiceScores(theta: $0, scene: scene) }
        }
    }
}
