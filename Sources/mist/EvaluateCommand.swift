import ArgumentParser
import Foundation
import InterestData
import InterestModel

/// `mist evaluate DATA [--model M] [--split FILE] [--json]`: the model against its ablations and
/// baselines on one split, with the full model's relative lift over each.
struct EvaluateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Evaluate the model, its ablations (self, mean transfer) and baselines (popularity, BPR-MF) on one split.")

    @OptionGroup var data: DataOptions

    @Option(help: "A checkpoint from `mist train` to use as the full model (default: train one).")
    var model: String?

    @Option(parsing: .unconditional, help: "Maximum epochs for every model trained here (1…10000).", transform: Bounded.integer(HyperparameterLimits.maxEpochs))
    var epochs = Hyperparameters().maxEpochs

    @Flag(help: "Evaluate --model even on a split other than the one it was trained on (prints a warning).")
    var allowOtherSplit = false

    @Flag(help: "Print every number as JSON rows instead of the table.")
    var json = false

    func validate() throws {
        var h = Hyperparameters()
        h.maxEpochs = epochs
        let problems = h.problems()
        guard problems.isEmpty else { throw ValidationError(problems.joined(separator: "; ")) }
    }

    func run() async throws {
        let dataset = try data.loadDataset()
        var full: TransferModel?
        var hyperparameters = Hyperparameters()
        let split: Split
        if let model {
            let (loaded, info, modelSplit) = try data.loadModel(model, dataset: dataset, allowOtherSplit: allowOtherSplit)
            full = loaded
            hyperparameters = info.hyperparameters
            split = modelSplit
        } else {
            split = try data.split(for: dataset)
        }
        hyperparameters.maxEpochs = epochs
        // Every model here is trained with these settings (a checkpoint's, maybe crafted ones).
        if let problem = ModelMemory.problem(hyperparameters, items: dataset.itemCount, topics: dataset.topicCount,
                                             scenes: dataset.sceneCount, training: true) {
            throw TrainingPreflight.Refusal(description: problem)
        }
        let progress = ProgressOutput()
        var current = ""
        let (comparison, trained) = Comparison.run(dataset: dataset, split: split, hyperparameters: hyperparameters, full: full) { name, event in
            if name != current {
                current = name
                FileHandle.standardError.write(Data("training \(name)\n".utf8))
            }
            if case .step = event { progress.handle(event) } else if case .finished = event { progress.handle(event) }
        }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            print(String(decoding: try encoder.encode(comparison), as: UTF8.self))
            return
        }
        let fullName = Comparison.name(of: full?.hyperparameters ?? hyperparameters)
        print(Self.table(comparison, full: fullName))
        if let fullModel = full ?? trained[fullName] {
            print(Self.attentionReport(fullModel, dataset: dataset, split: split))
        }
    }

    /// The headline table (K = 10, all scenes): warm and cold metrics and the full model's lift.
    static func table(_ comparison: Comparison, full: String) -> String {
        func pct(_ a: Double, _ b: Double) -> String { b > 0 ? String(format: "%+.1f%%", (a / b - 1) * 100) : "n/a" }
        func cells(_ values: [String], widths: [Int]) -> String {
            zip(values, widths).map { value, width in
                width < 0 ? value.padding(toLength: -width, withPad: " ", startingAt: 0)
                    : String(repeating: " ", count: max(0, width - value.count)) + value
            }.joined(separator: " ")
        }
        let widths = [-18, 6, 7, 7, 7, 6, 7, 7, 7, 9, 9, 9, 9]
        var lines = [
            "K = 10, all scenes; lift = \(full) relative to each row (w = warm, c = cold; P, R, N = P@10, R@10, NDCG@10)",
            cells(["model", "warm n", "P@10", "R@10", "NDCG", "cold n", "P@10", "R@10", "NDCG", "lift wN", "lift cP", "lift cR", "lift cN"], widths: widths),
        ]
        guard let fw = comparison.row(model: full, cases: "warm"), let fc = comparison.row(model: full, cases: "cold") else { return "" }
        for name in Comparison.models {
            guard let w = comparison.row(model: name, cases: "warm"), let c = comparison.row(model: name, cases: "cold") else { continue }
            let lifts = name == full ? ["", "", "", ""]
                : [pct(fw.ndcg, w.ndcg), pct(fc.precision, c.precision), pct(fc.recall, c.recall), pct(fc.ndcg, c.ndcg)]
            let numbers = [String(w.count), String(format: "%.4f", w.precision), String(format: "%.4f", w.recall), String(format: "%.4f", w.ndcg),
                           String(c.count), String(format: "%.4f", c.precision), String(format: "%.4f", c.recall), String(format: "%.4f", c.ndcg)]
            lines.append(cells([name] + numbers + lifts, widths: widths))
        }
        return lines.joined(separator: "\n")
    }

    /// The full model's average hidden-target attention beside the planted matrix.
    static func attentionReport(_ model: TransferModel, dataset: Dataset, split: Split) -> String {
        let summary = model.averageAttention(in: dataset, split: split)
        let ids = dataset.scenes.map(\.id)
        let s = dataset.sceneCount
        var lines = ["average hidden-target attention over \(summary.users) users (rows = target, columns = source):"]
        lines += MatrixText.lines(summary.hiddenTarget, sceneIDs: ids)
        // With one scene there is no source other than the target: nothing learned to compare.
        guard s >= 2 else {
            lines.append("  one scene only: no cross-scene transfer to compare with a planted matrix")
            return lines.joined(separator: "\n")
        }
        let learned = summary.strongestSource.map { $0! }
        if let truth = dataset.truth, let spearman = summary.spearman(against: truth.transfer) {
            let planted = truth.strongestSource
            let agree = (0..<s).filter { learned[$0] == planted[$0] }.count
            for t in 0..<s {
                lines.append("  \(ids[t]): strongest learned source \(ids[learned[t]]), planted \(ids[planted[t]])\(learned[t] == planted[t] ? "" : "  ✗")")
            }
            lines.append(String(format: "  %d of %d targets rank the planted strongest source first; Spearman vs truth.json %.2f",
                                agree, s, spearman))
        } else {
            for t in 0..<s { lines.append("  \(ids[t]): strongest learned source \(ids[learned[t]])") }
        }
        return lines.joined(separator: "\n")
    }
}
