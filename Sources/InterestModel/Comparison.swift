import InterestData

/// One line of the comparison: a model's averages over one group of cases at one cutoff (pooled
/// over every draw of a repeated comparison).
public struct ComparisonRow: Sendable, Codable, Equatable {
    /// "popularity", "bpr-mf", "ease", "itemknn", or a transfer model's name (`Comparison.name(of:)`).
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

/// The full model's lift over another model on one metric, with its paired-bootstrap 95% interval
/// (MODEL-SPEC, Claims protocol). JSON: `{"lift": {"model", "over", "cases", "metric", "k", …}}`.
public struct LiftRow: Sendable, Codable, Equatable {
    public struct Lift: Sendable, Codable, Equatable {
        /// The full model.
        public var model: String
        /// The model it is compared with.
        public var over: String
        /// "warm" or "cold".
        public var cases: String
        /// Pooled cases the lift is computed over.
        public var count: Int
        /// "precision", "recall" or "ndcg".
        public var metric: String
        public var k: Int
        /// `mean_model / mean_over − 1`.
        public var value: Double
        public var low: Double
        public var high: Double

        enum CodingKeys: String, CodingKey {
            case model, over, metric, k, value, low, high
            case cases = "kind"
            case count = "cases"
        }

        /// The protocol's rule: the point value reaches `target` and the lower bound is above 0.
        public func holds(target: Double) -> Bool { value >= target && low > 0 }
    }

    public var lift: Lift
}

/// How one model was tuned on one draw: every setting of its grid with its validation scores,
/// and the one kept (MODEL-SPEC, Claims protocol: equal tuning budget).
public struct TuningRecord: Sendable, Codable, Equatable {
    public struct Point: Sendable, Codable, Equatable {
        public var setting: String
        /// Cold-validation NDCG@10 (nil on a split without cold validation).
        public var coldValidationNDCG10: Double?
        public var validationNDCG10: Double
    }

    public var model: String
    /// The split seed of the draw (nil for a split file).
    public var splitSeed: UInt64?
    public var grid: [Point]
    public var pick: String
}

/// The model, its ablations and the baselines, trained and evaluated on one or more draws.
public struct Comparison: Sendable, Codable, Equatable {
    public var rows: [ComparisonRow]
    /// The full model's lifts over every other model (cold-target P@10, R@10, NDCG@10 and warm
    /// NDCG@10), empty when the full model has no cases of a kind.
    public var lifts: [LiftRow] = []
    /// Grids and picks, one record per model and draw (a single-setting model has a one-point grid).
    public var tuning: [TuningRecord] = []
    /// The full model's name.
    public var full: String = ""
    /// Split seeds of the draws (empty for a split file).
    public var splitSeeds: [UInt64] = []
    /// Whether every model was tuned on its grid.
    public var tuned = false
    /// Each ceiling's lifts over every model that is not a ceiling (nil, and absent from the JSON,
    /// when no ceiling was evaluated). Kept apart from `lifts`, which are the full model's only.
    public var ceilingLifts: [LiftRow]?

    public init(rows: [ComparisonRow], lifts: [LiftRow] = [], tuning: [TuningRecord] = [], full: String = "",
                splitSeeds: [UInt64] = [], tuned: Bool = false) {
        self.rows = rows
        self.lifts = lifts
        self.tuning = tuning
        self.full = full
        self.splitSeeds = splitSeeds
        self.tuned = tuned
    }

    /// The baselines that do not depend on the transfer model's settings, in report order.
    public static let baselines = ["popularity", "bpr-mf", "ease", "itemknn"]

    /// Every model a comparison beside a v1 full model reports (the round-1 set plus EASE and ItemKNN).
    public static let models = baselines + ["self", "mean", "attention-dot", "attention-additive"]

    /// Scorers that know a generated dataset's planted truth (`PlantedCeiling`): ceilings for
    /// analysis, evaluated only when asked for by name, never baselines nor in the claims' verdicts.
    public static let ceilings = PlantedCeiling.Knowledge.allCases.map(\.rawValue)

    /// The models compared with a full model of settings `h`: the baselines, its `self` and `mean`
    /// ablations, and for a model with v2's terms the ablation of each (without the item path,
    /// the item path alone, BPR instead of the softmax, and v1 itself); for v1 both attention
    /// kinds. The full model comes last.
    public static func defaultModels(full h: Hyperparameters) -> [String] {
        let full = name(of: h)
        var v = h
        var names = baselines
        for transfer in [TransferMode.own, .mean] {
            v.transfer = transfer
            names.append(name(of: v))
        }
        v = h
        if h.itemPath || h.objective != .bpr {
            var ablations: [Hyperparameters] = []
            if h.itemPath {
                v = h; v.itemPath = false; ablations.append(v)
                if h.interestPath { v = h; v.interestPath = false; ablations.append(v) }
            }
            if h.topicPath { v = h; v.topicPath = false; ablations.append(v) }
            if h.objective == .softmax { v = h; v.objective = .bpr; ablations.append(v) }
            v = h; v.version = .v1; ablations.append(v)
            for a in ablations where !names.contains(name(of: a)) { names.append(name(of: a)) }
        } else {
            for kind in AttentionKind.allCases {
                v.transfer = .attention
                v.attention = kind
                names.append(name(of: v))
            }
        }
        return names.filter { $0 != full } + [full]
    }

