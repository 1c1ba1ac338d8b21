import InterestData
import InterestModel
import TerminalUI

extension AppState {
    /// Evaluates the model in use on the test cases of the split it was trained on, beside the
    /// popularity baseline; with `withBaselines`, also trains and evaluates every other baseline
    /// and ablation of MODEL-SPEC (InterestModel's `Comparison`), which takes as long as several
    /// trainings. Runs in the background; rows come back as `.evaluated`.
    mutating func evaluate(withBaselines: Bool) -> Command<Message> {
        guard let context = model else { return say("no model to evaluate yet: train one first (t)", isError: true) }
        guard context.evaluationStatus == nil else { return say("an evaluation is already running") }
        // The baselines and ablations are trained with the model's settings (from a checkpoint,
        // maybe a crafted one): refuse what would not fit in memory before starting.
        if withBaselines, let problem = ModelMemory.problem(context.model.hyperparameters, items: data.dataset.itemCount,
                                                            topics: data.dataset.topicCount, scenes: data.dataset.sceneCount,
                                                            training: true) {
            return say(problem, isError: true)
        }
        model?.evaluationStatus = withBaselines ? "training the baselines…" : "evaluating on the test cases…"
        let dataset = data.dataset, trained = context.model, generation = context.generation
        let seed = context.splitSeed, recorded = context.splitFingerprint, name = context.comparisonName
        return .task { send in
            let split = Split(dataset: dataset, seed: seed)
            // Never score a model on test cases it may have trained on.
            if let recorded, recorded != split.fingerprint {
                send(.evaluated([], generation: generation))
                send(.failed("this model was trained on another split (roles \(recorded)), not split seed \(seed) "
                             + "(roles \(split.fingerprint)): evaluate it with `mist evaluate --split FILE` on its own split"))
                return
            }
            let h = trained.hyperparameters
            if withBaselines {
                let comparison = Comparison.run(dataset: dataset, split: split, hyperparameters: h, full: trained) { model, event in
                    if case .epochEnded(let report) = event {
                        send(.evaluationProgress("training \(model) for the comparison: epoch \(report.epoch)", generation: generation))
                    }
                }
                send(.evaluated(comparison.comparison.rows, generation: generation))
            } else {
                var rows = Comparison.rows(model: "popularity", scorer: PopularityBaseline(dataset: dataset, split: split),
                                           dataset: dataset, split: split, threads: h.threads)
                rows += Comparison.rows(model: name, scorer: trained, dataset: dataset, split: split, threads: h.threads)
                send(.evaluated(rows, generation: generation))
            }
        }
    }
}

/// The test metrics of the model beside the baselines: one row per model, NDCG@10 and HR@10 on
/// the warm test cases and on the cold-target cases (where transfer matters).
struct ComparisonTable: Widget {
    let rows: [ComparisonRow]
    let highlighted: String
    let status: String?

    func render(in area: Rect, into buffer: inout Buffer) {
        let block = Block("Test: model vs baselines · NDCG@10 and HR@10, warm / cold-target", borders: .rounded)
        buffer.render(block, in: area)
        let inner = block.inner(of: area)
        let models = Comparison.models.filter { name in rows.contains { $0.model == name } }
            + Set(rows.map(\.model)).subtracting(Comparison.models).sorted()
        let columns = [TableColumn("model", width: .fill), TableColumn("warm", width: .length(6), alignment: .right),
                       TableColumn("HR", width: .length(6), alignment: .right), TableColumn("cold", width: .length(6), alignment: .right),
                       TableColumn("HR", width: .length(6), alignment: .right)]
        func row(_ model: String, _ cases: String) -> ComparisonRow? {
            rows.first { $0.model == model && $0.cases == cases && $0.scene == "all" && $0.k == 10 }
        }
        let table = Table(columns: columns, rowCount: models.count, showsSelection: false) { i in
            let model = models[i], warm = row(model, "warm"), cold = row(model, "cold")
            let style: Style = model == highlighted ? .bold : .plain
            func number(_ value: Double?) -> TableCell { TableCell(value.map { formatNumber($0, decimals: 3) } ?? "–", style: style) }
            return [TableCell(model, style: style), number(warm?.ndcg), number(warm?.hr), number(cold?.ndcg), number(cold?.hr)]
        }
        let parts = inner.rows(.fill, .length(status == nil ? 0 : 1))
        buffer.render(table, in: parts[0])
        if rows.isEmpty { buffer.write(Line("e evaluates the model on the test cases; b adds every baseline", style: .dim), in: parts[0].row(1)) }
        if let status { buffer.write(Line(status, style: .fg(.yellow)), in: parts[1]) }
    }
}
