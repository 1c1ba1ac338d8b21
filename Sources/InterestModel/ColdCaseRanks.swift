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

    /// How the model did on one case against the baselines: a win when its best rank is better
    /// (smaller) than every baseline's, a loss when some baseline's is better, a tie otherwise
    /// (equal best ranks, or no target within the depth for anyone).
    public func outcome(_ c: ColdCaseRanks) -> ColdCaseOutcome {
        if (1..<models.count).allSatisfy({ better(c.best(0), than: c.best($0)) }) { return .win }
        if (1..<models.count).contains(where: { better(c.best($0), than: c.best(0)) }) { return .loss }
        return .tie
    }

    public var wins: Int { cases.filter { outcome($0) == .win }.count }
    public var losses: Int { cases.filter { outcome($0) == .loss }.count }
    public var ties: Int { cases.filter { outcome($0) == .tie }.count }

    func better(_ a: Int?, than b: Int?) -> Bool {
        switch (a, b) {
        case let (a?, b?): return a < b
        case (.some, nil): return true
        default: return false
        }
    }

    /// Ranks the cold-target test cases of `split` under `model` (named `name`) and the untuned
    /// popularity, EASE and ItemKNN baselines (the middle of their grids), to `depth`.
    ///
    /// `progress` hears which model is ranking and how many cases it has done (every 256 cases);
    /// `cancelled` is asked at the same points and, when it says yes, the work stops with
    /// `ComparisonError.cancelled` (the explorer computes this in the background, cancellable).
    public static func make(model: TransferModel, name: String, split: Split, dataset: Dataset, depth: Int = 100,
                            threads: Int = 2, progress: (ColdCaseProgress) -> Void = { _ in },
                            cancelled: () -> Bool = { false }) throws -> ColdCaseReport {
        let names = [name, "popularity", "ease", "itemknn"], cases = split.coldCases
        func check() throws { if cancelled() { throw ComparisonError.cancelled } }
        // The baselines are built one by one when their turn comes (EASE's inversion is the slow
        // part), so progress and cancellation are seen before each.
        let makers: [() throws -> any CaseScorer] = [
            { model },
            { PopularityBaseline(dataset: dataset, split: split) },
            { try EASEBaseline(dataset: dataset, split: split, lambda: ComparisonGrid.untunedEASELambda, threads: threads) },
            { ItemKNNBaseline(dataset: dataset, split: split, neighbours: ComparisonGrid.untunedNeighbours) },
        ]
        var perModel: [[[Int?]]] = []
        for (m, make) in makers.enumerated() {
            try check()
            progress(ColdCaseProgress(model: m, models: names.count, name: names[m], done: 0, total: cases.count))
            let scorer = try make()
            var ranks: [[Int?]] = []
            for start in stride(from: 0, to: cases.count, by: 256) {
                try check()
                if start > 0 { progress(ColdCaseProgress(model: m, models: names.count, name: names[m], done: start, total: cases.count)) }
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
        return ColdCaseReport(models: names, depth: depth, cases: cases.enumerated().map { i, c in
            ColdCaseRanks(user: c.user, scene: c.scene, targets: c.targets, ranks: perModel.map { $0[i] })
        })
    }
}

/// A case's outcome for the model against the baselines (`ColdCaseReport.outcome`).
public enum ColdCaseOutcome: String, Sendable, CaseIterable {
    case win, loss, tie
}

/// Where `ColdCaseReport.make` is: ranking with model `model` (0-based) of `models`, named
/// `name`, `done` of `total` cases ranked.
public struct ColdCaseProgress: Sendable, Equatable {
    public var model: Int
    public var models: Int
    public var name: String
    public var done: Int
    public var total: Int

    public init(model: Int, models: Int, name: String, done: Int, total: Int) {
        self.model = model
        self.models = models
        self.name = name
        self.done = done
        self.total = total
    }
}
