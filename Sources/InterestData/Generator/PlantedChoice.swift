import Foundation

/// The generator's own choice model, read off the planted world: the log-probability that user u's
/// next choice in scene t is each of t's items (before any repeat-avoidance; the evaluator leaves
/// out what the user has seen). Both regimes choose with the exploration rate ε over popularity
/// alone, else by taste, so P(v) = (1 − ε)·w_v/Σw + ε·p_v/Σp with p the exploration weights.
extension PlantedWorld {
    /// What the scorer may know of the target scene's own planted taste θ(u, t).
    public enum TargetTaste: Sendable {
        /// Everything: θ(u, t) exactly, so the scores are the generator's choice probabilities.
        case known
        /// θ(u, t) is hidden: it is replaced by its prior (see `logChoiceScores`).
        case marginalised
    }

    /// One score per item of scene `t`, in `sceneItems[t]` order, for generator user `u`. Every
    /// source taste θ(u, s), s ≠ t, is known exactly (also in scenes the user never acted in).
    /// With `.marginalised` target taste:
    /// - latent/longtail: the taste is m + c·θ_t with m = Σ_{s≠t} T[t,s]θ_s/‖T_t‖, c = T[t,t]/‖T_t‖
    ///   and θ_t ~ N(0, I), so the expected taste weight is
    ///   E[p_v·exp(a(m + cθ_t)·x_v)] = p_v·exp(a·m·x_v + a²c²‖x_v‖²/2);
    /// - topic: the mix Σ_s T[t,s]θ_s is linear in θ_t, whose mean is the uniform 1/C (a symmetric
    ///   Dirichlet), so θ_t is replaced by it.
    /// In both, the expected weights go into the same normalised mixture as known ones: a ranking
    /// by expected unnormalised weight (the ratio of expectations, not the expected probability).
    public func logChoiceScores(user u: Int, scene t: Int, target: TargetTaste) -> [Double] {
        logChoiceScores(theta: plantedTastes(user: u), scene: t, target: target)
    }

    /// The tastes the generator drew user u's choices from, every scene's.
    func plantedTastes(user u: Int) -> [[Double]] {
        switch mechanism {
        case .factors(let world): return world.theta[u]
        case .topics(let world): return world.theta[u]
        }
    }

    /// The choice scores in scene t of a user whose tastes are `theta` (every scene's: the planted
    /// ones, or `planted-estimated`'s estimates, a plug-in without their uncertainty).
    public func logChoiceScores(theta: [[Double]], scene t: Int, target: TargetTaste = .known) -> [Double] {
        switch mechanism {
        case .factors(let world):
            return world.logChoiceScores(theta: theta, scene: t, target: target, transfer: transfer,
                                         exploration: parameters.explorationRate)
        case .topics(let world):
            return world.logChoiceScores(theta: theta, scene: t, target: target, transfer: transfer,
                                         exploration: parameters.explorationRate, range: sceneItems[t])
        }
    }

    /// (1 − ε)·taste/Σtaste + ε·explore/Σexplore, as logs (floored so that a zero weight still ranks).
    static func logMixture(taste: [Double], explore: [Double], exploration ε: Double) -> [Double] {
        let tasteTotal = max(taste.reduce(0, +), .leastNormalMagnitude)
        let exploreTotal = max(explore.reduce(0, +), .leastNormalMagnitude)
        return zip(taste, explore).map { w, p in
            log(max((1 - ε) * w / tasteTotal + ε * p / exploreTotal, .leastNormalMagnitude))
        }
    }
}

extension FactorWorld {
    /// `FactorChoice`'s logit, a·taste·x_v + log p_v, for a user whose tastes are `theta`
    /// (theta[s], every scene: the planted ones, or `planted-estimated`'s estimates), with the
    /// target's own taste known or marginalised (see `PlantedWorld.logChoiceScores`); exploration
    /// is ∝ p_v.
    func logChoiceScores(theta: [[Double]], scene t: Int, target: PlantedWorld.TargetTaste, transfer: [[Double]],
                         exploration: Double) -> [Double] {
        let rank = catalog.rank
        let taste = Self.drivingTaste(theta: theta, scene: t, transfer: transfer, rowNorm: rowNorms[t],
                                      skipping: target == .known ? nil : t)
        let affinity = catalog.affinities(scene: t, taste: taste)
        let range = catalog.sceneItems[t]
        // The variance of the hidden part a·c·θ_t·x_v, whose log-normal mean adds half of it.
        let hidden = target == .known ? 0 : affinityScale * transfer[t][t] / rowNorms[t]
        var logits = [Double](repeating: 0, count: range.count)
        for k in 0..<range.count {
            let v = range.lowerBound + k
            var norm = 0.0
            for d in 0..<rank { norm += catalog.factors[v * rank + d] * catalog.factors[v * rank + d] }
            logits[k] = affinityScale * affinity[k] + catalog.logPopularity[v] + hidden * hidden * norm / 2
        }
        let top = logits.max() ?? 0
        return PlantedWorld.logMixture(taste: logits.map { exp($0 - top) },
                                       explore: range.map { exp(catalog.logPopularity[$0]) }, exploration: exploration)
    }
}

extension TopicWorld {
    /// The topic regime's choice: a topic ∝ mix[c]·prevalence[c] (exploring: ∝ prevalence), then
    /// an item of it by its Zipf weight, for a user whose interests are `theta` (theta[s], every
    /// scene: the planted ones, or `planted-estimated`'s estimates); the target's own interest
    /// known or replaced by its mean.
    func logChoiceScores(theta: [[Double]], scene t: Int, target: PlantedWorld.TargetTaste, transfer: [[Double]],
                         exploration: Double, range: Range<Int>) -> [Double] {
        let topics = prevalence[t].count
        let mix = (0..<topics).map { c in
            transfer.indices.reduce(0.0) { total, s in
                total + transfer[t][s] * (s == t && target == .marginalised ? 1 / Double(topics) : theta[s][c])
            }
        }
        var taste = [Double](repeating: 0, count: range.count), explore = taste
        for c in 0..<topics {
            let within = popularity[t][c].reduce(0, +)
            for (k, v) in itemsOf[t][c].enumerated() {
                let share = popularity[t][c][k] / within
                taste[v - range.lowerBound] = mix[c] * prevalence[t][c] * share
                explore[v - range.lowerBound] = prevalence[t][c] * share
            }
        }
        return PlantedWorld.logMixture(taste: taste, explore: explore, exploration: exploration)
    }
}
