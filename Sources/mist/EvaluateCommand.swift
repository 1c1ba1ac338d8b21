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

    @Option(help: "Maximum epochs for every model trained here.")
    var epochs = Hyperparameters().maxEpochs

    @Flag(help: "Print every number as JSON rows instead of the table.")
    var json = false

    func run() async throws {
        let dataset = try data.loadDataset()
        var full: TransferModel?
        var hyperparameters = Hyperparameters()
        let split: Split
        if let model {
            let (loaded, info, modelSplit) = try data.loadModel(model, dataset: dataset)
            full = loaded
            hyperparameters = info.hyperparameters
            split = modelSplit
        } else {
            split = try data.split(for: dataset)
        }
        hyperparameters.maxEpochs = epochs
        let progress = ProgressOutput()
        var current = ""
        let comparison = Comparison.run(dataset: dataset, split: split, hyperparameters: hyperparameters, full: full) { name, event in
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
        let fullName = "attention-\((full?.hyperparameters ?? hyperparameters).attention.rawValue)"
        print(Self.table(comparison, full: fullName))
    }

    /// The headline table (K = 10, all scenes): warm and cold metrics and the full model's lift.
    static func table(_ comparison: Comparison, full: String) -> String {
        func pct(_ a: Double, _ b: Double) -> String {
            guard b > 0 else { return "     n/a" }
            return String(format: "%+7.1f%%", (a / b - 1) * 100)
        }
        var lines = [
            "K = 10, all scenes; lift = \(full) relative to each row",
            String(format: "%-19@ %6@ %7@ %7@ %7@ | %6@ %7@ %7@ %7@ | %8@ %8@ %8@ %8@",
                   "model", "warm n", "P@10", "R@10", "NDCG", "cold n", "P@10", "R@10", "NDCG",
                   "lift wN", "lift cP", "lift cR", "lift cN"),
        ]
        guard let fw = comparison.row(model: full, cases: "warm"), let fc = comparison.row(model: full, cases: "cold") else { return "" }
        for name in Comparison.models {
            guard let w = comparison.row(model: name, cases: "warm"), let c = comparison.row(model: name, cases: "cold") else { continue }
            let lifts = name == full ? ["", "", "", ""].map { $0.padding(toLength: 8, withPad: " ", startingAt: 0) }
                : [pct(fw.ndcg, w.ndcg), pct(fc.precision, c.precision), pct(fc.recall, c.recall), pct(fc.ndcg, c.ndcg)]
            lines.append(String(format: "%-19@ %6d %7.4f %7.4f %7.4f | %6d %7.4f %7.4f %7.4f | %@ %@ %@ %@",
                                name, w.count, w.precision, w.recall, w.ndcg, c.count, c.precision, c.recall, c.ndcg,
                                lifts[0], lifts[1], lifts[2], lifts[3]))
        }
        return lines.joined(separator: "\n")
    }
}
