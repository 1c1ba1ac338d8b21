import Dispatch
import InterestData
import Synchronization

/// One case's HR/P/R/NDCG at each of `RankingMetrics.cutoffs` (the paired bootstrap needs them
/// per case; `Evaluator.evaluate` keeps only sums).
public struct CaseMetrics: Sendable, Equatable {
    /// In `RankingMetrics.cutoffs` order.
    public let scores: [RankingScores]

    /// The scores at cutoff `k` (one of `RankingMetrics.cutoffs`).
    public func at(_ k: Int) -> RankingScores {
        guard let slot = RankingMetrics.cutoffs.firstIndex(of: k) else { preconditionFailure("cutoff \(k) is not tracked") }
        return scores[slot]
    }
}

extension Evaluator {
    /// Every case's metrics, in case order, ranked exactly as `evaluate` ranks them (same
    /// `rank`, same `RankingMetrics.score`), so their mean is `evaluate`'s average.
    public static func perCase(_ scorer: some CaseScorer, cases: [EvaluationCase], dataset: Dataset,
                               threads: Int = 2) -> [CaseMetrics] {
        let depth = RankingMetrics.cutoffs.max()!
        return mapChunks(count: cases.count, threads: threads) { range in
            let slice = cases[range]
            return zip(slice, scorer.scores(for: slice, in: dataset)).map { case_, scores in
                let ranking = rank(case_, scores: scores, dataset: dataset, count: depth)
                let targets = Set(case_.targets.map { Int($0) })
                return CaseMetrics(scores: RankingMetrics.cutoffs.map { RankingMetrics.score(ranking: ranking, targets: targets, k: $0) })
            }
        }.flatMap { $0 }
    }

    /// `body` over consecutive chunks of `chunkSize` indices of `0..<count`, shared by `threads`
    /// threads through a counter; the results come back in chunk order whatever the timing.
    static func mapChunks<T: Sendable>(count: Int, threads: Int, _ body: @Sendable (Range<Int>) -> T) -> [T] {
        let chunks = stride(from: 0, to: count, by: chunkSize).map { $0..<min($0 + chunkSize, count) }
        let results = Mutex([T?](repeating: nil, count: chunks.count))
        let next = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: max(1, min(threads, chunks.count))) { _ in
            while true {
                let index = next.add(1, ordering: .relaxed).oldValue
                guard index < chunks.count else { return }
                let part = body(chunks[index])
                results.withLock { $0[index] = part }
            }
        }
        return results.withLock { $0 }.map { $0! }
    }
}
