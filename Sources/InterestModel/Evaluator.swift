import InterestData

/// Anything that can score every item of a case's scene: the model, its ablations and the baselines.
public protocol CaseScorer: Sendable {
    /// For each case, one score per item of its scene, in `dataset.itemsByScene[scene]` order.
    func scores(for cases: ArraySlice<EvaluationCase>, in dataset: Dataset) -> [[Float]]
}

/// Averages over a set of cases, overall and per scene.
public struct MetricsBreakdown: Sendable, Equatable {
    public var overall = MetricsAccumulator()
    public var perScene: [MetricsAccumulator]

    public init(sceneCount: Int) { perScene = Array(repeating: MetricsAccumulator(), count: sceneCount) }

    mutating func merge(_ other: MetricsBreakdown) {
        overall.merge(other.overall)
        for s in perScene.indices { perScene[s].merge(other.perScene[s]) }
    }
}

/// Full-ranking evaluation (MODEL-SPEC, Metrics): candidates are the items of the case's scene not
/// in the scene's part of its history; ties go to the lower item index.
public enum Evaluator {
    /// Cases scored per forward pass (bounds memory; large enough to keep GEMMs busy).
    static let chunkSize = 512

    /// Ranks every case and averages HR/P/R/NDCG at 5, 10 and 20, split across `threads`.
    public static func evaluate(_ scorer: some CaseScorer, cases: [EvaluationCase], dataset: Dataset,
                                threads: Int = 2) -> MetricsBreakdown {
        var total = MetricsBreakdown(sceneCount: dataset.sceneCount)
        for part in mapChunks(count: cases.count, threads: threads, { evaluateChunk(scorer, cases: cases[$0], dataset: dataset) }) {
            total.merge(part)
        }
        return total
    }

    static func evaluateChunk(_ scorer: some CaseScorer, cases: ArraySlice<EvaluationCase>, dataset: Dataset) -> MetricsBreakdown {
        var breakdown = MetricsBreakdown(sceneCount: dataset.sceneCount)
        let allScores = scorer.scores(for: cases, in: dataset)
        for (case_, scores) in zip(cases, allScores) {
            let ranking = rank(case_, scores: scores, dataset: dataset, count: RankingMetrics.cutoffs.max()!)
            let targets = Set(case_.targets.map { Int($0) })
            breakdown.overall.add(ranking: ranking, targets: targets)
            breakdown.perScene[Int(case_.scene)].add(ranking: ranking, targets: targets)
        }
        return breakdown
    }

    /// The best `count` candidates of a case (item indices, best first).
    public static func rank(_ case_: EvaluationCase, scores: [Float], dataset: Dataset, count: Int) -> [Int] {
        let items = dataset.itemsByScene[Int(case_.scene)]
        precondition(scores.count == items.count, "one score per item of the scene")
        var seen = Set<Int32>()
        for i in case_.history where dataset.interactionScene[Int(i)] == case_.scene {
            seen.insert(dataset.interactions.item[Int(i)])
        }
        var candidates: [Int] = []
        var candidateScores: [Float] = []
        candidates.reserveCapacity(items.count)
        candidateScores.reserveCapacity(items.count)
        for (index, item) in items.enumerated() where !seen.contains(item) {
            candidates.append(Int(item))
            candidateScores.append(scores[index])
        }
        return RankingMetrics.topItems(candidates: candidates, scores: candidateScores, count: count)
    }
}