    public func row(model: String, cases: String, scene: String = "all", k: Int = 10) -> ComparisonRow? {
        rows.first { $0.model == model && $0.cases == cases && $0.scene == scene && $0.k == k }
    }

    public func lift(over: String, cases: String = "cold", metric: String, k: Int = 10) -> LiftRow.Lift? {
        lifts.first { $0.lift.over == over && $0.lift.cases == cases && $0.lift.metric == metric && $0.lift.k == k }?.lift
    }

    /// Ceiling `ceiling`'s lift over `over` (see `ceilingLifts`).
    public func ceilingLift(_ ceiling: String, over: String, cases: String = "cold", metric: String, k: Int = 10) -> LiftRow.Lift? {
        ceilingLifts?.first {
            $0.lift.model == ceiling && $0.lift.over == over && $0.lift.cases == cases && $0.lift.metric == metric && $0.lift.k == k
        }?.lift
    }

    /// Rows of one scorer on the warm-test and cold-target cases of one split.
    public static func rows(model: String, scorer: some CaseScorer, dataset: Dataset, split: Split, threads: Int) -> [ComparisonRow] {
        let warm = Evaluator.perCase(scorer, cases: split.warmTestCases, dataset: dataset, threads: threads)
        let cold = Evaluator.perCase(scorer, cases: split.coldCases, dataset: dataset, threads: threads)
        return rows(model: model, cases: "warm", split.warmTestCases, warm, dataset: dataset)
            + rows(model: model, cases: "cold", split.coldCases, cold, dataset: dataset)
    }

    /// Rows (all scenes and per scene, every cutoff) of per-case metrics of `cases`.
    static func rows(model: String, cases kind: String, _ cases: [EvaluationCase], _ metrics: [CaseMetrics],
                     dataset: Dataset) -> [ComparisonRow] {
        precondition(cases.count == metrics.count)
        let groups: [(String, (EvaluationCase) -> Bool)] = [("all", { _ in true })]
            + dataset.scenes.enumerated().map { scene in (scene.element.id, { $0.scene == Int32(scene.offset) }) }
        var rows: [ComparisonRow] = []
        for (scene, belongs) in groups {
            let chosen = zip(cases, metrics).filter { belongs($0.0) }.map(\.1)
            for k in RankingMetrics.cutoffs {
                let n = Double(max(chosen.count, 1))
                func mean(_ value: (RankingScores) -> Double) -> Double { chosen.reduce(0) { $0 + value($1.at(k)) } / n }
                rows.append(ComparisonRow(model: model, cases: kind, scene: scene, k: k, count: chosen.count,
                                          hr: mean(\.hitRate), precision: mean(\.precision), recall: mean(\.recall), ndcg: mean(\.ndcg)))
            }
        }
        return rows
    }

    /// The comparison's name for a transfer model with these settings: the transfer ("self",
    /// "mean", "attention-dot", "attention-additive"), then the terms v1 does not have: "+items"
    /// for the item path ("-items-only" without the interest path) and "+softmax" for the
    /// softmax objective. v1 is "attention-dot"; v2 is "attention-dot+items+softmax".
    public static func name(of h: Hyperparameters) -> String {
        var name: String
        switch h.transfer {
        case .attention: name = "attention-\(h.attention.rawValue)"
        case .mean: name = "mean"
        case .own: name = "self"
        }
        if h.itemPath { name += h.interestPath ? "+items" : "-items-only" }
        if h.objective == .softmax { name += "+softmax" }
        if h.topicPath { name += "+topics" }
        return name
    }

    /// The settings of the transfer model called `name` (see `name(of:)`), built on `base`; nil
    /// when `name` is not a transfer model's name.
    public static func variant(named name: String, of base: Hyperparameters) -> Hyperparameters? {
        var h = base
        var rest = Substring(name)
        h.objective = .bpr
        h.itemPath = false
        h.interestPath = true
        h.topicPath = false
        if rest.hasSuffix("+topics") {
            rest = rest.dropLast("+topics".count)
            h.topicPath = true
        }
        if rest.hasSuffix("+softmax") {
            rest = rest.dropLast("+softmax".count)
            h.objective = .softmax
        }
        if rest.hasSuffix("+items") {
            rest = rest.dropLast("+items".count)
            h.itemPath = true
        } else if rest.hasSuffix("-items-only") {
            rest = rest.dropLast("-items-only".count)
            h.itemPath = true
            h.interestPath = false
        }
        switch rest {
        case "self": h.transfer = .own
        case "mean": h.transfer = .mean
        case "attention-dot": h.transfer = .attention; h.attention = .dot
        case "attention-additive": h.transfer = .attention; h.attention = .additive
        default: return nil
        }
        return h
    }

    /// `training` with the architecture of `model` (width, L, heads, K, β, attention kind, version):
    /// a variant trained beside a given full model must have its shape, but is trained the way
    /// this comparison was asked to train (epochs, learning rate, seed, …).
    public static func architecture(of model: Hyperparameters, trainedAs training: Hyperparameters) -> Hyperparameters {
        var h = training
        h.dimension = model.dimension
        h.historyLength = model.historyLength
        h.heads = model.heads
        h.iterations = model.iterations
        h.beta = model.beta
        h.attention = model.attention
        h.transfer = model.transfer
        h.itemPath = model.itemPath
        h.interestPath = model.interestPath
        h.topicPath = model.topicPath
        h.objective = model.objective
        return h
    }
}
