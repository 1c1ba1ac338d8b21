/// Everything that shapes a generated dataset; written into truth.json so that the data can be
/// regenerated and its planted structure checked.
public struct GeneratorParameters: Codable, Sendable, Equatable {
    public var seed: UInt64
    public var users: Int
    /// Scenes in order; the transfer matrix rows and columns follow it.
    public var scenes: [Scene]
    public var itemsPerScene: Int
    /// Mean number of interactions per user (over all scenes).
    public var meanInteractionsPerUser: Double
    /// Dirichlet concentration of each user's latent topic interest per scene (small = focused).
    public var interestConcentration: Double
    /// Probability that a choice ignores interest (browsing): such choices feed the negatives.
    public var explorationRate: Double
    /// Planted weight of a target scene on itself and on its partner scene (about; seeded jitter of
    /// ±0.05 and ±0.03). The rest of each row is spread over the other scenes.
    public var diagonalWeight: Double
    public var partnerWeight: Double
    /// Zipf exponent of item popularity within a (scene, topic).
    public var popularityExponent: Double
    /// Share of users active in 1, 2, 3, … scenes (normalised; capped at the number of scenes).
    public var activeSceneShares: [Double]
    /// Timestamp (seconds) of the first possible interaction and the span they cover.
    public var startTime: Int64
    public var timeSpan: Int64
    /// The generating mechanism (docs/REGIMES.md); nil means `topic`. Nil, not `.topic`, for the
    /// topic regime so that its truth.json stays byte-identical to what it was before regimes
    /// existed (an absent optional is not written).
    public var regime: Regime?
    /// The shape of a latent-factor regime; nil for `topic`. The topic knobs above
    /// (interestConcentration, diagonalWeight, partnerWeight, popularityExponent,
    /// activeSceneShares) are still written for every regime, so that any reader of
    /// GeneratorParameters decodes any truth.json, but only the topic regime uses them.
    public var factors: FactorShape?

    public init(seed: UInt64 = 7, users: Int = 1000, scenes: [Scene] = GeneratorParameters.defaultScenes,
                itemsPerScene: Int = 300, meanInteractionsPerUser: Double = 45,
                interestConcentration: Double = 0.1, explorationRate: Double = 0.1,
                diagonalWeight: Double = 0.5, partnerWeight: Double = 0.38, popularityExponent: Double = 0.5, activeSceneShares: [Double] = [0.2, 0.35, 0.3, 0.15],
                startTime: Int64 = 1_767_225_600, timeSpan: Int64 = 90 * 86_400, regime: Regime = .topic) {
        self.seed = seed
        self.users = users
        self.scenes = scenes
        self.itemsPerScene = itemsPerScene
        self.meanInteractionsPerUser = meanInteractionsPerUser
        self.interestConcentration = interestConcentration
        self.explorationRate = explorationRate
        self.diagonalWeight = diagonalWeight
        self.partnerWeight = partnerWeight
        self.popularityExponent = popularityExponent
        self.activeSceneShares = activeSceneShares
        self.startTime = startTime
        self.timeSpan = timeSpan
        self.regime = regime == .topic ? nil : regime
        self.factors = regime.defaultShape
    }

    /// The seed article's case: news, tech, entertainment and sports, in both languages. Ordered so
    /// that planted partners are adjacent (news ↔ tech, entertainment ↔ sports).
    public static let defaultScenes: [Scene] = [
        Scene(id: "news", name: "新闻 news"),
        Scene(id: "tech", name: "科技 tech"),
        Scene(id: "entertainment", name: "娱乐 entertainment"),
        Scene(id: "sports", name: "体育 sports"),
    ]
}


