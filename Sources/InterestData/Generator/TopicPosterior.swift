import Foundation

/// The log-posterior of one user's topic interests θ(u, 1…S) in a topic-regime world, given the
/// user's observed choices, under the generator's own choice model (`SyntheticGenerator`): in
/// scene t a choice's topic is c with probability
///   P(c) = (1 − ε)·mix_c·prev_c / Σ_c' mix_c'·prev_c' + ε·prev_c / Σ_c' prev_c',
/// mix = Σ_s T[t,s]θ_s, and the item is then drawn by its within-topic Zipf weight, a constant:
/// only the topics of the chosen items carry information about θ, so the likelihood is written
/// over topics. What `planted-estimated` maximises on topic data (docs/REGIMES.md "Ceilings").
///
/// Parameterisation and prior: θ_s = softmax(η_s), η_s ~ N(0, σ²I). The generator's own prior,
/// Dirichlet(α) with α = `interestConcentration` (0.1), has no interior MAP for α < 1 (its density
/// is unbounded at the simplex's corners), so it cannot be maximised as it is; σ² = (1 − 1/C)/α is
/// the variance of the Laplace (logistic-normal) approximation of a symmetric Dirichlet(α) in the
/// softmax basis (MacKay 1998, diagonal), so the prior keeps the Dirichlet's spread (σ ≈ 3 for
/// α = 0.1, C = 12: sparse interests are a priori plausible) while having a mode, at uniform θ.
/// Left out, as for the latent regimes: repeat-avoidance and the ratings.
struct TopicPosterior {
    let world: TopicWorld
    let transfer: [[Double]]
    let exploration: Double
    /// σ² of the prior on each η_s[c].
    let variance: Double
    /// The scenes the user chose in, each with how many of its choices fell in each topic.
    let counts: [(scene: Int, topics: [Double])]

    var topicCount: Int { world.prevalence[0].count }
    var sceneCount: Int { transfer.count }
    /// Unknowns: η_s[c] for every scene s, flattened as x[s·C + c].
    var dimension: Int { sceneCount * topicCount }

    /// The prior variance that matches a symmetric Dirichlet(α) over C topics (see the type's comment).
    static func priorVariance(concentration α: Double, topics: Int) -> Double {
        (1 - 1 / Double(topics)) / α
    }

    /// θ_s = softmax(η_s) for every scene.
    func interests(_ x: [Double]) -> [[Double]] {
        let topics = topicCount
        return (0..<sceneCount).map { s in
            let eta = x[s * topics..<(s + 1) * topics]
            let top = eta.max() ?? 0
            let weights = eta.map { exp($0 - top) }
            let total = weights.reduce(0, +)
            return weights.map { $0 / total }
        }
    }

    /// Σ_choices log P(topic) − ½‖η‖²/σ² (up to a constant) and its gradient in η.
    func valueAndGradient(_ x: [Double]) -> (value: Double, gradient: [Double]) {
        let topics = topicCount, ε = exploration
        let theta = interests(x)
        var value = 0.0
        for d in x.indices { value -= 0.5 * x[d] * x[d] / variance }
        // ∂value/∂θ_s[c], turned into ∂/∂η at the end.
        var thetaGradient = [[Double]](repeating: [Double](repeating: 0, count: topics), count: sceneCount)
        for (t, n) in counts {
            let prevalence = world.prevalence[t]
            let mix = (0..<topics).map { c in transfer.indices.reduce(0.0) { $0 + transfer[t][$1] * theta[$1][c] } }
            let weight = (0..<topics).map { mix[$0] * prevalence[$0] }
            let total = max(weight.reduce(0, +), .leastNormalMagnitude)
            let prevalenceTotal = prevalence.reduce(0, +)
            // a_c = n_c·(1 − ε)/(p_c·W): each chosen topic's share of the likelihood that taste explains.
            var a = [Double](repeating: 0, count: topics)
            var explained = 0.0
            for c in 0..<topics where n[c] > 0 {
                let p = max((1 - ε) * weight[c] / total + ε * prevalence[c] / prevalenceTotal, .leastNormalMagnitude)
                value += n[c] * log(p)
                a[c] = n[c] * (1 - ε) / (p * total)
                explained += a[c] * weight[c] / total
            }
            // ∂/∂mix_c = prev_c·(a_c − Σ_c' a_c'·w_c'/W); mix is linear in every θ_s with weight T[t,s].
            for c in 0..<topics {
                let byMix = prevalence[c] * (a[c] - explained)
                for s in 0..<sceneCount where transfer[t][s] != 0 { thetaGradient[s][c] += transfer[t][s] * byMix }
            }
        }
        var gradient = x.map { -$0 / variance }
        for s in 0..<sceneCount {
            // Softmax's Jacobian: ∂/∂η_s[k] = θ_s[k]·(g_s[k] − Σ_c θ_s[c]·g_s[c]).
            let mean = (0..<topics).reduce(0.0) { $0 + theta[s][$1] * thetaGradient[s][$1] }
            for k in 0..<topics { gradient[s * topics + k] += theta[s][k] * (thetaGradient[s][k] - mean) }
        }
        return (value, gradient)
    }

    /// The MAP interests θ̂_s = softmax(η̂_s), by L-BFGS from the prior's mode η = 0 (uniform θ):
    /// deterministic. The objective is not concave in η (the mixture, and the softmax), so this
    /// is the maximum uphill from the prior mode, not provably the global one.
    func maximum() -> (theta: [[Double]], value: Double, iterations: Int) {
        let start = [Double](repeating: 0, count: dimension)
        guard !counts.isEmpty else { return (interests(start), 0, 0) }
        let result = Ascent.maximize(start: start, valueAndGradient)
        return (interests(result.x), result.value, result.iterations)
    }
}
