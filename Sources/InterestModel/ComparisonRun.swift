import Foundation
import InterestData

/// What a comparison is asked to do (MODEL-SPEC, Claims protocol).
public struct ComparisonRequest: Sendable {
    /// Models in report order: baselines and transfer models by name (`Comparison.name(of:)`).
    /// The full model is the one the lifts are of.
    public var models: [String]
    /// How every transfer model and the untuned BPR-MF are trained (variants take their own
    /// transfer mode, attention kind and version; tuning varies the grid's settings).
    public var hyperparameters: Hyperparameters
    /// The full model's name (the lifts are of it over every other model but the ceilings); empty
    /// for a run of ceilings and baselines only (`mist evaluate --models planted-cold,popularity`),
    /// which trains no transfer model and has only the ceilings' lifts.
    public var full: String
    /// Tune every model on its grid, picked by cold-validation NDCG@10 (ties: warm).
    public var tune = false
    /// Seed of the paired bootstrap's resamples.
    public var bootstrapSeed: UInt64 = 2019

    public init(models: [String], hyperparameters: Hyperparameters, full: String, tune: Bool = false) {
        self.models = models
        self.hyperparameters = hyperparameters
        self.full = full
        self.tune = tune
    }

    /// The default comparison of a full model with settings `h`.
    public init(full h: Hyperparameters, tune: Bool = false) {
        self.init(models: Comparison.defaultModels(full: h), hyperparameters: h, full: Comparison.name(of: h), tune: tune)
    }
}

/// Where a comparison is, sent to its observer at the start of every setting and with every
/// training event.
public struct ComparisonProgress: Sendable {
    /// 1-based draw and the number of draws.
    public var draw: Int, draws: Int
    public var splitSeed: UInt64?
    public var model: String
    /// 1-based setting of the model's grid and the grid's size.
    public var setting: Int, settings: Int
    public var label: String
    /// nil when the setting starts.
    public var event: TrainingEvent?
    /// Trainings finished and planned (settings that train with epochs; the others are quick).
    public var trainingsDone: Int, trainings: Int
    public var elapsedSeconds: Double
    /// At the pace so far; nil before the first training finished.
    public var secondsRemaining: Double?
}

extension Comparison {
    /// The draws of a repeated comparison: split seeds `first, first+1, …, first+repeats−1`.
    public static func draws(of dataset: Dataset, firstSeed: UInt64, repeats: Int) -> [Split] {
        (0..<UInt64(max(repeats, 0))).map { Split(dataset: dataset, seed: firstSeed &+ $0) }
    }

