import Foundation
import Randomness

/// Generates a dataset folder with a planted scene-to-scene transfer (see docs/DATA-FORMAT.md).
///
/// Each user has a latent topic interest θ(u, s) per scene (a Dirichlet draw: a few favourite
/// topics). The interest that drives their choices in scene t is the planted mix
/// m(u, t) = Σ_s T[t, s] · θ(u, s). A choice in t picks a topic with probability ∝ m(u, t)[c] ·
/// (how many items of c the scene has), or, with the exploration rate, ∝ availability alone; then
/// an item of that topic by Zipf popularity. Feedback follows the affinity m(u, t)[c] relative to
/// uniform (with noise): liked topics rate 4–5, indifferent 3, disliked 1–2. Because topics are
/// shared by all scenes, what a user does in s tells about t exactly as much as T plants.
public enum SyntheticGenerator {
    public static func generate(_ parameters: GeneratorParameters) -> GeneratedFiles {
        var rng = SplitMix64(seed: parameters.seed)
        let scenes = parameters.scenes
        let sceneCount = scenes.count
        let topicCount = TopicCatalog.topics.count
        let transfer = PlantedTransfer.matrix(sceneCount: sceneCount, diagonal: parameters.diagonalWeight,
                                                partner: parameters.partnerWeight, rng: &rng)

        // Items: per scene, topics in proportion to prevalence, popularity Zipf within a topic.
        var prevalence: [[Double]] = []
        var itemsOf: [[[Int]]] = []          // [scene][topic] → item indices
        var popularity: [[[Double]]] = []    // same shape, weights
        var items = CSVWriter()
        items.row(["item_id", "scene_id", "topic", "title"])
        var itemIDs: [String] = []
        for (s, scene) in scenes.enumerated() {
            let weights = TopicCatalog.prevalence(sceneID: scene.id, rng: &rng)
            prevalence.append(weights)
            let total = weights.reduce(0, +)
            var perTopic: [[Int]] = Array(repeating: [], count: topicCount)
            var perTopicWeight: [[Double]] = Array(repeating: [], count: topicCount)
            var number = 0
            for c in 0..<topicCount {
                let count = max(1, Int((Double(parameters.itemsPerScene) * weights[c] / total).rounded()))
                var ranks = Array(0..<count)
                rng.shuffle(&ranks)
                for k in 0..<count {
                    number += 1
                    let id = "\(scene.id)-\(number)"
                    perTopic[c].append(itemIDs.count)
                    perTopicWeight[c].append(1 / pow(Double(ranks[k] + 1), parameters.popularityExponent))
                    itemIDs.append(id)
                    items.row([id, scene.id, TopicCatalog.topics[c].name,
                               TopicCatalog.title(topic: c, number: number, sceneName: scene.id, rng: &rng)])
                }
            }
            _ = s
            itemsOf.append(perTopic)
            popularity.append(perTopicWeight)
        }

        // Scene activity: earlier scenes somewhat busier, so activity is uneven across scenes.
        let sceneActivity = (0..<sceneCount).map { 1 / (1 + 0.25 * Double($0)) }
        let shares = Array(parameters.activeSceneShares.prefix(sceneCount))

        var events: [Event] = []
        events.reserveCapacity(Int(Double(parameters.users) * parameters.meanInteractionsPerUser * 1.1))
        var users = CSVWriter()
        users.row(["user_id", "name", "city", "joined"])
        let idWidth = String(parameters.users).count
        for u in 0..<parameters.users {
            let number = String(u + 1)
            let userID = "u" + String(repeating: "0", count: max(0, idWidth - number.count)) + number
            users.row([userID, Names.person(&rng), Names.city(&rng), String(2015 + rng.int(below: 11))])
            // Latent interests for every scene (also inactive ones: they still feed the mix).
            let theta = (0..<sceneCount).map { _ in rng.dirichlet(concentration: parameters.interestConcentration, count: topicCount) }
            let mix = (0..<sceneCount).map { t in
                (0..<topicCount).map { c in (0..<sceneCount).reduce(0.0) { $0 + transfer[t][$1] * theta[$1][c] } }
            }
            // Which scenes, how many interactions, how they split.
            let activeCount = shares.isEmpty ? 1 : rng.categorical(shares) + 1
            var candidates = Array(0..<sceneCount), activity = sceneActivity
            var active: [Int] = []
            for _ in 0..<activeCount {
                let k = rng.categorical(activity)
                active.append(candidates.remove(at: k))
                activity.remove(at: k)
            }
            let sigma = 0.6
            let drawn = parameters.meanInteractionsPerUser * exp(sigma * rng.normal() - sigma * sigma / 2)
            let total = max(3 * activeCount, Int(drawn.rounded()))
            let split = rng.dirichlet(concentration: 1.5, count: activeCount)
            var sceneOfEvent: [Int] = []
            for s in active { sceneOfEvent += [s, s] }
            for _ in sceneOfEvent.count..<total { sceneOfEvent.append(active[rng.categorical(split)]) }
            rng.shuffle(&sceneOfEvent)   // scenes interleave in time
            // Times: a personal window inside the span, sorted offsets, a few same-second repeats.
            let window = Int64(Double(parameters.timeSpan) * (0.3 + 0.6 * rng.nextDouble()))
            let begin = parameters.startTime + Int64(Double(parameters.timeSpan - window) * rng.nextDouble())
            var times = (0..<total).map { _ in begin + Int64(Double(window) * rng.nextDouble()) }
            times.sort()
            for k in 1..<max(1, times.count) where rng.nextDouble() < 0.03 { times[k] = times[k - 1] }
            var taken = Set<Int>()
            for (k, t) in sceneOfEvent.enumerated() {
                let weights: [Double]
                if rng.nextDouble() < parameters.explorationRate {
                    weights = prevalence[t]
                } else {
                    weights = (0..<topicCount).map { mix[t][$0] * prevalence[t][$0] }
                }
                let c = rng.categorical(weights)
                var item = itemsOf[t][c][rng.categorical(popularity[t][c])]
                var tries = 0
                while taken.contains(item) && tries < 8 {
                    item = itemsOf[t][c][rng.categorical(popularity[t][c])]
                    tries += 1
                }
                taken.insert(item)
                let affinity = log(max(mix[t][c] * Double(topicCount), 1e-9)) + 0.5 * rng.normal()
                events.append(Event(time: times[k], user: Int32(u), order: Int32(k), item: Int32(item),
                                    rating: Self.rating(affinity: affinity, rng: &rng)))
            }
        }

        // The log is in time order across users, as a service would write it.
        events.sort { ($0.time, $0.user, $0.order) < ($1.time, $1.user, $1.order) }
        var interactions = CSVWriter(reservingCapacity: events.count * 28)
        interactions.row(["user_id", "item_id", "timestamp", "rating"])
        let idWidthPrefix = idWidth
        for e in events {
            let number = String(e.user + 1)
            interactions.field("u" + String(repeating: "0", count: max(0, idWidthPrefix - number.count)) + number)
            interactions.field(itemIDs[Int(e.item)])
            interactions.field(e.time)
            interactions.field(e.rating)
            interactions.endRow()
        }

        var scenesCSV = CSVWriter()
        scenesCSV.row(["scene_id", "name"])
        for scene in scenes { scenesCSV.row([scene.id, scene.name]) }
        let truth = Truth(scenes: scenes.map(\.id), transfer: transfer, generator: parameters)
        return GeneratedFiles(files: [
            "scenes.csv": scenesCSV.bytes,
            "items.csv": items.bytes,
            "interactions.csv": interactions.bytes,
            "users.csv": users.bytes,
            "truth.json": truth.json(),
        ])
    }

    /// Rating from affinity (log of interest relative to uniform, with noise).
    static func rating(affinity: Double, rng: inout SplitMix64) -> Int {
        if affinity > log(3.0) { return 5 }
        if affinity > log(1.2) { return 4 }
        if affinity > log(0.5) { return 3 }
        return affinity > log(0.15) ? 2 : 1
    }

    struct Event {
        var time: Int64
        var user: Int32
        var order: Int32
        var item: Int32
        var rating: Int
    }
}

/// The files of a generated dataset, by name.
public struct GeneratedFiles: Sendable {
    public var files: [String: [UInt8]]

    /// Writes every file into `directory` (created if needed), each atomically.
    public func write(to directory: String) throws(DataError) {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw .cannotWrite(DataLocation(file: directory), reason: "cannot create the directory")
        }
        for name in files.keys.sorted() {
            try AtomicFile.write(files[name]!, to: (directory as NSString).appendingPathComponent(name))
        }
    }
}

extension Truth {
    /// truth.json bytes: pretty, keys sorted, so that the same data gives the same file.
    func json() -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return Array((try? encoder.encode(self)) ?? Data()) + [UInt8(ascii: "\n")]
    }
}
