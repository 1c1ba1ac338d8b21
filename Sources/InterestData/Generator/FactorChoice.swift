import Foundation
import Randomness

/// One user's choices in one scene of a latent-factor regime. A choice is a softmax over
/// `affinityScale · affinity + log-popularity` (or, when exploring, over log-popularity alone:
/// what is on the front page), without repeats while unseen items remain. The rating says where
/// the item's affinity, plus noise, ranks among all the scene's items for this user (its quantile
/// under a normal with the affinities' mean and spread: affinity is a sum of r products): the lower
/// third is disliked (1–2), around the median indifferent (3), the upper 45% liked (4–5). Because
/// choices lean to the upper part, most feedback is positive; negatives come mostly from
/// exploration and popularity, as low ratings do in real logs.
struct FactorChoice {
    let firstItem: Int
    let affinity: [Double]
    /// Mean and standard deviation of the affinity over the scene's items.
    let mean: Double, spread: Double
    let preferredWeights: [Double]
    let popularWeights: [Double]
    var preferred: [Double]
    var popular: [Double]
    /// Items not chosen yet (since the last reset), and the sums of their weights.
    var remaining: Int
    var preferredTotal: Double
    var popularTotal: Double

    init(catalog: FactorCatalog, scene s: Int, taste: [Double], affinityScale: Double) {
        firstItem = catalog.sceneItems[s].lowerBound
        affinity = catalog.affinities(scene: s, taste: taste)
        let n = Double(max(1, affinity.count))
        let mean = affinity.reduce(0, +) / n
        self.mean = mean
        spread = max(1e-9, (affinity.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / n).squareRoot())
        var preferredWeights = [Double](repeating: 0, count: affinity.count)
        var popularWeights = preferredWeights
        var top = -Double.infinity
        let range = catalog.sceneItems[s]
        for k in affinity.indices {
            let popularity = catalog.logPopularity[range.lowerBound + k]
            preferredWeights[k] = affinityScale * affinity[k] + popularity
            popularWeights[k] = exp(popularity)
            top = max(top, preferredWeights[k])
        }
        for k in preferredWeights.indices { preferredWeights[k] = exp(preferredWeights[k] - top) }
        self.preferredWeights = preferredWeights
        self.popularWeights = popularWeights
        preferred = preferredWeights
        popular = popularWeights
        remaining = affinity.count
        preferredTotal = preferred.reduce(0, +)
        popularTotal = popular.reduce(0, +)
    }

    /// The next item (global index); once every item was seen, repeats are allowed again.
    mutating func choose(explore: Bool, rng: inout SplitMix64) -> Int {
        if remaining == 0 {
            preferred = preferredWeights
            popular = popularWeights
            remaining = preferred.count
            preferredTotal = preferred.reduce(0, +)
            popularTotal = popular.reduce(0, +)
        }
        let k = explore ? Self.draw(popular, total: popularTotal, rng: &rng)
                        : Self.draw(preferred, total: preferredTotal, rng: &rng)
        preferredTotal -= preferred[k]
        popularTotal -= popular[k]
        preferred[k] = 0
        popular[k] = 0
        remaining -= 1
        return firstItem + k
    }

    /// `categorical` with a running total instead of a fresh sum: one pass instead of two, the
    /// hot loop of these regimes. A chosen weight is always positive (a drifted total falls back to
    /// the last positive weight).
    static func draw(_ weights: [Double], total: Double, rng: inout SplitMix64) -> Int {
        var target = rng.nextDouble() * total
        return weights.withUnsafeBufferPointer { w in
            for k in 0..<w.count where w[k] > 0 {
                target -= w[k]
                if target < 0 { return k }
            }
            return w.lastIndex { $0 > 0 } ?? 0
        }
    }

    /// A 1–5 rating of item (global index) from the quantile of its noisy affinity.
    func rating(of item: Int, noise: Double, rng: inout SplitMix64) -> Int {
        // The noise is in units of the affinity's spread, so `feedbackNoise` means the same for every user.
        let z = (affinity[item - firstItem] - mean) / spread + noise * rng.normal()
        let quantile = 0.5 * erfc(-z / 2.0.squareRoot())
        if quantile < 0.15 { return 1 }
        if quantile < 0.35 { return 2 }
        if quantile < 0.55 { return 3 }
        return quantile < 0.8 ? 4 : 5
    }
}
