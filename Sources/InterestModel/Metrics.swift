import Foundation

/// HR, precision, recall and NDCG of one ranking (or their averages over many) at one cutoff.
public struct RankingScores: Sendable, Equatable, Codable {
    public var hitRate: Double
    public var precision: Double
    public var recall: Double
    public var ndcg: Double

    public init(hitRate: Double = 0, precision: Double = 0, recall: Double = 0, ndcg: Double = 0) {
        self.hitRate = hitRate
        self.precision = precision
        self.recall = recall
        self.ndcg = ndcg
    }
}

/// Full-ranking metrics exactly as MODEL-SPEC defines them.
public enum RankingMetrics {
    /// The cutoffs every report uses; 10 is the headline.
    public static let cutoffs = [5, 10, 20]

    /// The `count` best candidates, best first: higher score first, ties to the lower item index.
    /// `candidates` are item indices and `scores[i]` belongs to `candidates[i]`.
    public static func topItems(candidates: [Int], scores: [Float], count: Int) -> [Int] {
        precondition(candidates.count == scores.count)
        let limit = min(count, candidates.count)
        if limit == 0 { return [] }
        // A small sorted buffer: candidate lists are hundreds to thousands long and `count` is ≤ 20,
        // so insertion beats sorting everything.
        var best: [(score: Float, item: Int)] = []
        best.reserveCapacity(limit + 1)
        func before(_ a: (score: Float, item: Int), _ b: (score: Float, item: Int)) -> Bool {
            a.score > b.score || (a.score == b.score && a.item < b.item)
        }
        for index in candidates.indices {
            let entry = (score: scores[index].isNaN ? -Float.infinity : scores[index], item: candidates[index])
            if best.count == limit, !before(entry, best[limit - 1]) { continue }
            var position = best.count
            while position > 0 && before(entry, best[position - 1]) { position -= 1 }
            best.insert(entry, at: position)
            if best.count > limit { best.removeLast() }
        }
        return best.map(\.item)
    }

    /// Scores of one ranking (best first) against the distinct target items at cutoff `k`.
    public static func score(ranking: [Int], targets: Set<Int>, k: Int) -> RankingScores {
        precondition(k > 0)
        guard !targets.isEmpty else { return RankingScores() }
        var hits = 0
        var gain = 0.0
        for (rank, item) in ranking.prefix(k).enumerated() where targets.contains(item) {
            hits += 1
            gain += 1 / log2(Double(rank) + 2)
        }
        var ideal = 0.0
        for rank in 0..<min(k, targets.count) { ideal += 1 / log2(Double(rank) + 2) }
        return RankingScores(
            hitRate: hits > 0 ? 1 : 0, precision: Double(hits) / Double(k),
            recall: Double(hits) / Double(targets.count), ndcg: gain / ideal)
    }
}

/// Sums of per-case scores at every cutoff, turned into averages on demand.
public struct MetricsAccumulator: Sendable, Equatable {
    public private(set) var count = 0
    private var sums: [RankingScores]

    public init() { sums = RankingMetrics.cutoffs.map { _ in RankingScores() } }

    /// Adds one case given its ranking (best first, at least 20 long when that many candidates exist).
    public mutating func add(ranking: [Int], targets: Set<Int>) {
        count += 1
        for (slot, k) in RankingMetrics.cutoffs.enumerated() {
            let scores = RankingMetrics.score(ranking: ranking, targets: targets, k: k)
            sums[slot].hitRate += scores.hitRate
            sums[slot].precision += scores.precision
            sums[slot].recall += scores.recall
            sums[slot].ndcg += scores.ndcg
        }
    }

    public mutating func merge(_ other: MetricsAccumulator) {
        count += other.count
        for slot in sums.indices {
            sums[slot].hitRate += other.sums[slot].hitRate
            sums[slot].precision += other.sums[slot].precision
            sums[slot].recall += other.sums[slot].recall
            sums[slot].ndcg += other.sums[slot].ndcg
        }
    }

    /// Averages at cutoff `k` (one of `RankingMetrics.cutoffs`); zeros when there were no cases.
    public func average(at k: Int) -> RankingScores {
        guard let slot = RankingMetrics.cutoffs.firstIndex(of: k) else { preconditionFailure("cutoff \(k) is not tracked") }
        guard count > 0 else { return RankingScores() }
        let n = Double(count)
        let sum = sums[slot]
        return RankingScores(hitRate: sum.hitRate / n, precision: sum.precision / n, recall: sum.recall / n, ndcg: sum.ndcg / n)
    }
}
