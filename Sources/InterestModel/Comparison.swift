import InterestData

/// One line of the comparison: a model's averages over one group of cases at one cutoff.
public struct ComparisonRow: Sendable, Codable, Equatable {
    /// "popularity", "bpr-mf", "self", "mean", "attention-dot" or "attention-additive".
    public var model: String
    /// "warm" or "cold".
    public var cases: String
    /// A scene id, or "all".
    public var scene: String
    public var k: Int
    public var count: Int
    public var hr: Double
    public var precision: Double
    public var recall: Double
    public var ndcg: Double
}

/// The model, its ablations and the baselines, trained and evaluated on one split.
public struct Comparison: Sendable, Codable, Equatable {
    public var rows: [ComparisonRow]

    /// Model names in report order.
    public static let models = ["popularity", "bpr-mf", "self", "mean", "attention-dot", "attention-additive"]

    public func row(model: String, cases: String, scene: String = "all", k: Int = 10) -> ComparisonRow? {
        rows.first { $0.model == model && $0.cases == cases && $0.scene == scene && $0.k == k }
    }

    /// Rows of one scorer on the warm-test and cold-target cases.
    public static func rows(model: String, scorer: some CaseScorer, dataset: Dataset, split: Split, threads: Int) -> [ComparisonRow] {
        var rows: [ComparisonRow] = []
        for (name, cases) in [("warm", split.warmTestCases), ("cold", split.coldCases)] {
            let breakdown = Evaluator.evaluate(scorer, cases: cases, dataset: dataset, threads: threads)
            let groups = [("all", breakdown.overall)] + dataset.scenes.enumerated().map { ($0.element.id, breakdown.perScene[$0.offset]) }
            for (scene, metrics) in groups {
                for k in RankingMetrics.cutoffs {
                    let a = metrics.average(at: k)
                    rows.append(ComparisonRow(model: model, cases: name, scene: scene, k: k, count: metrics.count,
                                              hr: a.hitRate, precision: a.precision, recall: a.recall, ndcg: a.ndcg))
                }
            }
        }
        return rows
    }

    /// The comparison's name for a model with these settings ("self", "mean", "attention-dot", …).
    public static func name(of h: Hyperparameters) -> String {
        switch h.transfer {
        case .attention: return "attention-\(h.attention.rawValue)"
        case .mean: return "mean"
        case .own: return "self"
        }
    }

    /// `training` with the architecture of `model` (width, L, heads, K, β, attention kind): a
    /// variant trained beside a given full model must have its shape, but is trained the way
    /// this comparison was asked to train (epochs, learning rate, seed, …).
    static func architecture(of model: Hyperparameters, trainedAs training: Hyperparameters) -> Hyperparameters {
        var h = training
        h.dimension = model.dimension
        h.historyLength = model.historyLength
        h.heads = model.heads
        h.iterations = model.iterations
        h.beta = model.beta
        h.attention = model.attention
        h.transfer = model.transfer
        return h
    }

    /// Trains whatever is missing and evaluates all six. `full` is an already trained model that
    /// takes its own slot (`name(of:)`); the others are trained with `hyperparameters` (with the
    /// architecture of `full` when given) varied only in what distinguishes them. `observer`
    /// hears which model trains and its training events.
    public static func run(dataset: Dataset, split: Split, hyperparameters: Hyperparameters, full: TransferModel? = nil,
                           observer: (String, TrainingEvent) -> Void = { _, _ in }) -> (comparison: Comparison, models: [String: TransferModel]) {
        var models: [String: TransferModel] = [:]
        var rows = rows(model: "popularity", scorer: PopularityBaseline(dataset: dataset, split: split), dataset: dataset,
                        split: split, threads: hyperparameters.threads)
        let examples = TrainingExamples(dataset: dataset, isTrain: split.roles.map { $0 == .train })
        let mf = CollectiveMF(dataset: dataset, hyperparameters: hyperparameters)
        mf.train(dataset: dataset, split: split, examples: examples) { observer("bpr-mf", $0) }
        rows += Self.rows(model: "bpr-mf", scorer: mf, dataset: dataset, split: split, threads: hyperparameters.threads)
        let base = full.map { architecture(of: $0.hyperparameters, trainedAs: hyperparameters) } ?? hyperparameters
        var variants: [(String, Hyperparameters)] = []
        for (name, transfer) in [("self", TransferMode.own), ("mean", .mean)] {
            var h = base
            h.transfer = transfer
            variants.append((name, h))
        }
        for kind in AttentionKind.allCases {
            var h = base
            h.attention = kind
            h.transfer = .attention
            variants.append(("attention-\(kind.rawValue)", h))
        }
        for (name, h) in variants {
            let model: TransferModel
            if let full, name == Self.name(of: full.hyperparameters) {
                model = full
            } else {
                let session = TrainingSession(dataset: dataset, split: split, hyperparameters: h, examples: examples)
                session.run { observer(name, $0) }
                model = session.model
            }
            models[name] = model
            rows += Self.rows(model: name, scorer: model, dataset: dataset, split: split, threads: h.threads)
        }
        return (Comparison(rows: rows), models)
    }
}
