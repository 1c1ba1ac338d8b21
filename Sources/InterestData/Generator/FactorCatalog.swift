import Foundation
import Randomness

/// The items of a latent-factor regime: per scene, `itemsPerScene` items, each with a factor vector
/// in R^r (its topic's centroid plus its own part), a topic label of its own scene, and a base
/// popularity that is Zipf over all the scene's items (ranks in seeded random order, so popularity
/// is independent of taste: a popular item is popular with everyone).
struct FactorCatalog {
    var itemIDs: [String] = []
    /// Items of scene s are the contiguous indices `sceneItems[s]`.
    var sceneItems: [Range<Int>] = []
    /// Item factors, row-major V × r.
    var factors: [Double] = []
    /// −exponent · log(rank), the popularity term of the choice logit.
    var logPopularity: [Double] = []
    var csv = CSVWriter()
    let rank: Int

    init(scenes: [Scene], itemsPerScene: Int, shape: FactorShape, rng: inout SplitMix64) {
        rank = shape.rank
        csv.row(["item_id", "scene_id", "topic"])
        let topicCount = max(1, shape.topicsPerScene)
        // Per-dimension variance 1/r overall, so taste · factor has about unit spread over items.
        let centroidScale = (shape.topicCoherence / Double(rank)).squareRoot()
        let ownScale = ((1 - shape.topicCoherence) / Double(rank)).squareRoot()
        for scene in scenes {
            let first = itemIDs.count
            // Topics of uneven size, as categories are.
            let topicSizes = rng.dirichlet(concentration: 2, count: topicCount)
            let centroids = (0..<topicCount).map { _ in (0..<rank).map { _ in centroidScale * rng.normal() } }
            var ranks = Array(0..<itemsPerScene)
            rng.shuffle(&ranks)
            for k in 0..<itemsPerScene {
                let topic = rng.categorical(topicSizes)
                for d in 0..<rank { factors.append(centroids[topic][d] + ownScale * rng.normal()) }
                logPopularity.append(-shape.popularityExponent * log(Double(ranks[k] + 1)))
                let id = "\(scene.id)-\(k + 1)"
                itemIDs.append(id)
                csv.row([id, scene.id, "\(scene.id) t\(topic + 1)"])
            }
            sceneItems.append(first..<itemIDs.count)
        }
    }

    /// taste · factor(v) for every item v of scene s, in item order. (Plain loops over buffers: this
    /// runs for every active scene of every user, and generic `map`s are slow in debug builds.)
    func affinities(scene s: Int, taste: [Double]) -> [Double] {
        let range = sceneItems[s], r = rank
        return [Double](unsafeUninitializedCapacity: range.count) { out, initialized in
            factors.withUnsafeBufferPointer { f in
                taste.withUnsafeBufferPointer { t in
                    for k in 0..<range.count {
                        let row = (range.lowerBound + k) * r
                        var sum = 0.0
                        for d in 0..<r { sum += t[d] * f[row + d] }
                        out[k] = sum
                    }
                }
            }
            initialized = range.count
        }
    }
}
