extension FactorShape {
    /// `longtail`: the latent-factor mechanism under the sparsity of real cross-domain logs
    /// (docs/REGIMES.md gives the statistics each number imitates):
    /// - popularity Zipf 1.0 over all items of a scene (the classic exponent of item popularity in
    ///   MovieLens, Netflix and Amazon logs), so a handful of items take a large share;
    /// - heavy-tailed activity: log-normal σ 1.5 (log-normal fits of MovieLens user activity give
    ///   σ 1.39–1.61), so the median user has about a third of the mean and a few users ten times it;
    /// - at most two active scenes (60% one, 40% two: users rarely span many domains, and the
    ///   40% keep about 1100 of 3000 users eligible for the cold-target draw), with uneven scenes
    ///   (weights (1 + s)^−0.7, like domains of very different size);
    /// - weak, diffuse transfer: 70% of each target's taste is its own, the rest spread evenly
    ///   (Dirichlet 2) so no source stands out;
    /// - more noise: a flatter taste term (scale 1.0 vs 1.5) and feedback noise 1.0 vs 0.5.
    public static let longTail = FactorShape(
        rank: 8, topicsPerScene: 12, topicCoherence: 0.5,
        diagonalWeight: 0.7, diagonalJitter: 0.05, sourceConcentration: 2,
        affinityScale: 1.0, popularityExponent: 1.0,
        activeSceneShares: [0.6, 0.4], sceneSkew: 0.7,
        activitySpread: 1.5, feedbackNoise: 1.0)
}
