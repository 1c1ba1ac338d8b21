import Foundation

/// The log-posterior of one user's tastes θ(u, 1…S) in a latent-factor world, given the user's
/// observed choices, under the generator's own choice model (`FactorChoice`): in each scene s,
/// P(v) = (1 − ε)·softmax_s(a·taste_s·x_v + log p_v) + ε·p_v/Σp with taste_s = Σ_k T[s,k]θ_k/‖T_s‖,
/// and the prior θ_k ~ N(0, I_r). What `planted-estimated` maximises (docs/REGIMES.md "Ceilings").
/// Left out, as the other ceilings leave them out: the generator's repeat-avoidance (a chosen item
/// leaves the scene's softmax until all were seen) and the ratings (they are drawn after the
/// choice, from the same affinity, and would tell more: choices alone are what is modelled here).
struct TastePosterior {
    let world: FactorWorld
    let transfer: [[Double]]
    let exploration: Double
    /// The scenes the user chose in, each with its chosen items (generator indices, repeats kept).
    let chosen: [(scene: Int, items: [Int])]

    var rank: Int { world.catalog.rank }
    var sceneCount: Int { transfer.count }
    /// Unknowns: θ_k for every scene k, flattened as x[k·r + d].
    var dimension: Int { sceneCount * rank }

    /// The taste that drives scene s: Σ_k T[s,k]θ_k/‖T_s‖ (the generator's mix).
    func taste(scene s: Int, _ x: [Double]) -> [Double] {
        let r = rank
        var taste = [Double](repeating: 0, count: r)
        for k in 0..<sceneCount where transfer[s][k] != 0 {
            let w = transfer[s][k] / world.rowNorms[s]
            for d in 0..<r { taste[d] += w * x[k * r + d] }
        }
        return taste
    }

    /// log P(choices | θ) − ½‖θ‖² (up to a constant) and its gradient in θ.
    func valueAndGradient(_ x: [Double]) -> (value: Double, gradient: [Double]) {
        let r = rank, a = world.affinityScale, ε = exploration
        var value = 0.0
        var gradient = x.map { -$0 }
        for d in x.indices { value -= 0.5 * x[d] * x[d] }
        for (s, items) in chosen {
            let range = world.catalog.sceneItems[s]
            let taste = taste(scene: s, x)
            let affinity = world.catalog.affinities(scene: s, taste: taste)
            // The softmax q over the scene's items, and the browsing share π_v = p_v/Σp.
            var logits = [Double](repeating: 0, count: range.count)
            var top = -Double.infinity, exploreTotal = 0.0
            for k in 0..<range.count {
                let popularity = world.catalog.logPopularity[range.lowerBound + k]
                logits[k] = a * affinity[k] + popularity
                top = max(top, logits[k])
                exploreTotal += exp(popularity)
            }
            var total = 0.0
            for k in 0..<range.count { logits[k] = exp(logits[k] - top); total += logits[k] }
            // x̄ = Σ_w q_w x_w: d log softmax_v / d taste = a·(x_v − x̄).
            var mean = [Double](repeating: 0, count: r)
            world.catalog.factors.withUnsafeBufferPointer { f in
                for k in 0..<range.count {
                    let q = logits[k] / total, row = (range.lowerBound + k) * r
                    for d in 0..<r { mean[d] += q * f[row + d] }
                }
            }
            var sceneGradient = [Double](repeating: 0, count: r)
            for v in items {
                let q = logits[v - range.lowerBound] / total
                let p = max((1 - ε) * q + ε * exp(world.catalog.logPopularity[v]) / exploreTotal, .leastNormalMagnitude)
                value += log(p)
                // The share of the choice's probability that taste explains.
                let explained = a * (1 - ε) * q / p
                for d in 0..<r { sceneGradient[d] += explained * (world.catalog.factors[v * r + d] - mean[d]) }
            }
            for k in 0..<sceneCount where transfer[s][k] != 0 {
                let w = transfer[s][k] / world.rowNorms[s]
                for d in 0..<r { gradient[k * r + d] += w * sceneGradient[d] }
            }
        }
        return (value, gradient)
    }

    /// The MAP tastes θ̂[k] (k = 1…S), by L-BFGS from the prior's mode θ = 0: deterministic.
    /// Without exploration the objective is strictly concave (log-softmax of a linear map plus
    /// the Gaussian prior), so this is the one maximum; with it, the mixture can in principle
    /// have several, and this is the one uphill from the prior mode.
    func maximum() -> (theta: [[Double]], value: Double, iterations: Int) {
        let start = [Double](repeating: 0, count: dimension)
        guard !chosen.isEmpty else { return (Array(repeating: Array(repeating: 0, count: rank), count: sceneCount), 0, 0) }
        let result = Ascent.maximize(start: start, valueAndGradient)
        let r = rank
        return ((0..<sceneCount).map { Array(result.x[$0 * r..<($0 + 1) * r]) }, result.value, result.iterations)
    }
}
