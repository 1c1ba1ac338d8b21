import InterestData
import InterestModel
import TerminalUI

extension AppState {
    /// Evaluates the model in use on the test cases of the split it was trained on, beside the
    /// popularity baseline; with `withBaselines`, also tunes, trains and evaluates every other
    /// baseline and ablation on its grid (InterestModel's `Comparison`, the claims protocol's
    /// equal tuning budget; the model in use keeps its own settings), which takes as long as
    /// many trainings. Runs in the background (`Effect.evaluate`), cancellable with `x`; rows
    /// come back as `.evaluated`.
    mutating func evaluate(withBaselines: Bool) -> [Effect] {
        guard let context = model else { return say("no model to evaluate yet: train one first (t)", isError: true) }
        guard context.evaluationStatus == nil else { return say("an evaluation is already running") }
        // The baselines and ablations are trained with the model's settings (from a checkpoint,
        // maybe a crafted one): refuse what would not fit in memory before starting.
        if withBaselines, let problem = ModelMemory.problem(context.model.hyperparameters, items: data.dataset.itemCount,
                                                            topics: data.dataset.topicCount, scenes: data.dataset.sceneCount,
                                                            training: true) {
            return say(problem, isError: true)
        }
        model?.evaluationStatus = withBaselines ? "tuning the baselines… (x cancels)" : "evaluating on the test cases… (x cancels)"
        let id = nextID()
        model?.evaluation = id
        return [.evaluate(EvaluationRequest(id: id, generation: context.generation, model: context.model, splitSeed: context.splitSeed,
                                            splitFingerprint: context.splitFingerprint, withBaselines: withBaselines))]
    }

    /// `x` on an evaluation: asks the job to stop; it answers with empty rows (`.evaluated`).
    mutating func cancelEvaluation() -> [Effect] {
        guard let id = model?.evaluation, model?.evaluationStatus != "cancelling…" else { return [] }
        model?.evaluationStatus = "cancelling…"
        return [.cancelEvaluation(id: id)]
    }
}

/// The test metrics of the model beside the baselines: one row per model, NDCG@10 and HR@10 on
/// the warm test cases and on the cold-target cases (where transfer matters).
struct ComparisonTable: Widget {
    let rows: [ComparisonRow]
    let highlighted: String
    let status: String?

    func render(in area: Rect, into buffer: inout Buffer) {
        let block = Block("Test · NDCG@10, HR@10 · warm / cold", borders: .rounded)
        buffer.render(block, in: area)
        let inner = block.inner(of: area)
        // The model in use first (it must stay in view when the panel is short), then the others in
        // the comparison's own order (baselines, then ablations).
        var seen: Set<String> = [highlighted]
        let present = rows.contains { $0.model == highlighted } ? [highlighted] : []
        let models = present + rows.map(\.model).filter { seen.insert($0).inserted }
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
