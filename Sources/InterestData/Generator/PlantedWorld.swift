import Foundation

/// The planted state a generator drew its choices from, per user and scene: what the ceiling
/// scorers (`planted`, `planted-cold`, docs/REGIMES.md "Ceilings") know. Indices are the
/// generator's own (users in generation order, items in items.csv order, scenes in
/// `GeneratorParameters.scenes` order); `userIDs` and `itemIDs` name them, so that a reader maps
/// them to a loaded dataset by id rather than assuming its index orders match.
public struct PlantedWorld: Sendable {
    /// The choice model of the regime that made the data.
    enum Mechanism: Sendable {
        case factors(FactorWorld)
        case topics(TopicWorld)
    }

    public let parameters: GeneratorParameters
    public let userIDs: [String]
    public let itemIDs: [String]
    /// The scene ids, in the transfer matrix's order.
    public let sceneIDs: [String]
    /// Items of scene s are the contiguous generator indices `sceneItems[s]` (both regimes).
    public let sceneItems: [Range<Int>]
    /// transfer[t][s], as in truth.json.
    public let transfer: [[Double]]
    let mechanism: Mechanism
}

/// The latent-factor regimes' planted state: every user's taste θ(u, s) in every scene, and the
/// catalog (item factors and base popularity) that `FactorChoice` turns a taste into weights with.
struct FactorWorld: Sendable {
    let catalog: FactorCatalog
    /// theta[u][s]: user u's own taste vector in scene s (length r), also for inactive scenes.
    let theta: [[[Double]]]
    /// ‖T[t, ·]‖₂ per target: the taste that drives t is Σ_s T[t, s] θ(u, s) / rowNorms[t].
    let rowNorms: [Double]
    let affinityScale: Double

    /// The taste that drives choices in scene t, Σ_s T[t, s]·θ(u, s) / ‖T[t, ·]‖ over every scene
    /// but `skipping` (the generator's mix; `planted-cold` skips the hidden target's own θ).
    /// Summed in scene order: the generator draws with exactly these values.
    static func drivingTaste(theta: [[Double]], scene t: Int, transfer: [[Double]], rowNorm: Double,
                             skipping: Int? = nil) -> [Double] {
        theta[0].indices.map { d in
            transfer.indices.reduce(0.0) { $1 == skipping ? $0 : $0 + transfer[t][$1] * theta[$1][d] } / rowNorm
        }
    }
}

/// The topic regime's planted state: every user's topic interest θ(u, s) in every scene, each
/// scene's topic prevalence, and the items of each (scene, topic) with their Zipf weights.
struct TopicWorld: Sendable {
    /// theta[u][s]: user u's own Dirichlet topic interest in scene s.
    let theta: [[[Double]]]
    /// prevalence[s][c]: how many items of topic c scene s has, relatively.
    let prevalence: [[Double]]
    /// itemsOf[s][c]: generator item indices of topic c in scene s; popularity[s][c] their weights.
    let itemsOf: [[[Int]]]
    let popularity: [[[Double]]]
}