    /// Trains and evaluates every requested model on every split (one draw each), pools the cases
    /// of all draws, and computes the full model's lifts with paired-bootstrap intervals. `given`
    /// is an already trained full model that takes its own slot (one split only; it is not tuned).
    /// Returns the comparison and the transfer models kept on the last draw, by name.
    public static func run(dataset: Dataset, splits: [Split], request: ComparisonRequest, given: TransferModel? = nil,
                           cancelled: () -> Bool = { false },
                           observer: (ComparisonProgress) -> Void = { _ in }) throws(ComparisonError) -> (comparison: Comparison, models: [String: TransferModel]) {
        guard !splits.isEmpty else { throw .invalid("a comparison needs at least one draw (--repeats ≥ 1)") }
        guard given == nil || splits.count == 1 else { throw .invalid("a given model belongs to one split: train the full model per draw instead") }
        var grids: [String: [ComparisonSetting]] = [:]
        for name in request.models {
            guard let settings = ComparisonGrid.settings(of: name, base: request.hyperparameters, tune: request.tune) else {
                throw .invalid("unknown model \"\(name)\" (known: \((Comparison.models + Comparison.ceilings).joined(separator: ", ")), and the v2 names such as attention-dot+items)")
            }
            grids[name] = settings
        }
        if request.full.isEmpty {
            if let transfer = request.models.first(where: { Comparison.variant(named: $0, of: request.hyperparameters) != nil }) {
                throw .invalid("\(transfer) is a transfer model: a comparison with one names it as the full model")
            }
        } else if !request.models.contains(request.full) {
            throw .invalid("the full model \(request.full) is not among the models compared")
        }
        // The ceilings' planted world, regenerated and checked once for every draw.
        var planted: PlantedWorld?
        if request.models.contains(where: Comparison.ceilings.contains) {
            do { planted = try PlantedWorld.regenerated(for: dataset) } catch {
                throw .invalid("the planted ceilings (\(Comparison.ceilings.joined(separator: ", "))) cannot be used on this dataset: \(error)")
            }
        }
        let threads = request.hyperparameters.threads
        let trainings = splits.count * request.models.reduce(0) { total, name in
            total + (given != nil && name == request.full ? 0 : grids[name]!.filter(\.trains).count)
        }
        let clock = ContinuousClock.now
        func elapsed() -> Double { let d = ContinuousClock.now - clock; return Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18 }
        var trainingsDone = 0
        var pooled: [String: PooledCases] = [:]
        var tuning: [TuningRecord] = []
        var models: [String: TransferModel] = [:]
        for (drawIndex, split) in splits.enumerated() {
            let examples = TrainingExamples(dataset: dataset, isTrain: split.roles.map { $0 == .train })
            for name in request.models {
                let settings: [ComparisonSetting] = given != nil && name == request.full ? [.transfer(given!.hyperparameters)] : grids[name]!
                var best: (key: SelectionKey, trained: TrainedSetting, label: String)? = nil
                var points: [TuningRecord.Point] = []
                for (index, setting) in settings.enumerated() {
                    if cancelled() { throw .cancelled }
                    func progress(_ event: TrainingEvent?) -> ComparisonProgress {
                        let seconds = elapsed()
                        return ComparisonProgress(
                            draw: drawIndex + 1, draws: splits.count, splitSeed: split.seed, model: name, setting: index + 1,
                            settings: settings.count, label: setting.label, event: event, trainingsDone: trainingsDone,
                            trainings: trainings, elapsedSeconds: seconds,
                            secondsRemaining: trainingsDone > 0 ? seconds / Double(trainingsDone) * Double(trainings - trainingsDone) : nil)
                    }
                    observer(progress(nil))
                    let trained: TrainedSetting
                    if let given, name == request.full {
                        trained = TrainedSetting(scorer: given, model: given)
                    } else {
                        trained = try setting.train(dataset: dataset, split: split, examples: examples, planted: planted, cancelled: cancelled) { observer(progress($0)) }
                        if setting.trains { trainingsDone += 1 }
                    }
                    let warm = Evaluator.evaluate(trained.scorer, cases: split.validationCases, dataset: dataset, threads: threads)
                        .overall.average(at: 10).ndcg
                    let cold = split.hasColdValidation
                        ? Evaluator.evaluate(trained.scorer, cases: split.coldValidationCases, dataset: dataset, threads: threads).overall.average(at: 10).ndcg
                        : nil
                    let label = given != nil && name == request.full ? "given model" : setting.label
                    points.append(TuningRecord.Point(setting: label, coldValidationNDCG10: cold, validationNDCG10: warm))
                    let key = SelectionKey(primary: cold ?? warm, tieBreak: cold == nil ? 0 : warm)
                    if best == nil || key > best!.key { best = (key, trained, label) }
                }
                let pick = best!
                tuning.append(TuningRecord(model: name, splitSeed: split.seed, grid: points, pick: pick.label))
                if let model = pick.trained.model { models[name] = model }
                pooled[name, default: PooledCases()].add(
                    warm: split.warmTestCases, Evaluator.perCase(pick.trained.scorer, cases: split.warmTestCases, dataset: dataset, threads: threads),
                    cold: split.coldCases, Evaluator.perCase(pick.trained.scorer, cases: split.coldCases, dataset: dataset, threads: threads))
            }
        }
        var rows: [ComparisonRow] = []
        for name in request.models {
            let cases = pooled[name]!
            rows += Comparison.rows(model: name, cases: "warm", cases.warmCases, cases.warm, dataset: dataset)
            rows += Comparison.rows(model: name, cases: "cold", cases.coldCases, cases.cold, dataset: dataset)
        }
        // The ceilings are no baselines: the full model's lifts leave them out, and each ceiling's
        // own lifts over every other model say how much room the planted truth leaves.
        let others = request.models.filter { !Comparison.ceilings.contains($0) }
        let lifts = liftRows(of: request.full, pooled: pooled, order: others, seed: request.bootstrapSeed)
        let ceilingLifts = request.models.filter(Comparison.ceilings.contains).flatMap {
            liftRows(of: $0, pooled: pooled, order: others, seed: request.bootstrapSeed)
        }
        var comparison = Comparison(rows: rows, lifts: lifts, tuning: tuning, full: request.full,
                                    splitSeeds: splits.compactMap(\.seed), tuned: request.tune)
        comparison.ceilingLifts = ceilingLifts.isEmpty ? nil : ceilingLifts
        return (comparison, models)
    }

    /// The full model's lifts over every other model: cold-target P@10, R@10 and NDCG@10, and
    /// warm NDCG@10, each with its paired-bootstrap interval (the same resamples for every metric).
    static func liftRows(of full: String, pooled: [String: PooledCases], order: [String], seed: UInt64) -> [LiftRow] {
        guard let mine = pooled[full] else { return [] }
        var rows: [LiftRow] = []
        for over in order where over != full {
            guard let theirs = pooled[over] else { continue }
            let measured: [(String, [CaseMetrics], [CaseMetrics], [String])] = [
                ("cold", mine.cold, theirs.cold, ["precision", "recall", "ndcg"]),
                ("warm", mine.warm, theirs.warm, ["ndcg"]),
            ]
            for (kind, a, b, metrics) in measured {
                for metric in metrics {
                    let value: (CaseMetrics) -> Double = {
                        let s = $0.at(10)
                        return metric == "precision" ? s.precision : metric == "recall" ? s.recall : s.ndcg
                    }
                    // No cases, or a baseline at 0 on every case: no lift to state.
                    guard let estimate = PairedBootstrap.lift(a.map(value), over: b.map(value), seed: seed) else { continue }
                    rows.append(LiftRow(lift: .init(model: full, over: over, cases: kind, count: estimate.cases, metric: metric, k: 10,
                                                    value: estimate.value, low: estimate.low, high: estimate.high)))
                }
            }
        }
        return rows
    }
}

/// One model's evaluated cases over every draw, in draw order (the same order for every model,
/// which is what makes the bootstrap paired).
struct PooledCases {
    var warmCases: [EvaluationCase] = [], warm: [CaseMetrics] = []
    var coldCases: [EvaluationCase] = [], cold: [CaseMetrics] = []

    mutating func add(warm wc: [EvaluationCase], _ w: [CaseMetrics], cold cc: [EvaluationCase], _ c: [CaseMetrics]) {
        warmCases += wc; warm += w
        coldCases += cc; cold += c
    }
}
