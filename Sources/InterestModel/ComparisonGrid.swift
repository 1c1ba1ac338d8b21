import InterestData

/// One setting of one model in a comparison: what is trained (or computed) and how it is labelled
/// in the tuning report.
public enum ComparisonSetting: Sendable, Equatable {
    case popularity
    case collectiveMF(Hyperparameters)
    case ease(lambda: Double)
    case itemKNN(neighbours: Int)
    case transfer(Hyperparameters)
    /// A ceiling that knows the planted truth (`PlantedCeiling`): analysis, not a baseline.
    case ceiling(PlantedCeiling.Knowledge)

    /// What distinguishes this setting inside its grid.
    public var label: String {
        switch self {
        case .popularity: return "counts"
        case .collectiveMF(let h): return "λ=\(h.l2) lr=\(h.learningRate)"
        case .ease(let lambda): return "λ=\(lambda)"
        case .itemKNN(let k): return "k=\(k)"
        case .transfer(let h): return "λ=\(h.l2) p_hide=\(h.hideProbability)"
        case .ceiling: return "planted truth"
        }
    }

    /// Whether it trains with epochs (and so reports training events).
    var trains: Bool {
        switch self {
        case .collectiveMF, .transfer: return true
        case .popularity, .ease, .itemKNN, .ceiling: return false
        }
    }
}

/// The grids of MODEL-SPEC's claims protocol (equal tuning budget: at most 6 settings a model).
public enum ComparisonGrid {
    /// BPR-MF: λ ∈ {1e-4, 1e-3, 1e-2, 3e-2, 1e-1} at lr 0.005, patience 3, at most 100 epochs.
    public static let collectiveMFLambdas: [Float] = [1e-4, 1e-3, 1e-2, 3e-2, 1e-1]
    /// The transfer models (the full model and every ablation alike): the default settings, and
    /// ten times the L2 with twice the scene dropout (more of the cold path, less overfitting).
    /// Two settings, well under the six the protocol allows, because each is a full training:
    /// the baselines' larger grids only make the comparison harder for the model.
    public static let transferGrid: [(l2: Float, hide: Float)] = [(1e-4, 0.3), (1e-3, 0.6)]
    /// Without tuning, EASE and ItemKNN use the middle of their grids.
    public static let untunedEASELambda = 300.0
    public static let untunedNeighbours = 100

    /// The settings of model `name` (a baseline or a transfer model's name) trained as `base`:
    /// its grid when `tune`, else its one untuned setting. Nil for an unknown name.
    public static func settings(of name: String, base: Hyperparameters, tune: Bool) -> [ComparisonSetting]? {
        if let ceiling = PlantedCeiling.Knowledge(rawValue: name) { return [.ceiling(ceiling)] }
        switch name {
        case "popularity":
            return [.popularity]
        case "bpr-mf":
            guard tune else { return [.collectiveMF(base)] }
            return collectiveMFLambdas.map { lambda in
                var h = base
                h.l2 = lambda
                h.learningRate = 0.005
                h.patience = 3
                h.maxEpochs = 100
                return .collectiveMF(h)
            }
        case "ease":
            return tune ? EASEBaseline.lambdaGrid.map { .ease(lambda: $0) } : [.ease(lambda: untunedEASELambda)]
        case "itemknn":
            return tune ? ItemKNNBaseline.neighbourGrid.map { .itemKNN(neighbours: $0) } : [.itemKNN(neighbours: untunedNeighbours)]
        default:
            guard let h = Comparison.variant(named: name, of: base) else { return nil }
            guard tune else { return [.transfer(h)] }
            return transferGrid.map { point in
                var v = h
                v.l2 = point.l2
                v.hideProbability = point.hide
                return .transfer(v)
            }
        }
    }
}

/// A trained (or computed) setting, ready to score.
struct TrainedSetting {
    let scorer: any CaseScorer
    /// The transfer model, when the setting is one.
    let model: TransferModel?
}

extension ComparisonSetting {
    /// Trains or computes the setting on `split`; `observer` hears the training events of the
    /// settings that train. Throws `.cancelled` when `cancelled()` turned true during training.
    /// A ceiling needs the dataset's `planted` world (`PlantedWorld.regenerated(for:)`);
    /// `planted-estimated` learns the users' tastes from `split` like a baseline.
    func train(dataset: Dataset, split: Split, examples: TrainingExamples, planted: PlantedWorld? = nil,
               cancelled: () -> Bool, observer: (TrainingEvent) -> Void) throws(ComparisonError) -> TrainedSetting {
        switch self {
        case .ceiling(let knowledge):
            guard let planted else { throw .invalid("\(knowledge.rawValue) needs the dataset's planted world") }
            do {
                return TrainedSetting(scorer: try PlantedCeiling(knowledge, world: planted, dataset: dataset, split: split), model: nil)
            } catch {
                throw .invalid("\(knowledge.rawValue): \(error)")
            }
        case .popularity:
            return TrainedSetting(scorer: PopularityBaseline(dataset: dataset, split: split), model: nil)
        case .collectiveMF(let h):
            let (mf, summary) = CollectiveMF(dataset: dataset, hyperparameters: h)
                .trained(dataset: dataset, split: split, examples: examples, cancelled: cancelled, observer: observer)
            if summary.reason == .stoppedByUser { throw .cancelled }
            return TrainedSetting(scorer: mf, model: nil)
        case .ease(let lambda):
            do {
                return TrainedSetting(scorer: try EASEBaseline(dataset: dataset, split: split, lambda: lambda, threads: 2), model: nil)
            } catch {
                throw .untrainable(model: "ease", setting: label, reason: "\(error)")
            }
        case .itemKNN(let k):
            return TrainedSetting(scorer: ItemKNNBaseline(dataset: dataset, split: split, neighbours: k), model: nil)
        case .transfer(let h):
            let outcome = Trainer(dataset: dataset, split: split, hyperparameters: h, examples: examples)
                .train(cancelled: cancelled, observer: observer)
            if outcome.summary.reason == .stoppedByUser { throw .cancelled }
            return TrainedSetting(scorer: outcome.model, model: outcome.model)
        }
    }
}

/// Why a comparison did not finish.
public enum ComparisonError: Error, Equatable, CustomStringConvertible {
    /// Stopped on request.
    case cancelled
    /// A setting could not be trained at all (e.g. EASE's Gram matrix is not positive definite).
    case untrainable(model: String, setting: String, reason: String)
    /// The request itself cannot be carried out.
    case invalid(String)

    public var description: String {
        switch self {
        case .cancelled: return "the comparison was cancelled"
        case let .untrainable(model, setting, reason): return "\(model) (\(setting)) cannot be trained: \(reason)"
        case .invalid(let reason): return reason
        }
    }
}
