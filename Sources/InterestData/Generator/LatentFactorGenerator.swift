import Foundation
import Randomness

/// The latent-factor regimes, `latent` and `longtail` (docs/REGIMES.md): a different mechanism
/// from the topic regime, so that the model is not only judged on data shaped like what it was
/// built around.
///
/// Each user u has a latent taste vector θ(u, s) ~ N(0, I_r) in every scene s (also the inactive
/// ones). The taste that drives choices in scene t is the planted mix
/// taste(u, t) = Σ_s T[t, s] · θ(u, s) / ‖T[t, ·]‖₂ (rescaled to unit variance per dimension, so
/// that every scene is equally predictable from its own taste). Items are factor vectors in the
/// same R^r; the factor dimensions mean the same in every scene, topic labels do not (they are
/// per-scene clusters). So what a user does in s tells about t only through the shared θs, exactly
/// as far as T plants it. Choices and ratings: `FactorChoice`.
enum LatentFactorGenerator {
    /// The files, and the planted state that drove every choice in them (`PlantedWorld`); drawing
    /// that state costs no random number, so the files are the same as ever for a seed.
    static func generate(_ parameters: GeneratorParameters) -> (files: GeneratedFiles, world: PlantedWorld) {
        let shape = parameters.factors ?? (parameters.regime ?? .latent).defaultShape ?? .latent
        var rng = SplitMix64(seed: parameters.seed)
        let scenes = parameters.scenes
        let sceneCount = scenes.count, rank = shape.rank
        let transfer = PlantedTransfer.dirichletMatrix(sceneCount: sceneCount, diagonal: shape.diagonalWeight,
                                                       jitter: shape.diagonalJitter,
                                                       concentration: shape.sourceConcentration, rng: &rng)
        let rowNorms = transfer.map { row in max(1e-12, row.reduce(0) { $0 + $1 * $1 }.squareRoot()) }
        let catalog = FactorCatalog(scenes: scenes, itemsPerScene: parameters.itemsPerScene, shape: shape, rng: &rng)

        let sceneWeights = (0..<sceneCount).map { pow(1 + Double($0), -shape.sceneSkew) }
        let shares = Array(shape.activeSceneShares.prefix(sceneCount))
        var interactionLog = InteractionLog(reservingCapacity: Int(Double(parameters.users) * parameters.meanInteractionsPerUser * 1.2))
        var users = SyntheticUsers.table()
        let idWidth = SyntheticUsers.idWidth(users: parameters.users)
        var thetas: [[[Double]]] = []
        thetas.reserveCapacity(parameters.users)
        for u in 0..<parameters.users {
            SyntheticUsers.addRow(u, width: idWidth, to: &users, rng: &rng)
            let theta = (0..<sceneCount).map { _ in (0..<rank).map { _ in rng.normal() } }
            thetas.append(theta)
            let active = SyntheticUsers.activeScenes(shares: shares, sceneWeights: sceneWeights, rng: &rng)
            // At most half of the items of the user's scenes: a heavy tail, not a user who has seen everything.
            let cap = active.reduce(0) { $0 + catalog.sceneItems[$1].count } / 2
            let total = SyntheticUsers.interactionCount(mean: parameters.meanInteractionsPerUser, spread: shape.activitySpread,
                                                        activeCount: active.count, cap: max(3 * active.count, cap), rng: &rng)
            let sceneOfEvent = SyntheticUsers.sceneSequence(active: active, total: total, rng: &rng)
            let times = SyntheticUsers.times(count: total, parameters: parameters, rng: &rng)
            var choices = [FactorChoice?](repeating: nil, count: sceneCount)
            for t in active {
                let taste = FactorWorld.drivingTaste(theta: theta, scene: t, transfer: transfer, rowNorm: rowNorms[t])
                choices[t] = FactorChoice(catalog: catalog, scene: t, taste: taste, affinityScale: shape.affinityScale)
            }
            for (k, t) in sceneOfEvent.enumerated() {
                let explore = rng.nextDouble() < parameters.explorationRate
                let item = choices[t]!.choose(explore: explore, rng: &rng)
                let rating = choices[t]!.rating(of: item, noise: shape.feedbackNoise, rng: &rng)
                interactionLog.append(time: times[k], user: u, order: k, item: item, rating: rating)
            }
        }

        let truth = Truth(scenes: scenes.map(\.id), transfer: transfer, generator: parameters)
        let files = GeneratedFiles(scenes: scenes, items: catalog.csv,
                                   interactions: interactionLog.csv(idWidth: idWidth, itemIDs: catalog.itemIDs),
                                   users: users, truth: truth)
        let world = PlantedWorld(
            parameters: parameters, userIDs: (0..<parameters.users).map { SyntheticUsers.id($0, width: idWidth) },
            itemIDs: catalog.itemIDs, sceneIDs: scenes.map(\.id), sceneItems: catalog.sceneItems, transfer: transfer,
            mechanism: .factors(FactorWorld(catalog: catalog, theta: thetas, rowNorms: rowNorms,
                                            affinityScale: shape.affinityScale)))
        return (files, world)
    }
}
