/// The shape of a latent-factor regime (`latent`, `longtail`): everything that is not scale
/// (users, scenes, items per scene, mean interactions, exploration rate and time span are shared
/// with the topic regime and come from `GeneratorParameters`). Written into truth.json under
/// `generator.factors`. The defaults are argued in docs/REGIMES.md; they were fixed by reasoning
/// about real data, before any model was trained on the result.
public struct FactorShape: Codable, Sendable, Equatable {
    /// Dimension r of taste and item factor vectors.
    public var rank: Int
    /// Item topics per scene: clusters of item factors, labelled per scene ("s2 t5"), so the topic
    /// layer has structure within a scene but no label is shared across scenes.
    public var topicsPerScene: Int
    /// Share of an item factor's variance that its topic centroid explains (the rest is the item's own).
    public var topicCoherence: Double
    /// Planted self-weight of each target scene, about (± `diagonalJitter`, seeded).
    public var diagonalWeight: Double
    public var diagonalJitter: Double
    /// Dirichlet concentration of the off-diagonal rest of each row: small = one or two clear,
    /// not necessarily mutual sources; large = diffuse.
    public var sourceConcentration: Double
    /// Scale of taste · item factor in the choice logit (the affinity has unit spread over items).
    public var affinityScale: Double
    /// Zipf exponent of base item popularity over all items of a scene; enters the choice logit as
    /// log-popularity, and alone decides exploration choices.
    public var popularityExponent: Double
    /// Share of users active in 1, 2, … scenes (normalised; capped at the scene count).
    public var activeSceneShares: [Double]
    /// Scene s (0-based) is picked as an active scene with weight (1 + s)^−sceneSkew: uneven scenes.
    public var sceneSkew: Double
    /// σ of the log-normal number of interactions per user (larger = heavier tail).
    public var activitySpread: Double
    /// σ of the noise added to the affinity before it becomes a rating (in units of its spread).
    public var feedbackNoise: Double

    public init(rank: Int, topicsPerScene: Int, topicCoherence: Double, diagonalWeight: Double, diagonalJitter: Double,
                sourceConcentration: Double, affinityScale: Double, popularityExponent: Double,
                activeSceneShares: [Double], sceneSkew: Double, activitySpread: Double, feedbackNoise: Double) {
        self.rank = rank
        self.topicsPerScene = topicsPerScene
        self.topicCoherence = topicCoherence
        self.diagonalWeight = diagonalWeight
        self.diagonalJitter = diagonalJitter
        self.sourceConcentration = sourceConcentration
        self.affinityScale = affinityScale
        self.popularityExponent = popularityExponent
        self.activeSceneShares = activeSceneShares
        self.sceneSkew = sceneSkew
        self.activitySpread = activitySpread
        self.feedbackNoise = feedbackNoise
    }

    /// `latent`: a different mechanism at a familiar difficulty. Transfer is real (a target draws
    /// about 55% of its taste from other scenes) but its sources are sparse and one-directional,
    /// not the topic regime's mutual partners; popularity is skewed as in rating data (Zipf 0.8);
    /// most users are active in one or two of six scenes (65% in two or more, the cold-target pool).
    public static let latent = FactorShape(
        rank: 8, topicsPerScene: 8, topicCoherence: 0.5,
        diagonalWeight: 0.45, diagonalJitter: 0.1, sourceConcentration: 0.5,
        affinityScale: 1.5, popularityExponent: 0.8,
        activeSceneShares: [0.35, 0.30, 0.18, 0.10, 0.05, 0.02], sceneSkew: 0.3,
        activitySpread: 0.9, feedbackNoise: 0.5)
}
