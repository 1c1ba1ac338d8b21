import InterestData

/// Where each cold-target test case's hidden items land in the model's ranking and in each
/// baseline's, so an analyst can see where transfer wins and loses case by case (issue 11's
/// browser of cold-target cases; `mist cases`).
public struct ColdCaseRanks: Sendable, Equatable {
    public var user: Int32
    public var scene: Int32
    /// The hidden target items.
    public var targets: [Int32]
    /// Per model (in `ColdCaseReport.models` order), the 1-based rank of each target among the
    /// case's candidates, nil when it is not within the report's depth.
    public var ranks: [[Int?]]

    /// The best (smallest) rank of any target under model `m`.
    public func best(_ m: Int) -> Int? { ranks[m].compactMap { $0 }.min() }
}

public struct ColdCaseReport: Sendable, Equatable {
    /// The model first, then the baselines.
    public var models: [String]
    /// How deep rankings were searched (ranks beyond are nil).
    public var depth: Int
    public var cases: [ColdCaseRanks]

    /// Cases where the model's best rank is better (smaller) than every baseline's, and worse
    /// than at least one.
    public var wins: Int { cases.filter { c in (1..<models.count).allSatisfy { better(c.best(0), than: c.best($0)) } }.count }
    public var losses: Int { cases.filter { c in (1..<models.count).contains { better(c.best($0), than: c.best(0)) } }.count }

    func better(_ a: Int?, than b: Int?) -> Bool {
        switch (a, b) {
        case let (a?, b?): return a < b
        case (.some, nil): return true
        default: return false
        }
    }

    /// Ranks the cold-target test cases of `split` under `model` (named `name`) and the untuned
    /// popularity, EASE and ItemKNN baselines (the middle of their grids), to `depth`.
    public static func make(model: TransferModel, name: String, split: Split, dataset: Dataset, depth: Int = 100,
                            threads: Int = 2) throws -> ColdCaseReport {
        var scorers: [(String, any CaseScorer)] = [(name, model), ("popularity", PopularityBaseline(dataset: dataset, split: split))]
        scorers.append(("ease", try EASEBaseline(dataset: dataset, split: split, lambda: ComparisonGrid.untunedEASELambda, threads: threads)))
        scorers.append(("itemknn", ItemKNNBaseline(dataset: dataset, split: split, neighbours: ComparisonGrid.untunedNeighbours)))
        let cases = split.coldCases
        var perModel: [[[Int?]]] = []
        for (_, scorer) in scorers {
            var ranks: [[Int?]] = []
            for start in stride(from: 0, to: cases.count, by: 256) {
                let chunk = cases[start..<min(start + 256, cases.count)]
                for (case_, scores) in zip(chunk, scorer.scores(for: chunk, in: dataset)) {
                    let ranking = Evaluator.rank(case_, scores: scores, dataset: dataset, count: depth)
                    var position: [Int: Int] = [:]
                    for (r, item) in ranking.enumerated() { position[item] = r + 1 }
                    ranks.append(case_.targets.map { position[Int($0)] })
                }
            }
            perModel.append(ranks)
        }
        return ColdCaseReport(models: scorers.map(\.0), depth: depth, cases: cases.enumerated().map { i, c in
            ColdCaseRanks(user: c.user, scene: c.scene, targets: c.targets, ranks: perModel.map { $0[i] })
        })
    }
}
