import Foundation
import Randomness

/// Generates a dataset folder with a planted scene-to-scene transfer (see docs/DATA-FORMAT.md and
/// docs/REGIMES.md), by the regime the parameters name: `topic` (below, the generator mist was
/// built around) or one of the latent-factor regimes (`LatentFactorGenerator`).
///
/// Topic regime: each user has a latent topic interest θ(u, s) per scene (a Dirichlet draw: a few favourite
/// topics). The interest that drives their choices in scene t is the planted mix
/// m(u, t) = Σ_s T[t, s] · θ(u, s). A choice in t picks a topic with probability ∝ m(u, t)[c] ·
/// (how many items of c the scene has), or, with the exploration rate, ∝ availability alone; then
/// an item of that topic by Zipf popularity. Feedback follows the affinity m(u, t)[c] relative to
/// uniform (with noise): liked topics rate 4–5, indifferent 3, disliked 1–2. Because topics are
/// shared by all scenes, what a user does in s tells about t exactly as much as T plants.
public enum SyntheticGenerator {
    public static func generate(_ parameters: GeneratorParameters) -> GeneratedFiles {
        generatePlanted(parameters).files
    }

    /// The files `generate` writes, and the planted state every choice in them was drawn from
    /// (`PlantedWorld`: what the ceiling scorers know). One code path for both, so that the world
    /// is exactly the one behind the files.
    public static func generatePlanted(_ parameters: GeneratorParameters) -> (files: GeneratedFiles, world: PlantedWorld) {
        switch parameters.regime ?? .topic {
        case .topic: topic(parameters)
        case .latent, .longtail: LatentFactorGenerator.generate(parameters)
        }
    }

    static func topic(_ parameters: GeneratorParameters) -> (files: GeneratedFiles, world: PlantedWorld) {
        var rng = SplitMix64(seed: parameters.seed)
        let scenes = parameters.scenes
        let sceneCount = scenes.count
        let topicCount = TopicCatalog.topics.count
        let transfer = PlantedTransfer.matrix(sceneCount: sceneCount, diagonal: parameters.diagonalWeight,
                                                partner: parameters.partnerWeight, rng: &rng)

        // Items: per scene, topics in proportion to prevalence, popularity Zipf within a topic.
        var prevalence: [[Double]] = []
        var itemsOf: [[[Int]]] = []          // [scene][topic] → item indices
        var popularity: [[[Double]]] = []    // same shape, weights
        var items = CSVWriter()
        items.row(["item_id", "scene_id", "topic", "title"])
        var itemIDs: [String] = []
        var sceneItems: [Range<Int>] = []
        for (s, scene) in scenes.enumerated() {
            let firstItem = itemIDs.count
            let weights = TopicCatalog.prevalence(sceneID: scene.id, rng: &rng)
            prevalence.append(weights)
            let total = weights.reduce(0, +)
            var perTopic: [[Int]] = Array(repeating: [], count: topicCount)
            var perTopicWeight: [[Double]] = Array(repeating: [], count: topicCount)
            var number = 0
            for c in 0..<topicCount {
                let count = max(1, Int((Double(parameters.itemsPerScene) * weights[c] / total).rounded()))
                var ranks = Array(0..<count)
                rng.shuffle(&ranks)
                for k in 0..<count {
                    number += 1
                    let id = "\(scene.id)-\(number)"
                    perTopic[c].append(itemIDs.count)
                    perTopicWeight[c].append(1 / pow(Double(ranks[k] + 1), parameters.popularityExponent))
                    itemIDs.append(id)
                    items.row([id, scene.id, TopicCatalog.topics[c].name,
                               TopicCatalog.title(topic: c, number: number, sceneName: scene.id, rng: &rng)])
                }
            }
            _ = s
            itemsOf.append(perTopic)
            popularity.append(perTopicWeight)
            sceneItems.append(firstItem..<itemIDs.count)
        }

        // Scene activity: earlier scenes somewhat busier, so activity is uneven across scenes.
        let sceneActivity = (0..<sceneCount).map { 1 / (1 + 0.25 * Double($0)) }
        let shares = Array(parameters.activeSceneShares.prefix(sceneCount))

        var interactionLog = InteractionLog(reservingCapacity: Int(Double(parameters.users) * parameters.meanInteractionsPerUser * 1.1))
        var users = SyntheticUsers.table()
        let idWidth = SyntheticUsers.idWidth(users: parameters.users)
        var thetas: [[[Double]]] = []
        thetas.reserveCapacity(parameters.users)
        for u in 0..<parameters.users {
            SyntheticUsers.addRow(u, width: idWidth, to: &users, rng: &rng)
            // Latent interests for every scene (also inactive ones: they still feed the mix).
            let theta = (0..<sceneCount).map { _ in rng.dirichlet(concentration: parameters.interestConcentration, count: topicCount) }
            thetas.append(theta)
            let mix = (0..<sceneCount).map { t in
                (0..<topicCount).map { c in (0..<sceneCount).reduce(0.0) { $0 + transfer[t][$1] * theta[$1][c] } }
            }
            // Which scenes, how many interactions, how they split, when.
            let active = SyntheticUsers.activeScenes(shares: shares, sceneWeights: sceneActivity, rng: &rng)
            let total = SyntheticUsers.interactionCount(mean: parameters.meanInteractionsPerUser, spread: 0.6,
                                                        activeCount: active.count, rng: &rng)
            let sceneOfEvent = SyntheticUsers.sceneSequence(active: active, total: total, rng: &rng)
            let times = SyntheticUsers.times(count: total, parameters: parameters, rng: &rng)
            var taken = Set<Int>()
            for (k, t) in sceneOfEvent.enumerated() {
                let weights: [Double]
                if rng.nextDouble() < parameters.explorationRate {
                    weights = prevalence[t]
                } else {
                    weights = (0..<topicCount).map { mix[t][$0] * prevalence[t][$0] }
                }
                let c = rng.categorical(weights)
                var item = itemsOf[t][c][rng.categorical(popularity[t][c])]
                var tries = 0
                while taken.contains(item) && tries < 8 {
                    item = itemsOf[t][c][rng.categorical(popularity[t][c])]
                    tries += 1
                }
                taken.insert(item)
                let affinity = log(max(mix[t][c] * Double(topicCount), 1e-9)) + 0.5 * rng.normal()
                interactionLog.append(time: times[k], user: u, order: k, item: item, rating: Self.rating(affinity: affinity, rng: &rng))
            }
        }

        let truth = Truth(scenes: scenes.map(\.id), transfer: transfer, generator: parameters)
        let files = GeneratedFiles(scenes: scenes, items: items, interactions: interactionLog.csv(idWidth: idWidth, itemIDs: itemIDs),
                                   users: users, truth: truth)
        let world = PlantedWorld(
            parameters: parameters, userIDs: (0..<parameters.users).map { SyntheticUsers.id($0, width: idWidth) },
            itemIDs: itemIDs, sceneIDs: scenes.map(\.id), sceneItems: sceneItems, transfer: transfer,
            mechanism: .topics(TopicWorld(theta: thetas, prevalence: prevalence, itemsOf: itemsOf, popularity: popularity)))
        return (files, world)
    }

    /// Rating from affinity (log of interest relative to uniform, with noise).
    static func rating(affinity: Double, rng: inout SplitMix64) -> Int {
        if affinity > log(3.0) { return 5 }
        if affinity > log(1.2) { return 4 }
        if affinity > log(0.5) { return 3 }
        return affinity > log(0.15) ? 2 : 1
    }
}
