import ArgumentParser
import Foundation
import InterestData
import InterestModel

/// `mist cases DATA [--model M] [--json]`: every cold-target test case of the model's split, with
/// where its hidden items land in the model's ranking and in each baseline's.
struct CasesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cases", abstract: "Browse the cold-target test cases: each hidden target's rank under the model and the baselines.",
        discussion: "The baselines are popularity, EASE and ItemKNN at the middle of their grids (untuned); `mist evaluate --tune` is the tuned comparison. Users are described by their training-visible history, as in evaluation.")

    @OptionGroup var data: DataOptions

    @Option(help: "Checkpoint from `mist train` (default: DATA/model.safetensors).")
    var model: String?

    @Option(parsing: .unconditional, help: "Ranks searched per case (1…10000); a target further down shows as –.", transform: Bounded.integer(OptionLimits.k))
    var depth = 100

    @Flag(help: "Evaluate even if the split is not the model's own (its test data may be training data).")
    var allowOtherSplit = false

    @Flag(help: "Print JSON.")
    var json = false

    func run() async throws {
        let dataset = try data.loadDataset()
        let path = model ?? URL(fileURLWithPath: data.data).appendingPathComponent("model.safetensors").path
        let (loaded, _, split) = try data.loadModel(path, dataset: dataset, allowOtherSplit: allowOtherSplit)
        let name = Comparison.name(of: loaded.hyperparameters)
        let report = try ColdCaseReport.make(model: loaded, name: name, split: split, dataset: dataset, depth: depth,
                                             threads: loaded.hyperparameters.threads)
        func ranks(_ c: ColdCaseRanks, _ m: Int) -> [Any] { c.ranks[m].map { $0.map { $0 as Any } ?? NSNull() } }
        if json {
            try JSONOutput.print([
                "models": report.models, "depth": depth, "cases": report.cases.count, "wins": report.wins, "losses": report.losses,
                "split": split.identity,
                "rows": report.cases.map { c -> [String: Any] in
                    var byModel: [String: Any] = [:]
                    for (m, model) in report.models.enumerated() { byModel[model] = ranks(c, m) }
                    return ["user": dataset.userID(c.user), "scene": dataset.scenes[Int(c.scene)].id,
                            "targets": c.targets.map { dataset.itemID($0) }, "ranks": byModel]
                },
            ])
            return
        }
        printText("\(report.cases.count) cold-target cases on \(split.identity); best rank of a hidden target (– beyond \(depth))")
        printText("the model ranks a target above every baseline in \(report.wins) cases and below one in \(report.losses)")
        let header = ["user", "scene", "targets"] + report.models
        let widths = header.map { max($0.count, 8) }
        func line(_ cells: [String]) -> String { zip(cells, widths).map { $0.padding(toLength: max($1, $0.count), withPad: " ", startingAt: 0) }.joined(separator: " ") }
        printText(line(header))
        for c in report.cases {
            printText(line([dataset.userID(c.user), dataset.scenes[Int(c.scene)].id, String(c.targets.count)]
                           + report.models.indices.map { c.best($0).map(String.init) ?? "–" }))
        }
    }
}
