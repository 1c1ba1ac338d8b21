import Foundation
import Randomness

/// What the users of every regime have in common: ids, a users.csv row of made-up attributes,
/// which scenes they are active in, how many interactions they have, how those interleave over
/// their scenes, and when they happen. Factored out of the topic generator: each helper draws from
/// the stream in exactly the order the topic generator always did, so its files stay byte-identical
/// for a seed (GeneratorTests checks the bundled sample data).
enum SyntheticUsers {
    /// users.csv with its header; rows are added by `addRow`.
    static func table() -> CSVWriter {
        var users = CSVWriter()
        users.row(["user_id", "name", "city", "joined"])
        return users
    }

    /// Digits of the largest user number: ids are zero-padded to it (u0001 … u1000).
    static func idWidth(users: Int) -> Int { String(users).count }

    static func id(_ u: Int, width: Int) -> String {
        let number = String(u + 1)
        return "u" + String(repeating: "0", count: max(0, width - number.count)) + number
    }

    /// Appends user u's row (name, city, joined year: attributes only, the model never sees them).
    static func addRow(_ u: Int, width: Int, to users: inout CSVWriter, rng: inout SplitMix64) {
        users.row([id(u, width: width), Names.person(&rng), Names.city(&rng), String(2015 + rng.int(below: 11))])
    }

    /// How many scenes (by `shares` of 1, 2, … scenes, already capped at the scene count) and which
    /// ones (by `sceneWeights`, without replacement), in the order drawn.
    static func activeScenes(shares: [Double], sceneWeights: [Double], rng: inout SplitMix64) -> [Int] {
        let activeCount = shares.isEmpty ? 1 : rng.categorical(shares) + 1
        var candidates = Array(sceneWeights.indices), activity = sceneWeights
        var active: [Int] = []
        for _ in 0..<activeCount {
            let k = rng.categorical(activity)
            active.append(candidates.remove(at: k))
            activity.remove(at: k)
        }
        return active
    }

    /// A log-normal number of interactions with the given mean and spread (σ of the log), at least
    /// three per active scene (so that most active scenes have a test item) and at most `cap`.
    static func interactionCount(mean: Double, spread sigma: Double, activeCount: Int, cap: Int = .max,
                                 rng: inout SplitMix64) -> Int {
        let drawn = mean * exp(sigma * rng.normal() - sigma * sigma / 2)
        return min(cap, max(3 * activeCount, Int(drawn.rounded())))
    }

    /// The scene of each of `total` events: two in every active scene, the rest split by a
    /// Dirichlet share per user, shuffled so that scenes interleave in time.
    static func sceneSequence(active: [Int], total: Int, rng: inout SplitMix64) -> [Int] {
        let split = rng.dirichlet(concentration: 1.5, count: active.count)
        var sceneOfEvent: [Int] = []
        for s in active { sceneOfEvent += [s, s] }
        for _ in sceneOfEvent.count..<max(sceneOfEvent.count, total) { sceneOfEvent.append(active[rng.categorical(split)]) }
        rng.shuffle(&sceneOfEvent)
        return sceneOfEvent
    }

    /// Sorted timestamps: a personal window inside the span, with a few same-second repeats (so
    /// that the input-order tie-break is exercised).
    static func times(count: Int, parameters: GeneratorParameters, rng: inout SplitMix64) -> [Int64] {
        let window = Int64(Double(parameters.timeSpan) * (0.3 + 0.6 * rng.nextDouble()))
        let begin = parameters.startTime + Int64(Double(parameters.timeSpan - window) * rng.nextDouble())
        var times = (0..<count).map { _ in begin + Int64(Double(window) * rng.nextDouble()) }
        times.sort()
        for k in 1..<max(1, times.count) where rng.nextDouble() < 0.03 { times[k] = times[k - 1] }
        return times
    }
}

/// The interactions of a generated dataset, written as a service would log them: in time order
/// across users.
struct InteractionLog {
    struct Event {
        var time: Int64
        var user: Int32
        var order: Int32
        var item: Int32
        var rating: Int
    }

    var events: [Event] = []

    init(reservingCapacity capacity: Int) { events.reserveCapacity(capacity) }

    mutating func append(time: Int64, user: Int, order: Int, item: Int, rating: Int) {
        events.append(Event(time: time, user: Int32(user), order: Int32(order), item: Int32(item), rating: rating))
    }

    /// interactions.csv with a rating column; (time, user, order) is unique, so the order is fixed.
    func csv(idWidth: Int, itemIDs: [String]) -> [UInt8] {
        // Field by field rather than as tuples: the same order, without generic tuple comparison
        // (which dominated generation time in debug builds).
        let sorted = events.sorted { a, b in
            if a.time != b.time { return a.time < b.time }
            if a.user != b.user { return a.user < b.user }
            return a.order < b.order
        }
        var interactions = CSVWriter(reservingCapacity: sorted.count * 28)
        interactions.row(["user_id", "item_id", "timestamp", "rating"])
        for e in sorted {
            interactions.field(SyntheticUsers.id(Int(e.user), width: idWidth))
            interactions.field(itemIDs[Int(e.item)])
            interactions.field(e.time)
            interactions.field(e.rating)
            interactions.endRow()
        }
        return interactions.bytes
    }
}
