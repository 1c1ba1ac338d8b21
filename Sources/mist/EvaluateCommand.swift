import ArgumentParser
import Foundation
import InterestData
import InterestModel

/// `mist evaluate DATA [--model M] [--tune] [--repeats R] [--json]`: the model against its
/// ablations and baselines, on one draw or pooled over R draws (MODEL-SPEC, Claims protocol), with
/// the full model's lifts and their paired-bootstrap intervals.
struct EvaluateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Evaluate the model, its ablations and the baselines (popularity, BPR-MF, EASE, ItemKNN), with lifts and 95% intervals.",
        discussion: """
            Claims are made with --tune --repeats 5: every model is tuned on its grid by cold-validation NDCG@10 \
            (ties: warm validation) on each of 5 cold-target draws (split seeds S…S+4), and the cases of all draws \
            are pooled. Lifts are the full model's over every other model, with a 95% paired-bootstrap interval \
            (1000 resamples).

            The hyperparameter options are `mist train`'s: they set the full model trained here and how every \
            model is trained (--epochs, --learning-rate, --seed, …). With --model, the full model's architecture, \
            version and epoch selection are the checkpoint's.
            """)

    @OptionGroup var data: DataOptions

    @Option(help: "A checkpoint from `mist train` to use as the full model (default: train one per draw).")
    var model: String?

    @Option(parsing: .unconditional, help: "Cold-target draws (split seeds S, S+1, …; 1…100): every model is retrained on each and the cases are pooled.",
            transform: Bounded.integer(EvaluateCommand.repeatsLimit))
    var repeats = 1

    static let repeatsLimit = HyperparameterLimit(name: "repeats", 1, 100, integer: true)

    @Flag(help: "Tune every model on its grid (at most 6 settings) by cold-validation NDCG@10, ties warm validation.")
    var tune = false

    @Option(help: "Comma-separated models to compare (default: every baseline and ablation of the full model, which comes last). planted, planted-cold and planted-estimated are ceilings that know a generated dataset's planted truth (docs/REGIMES.md); listed with baselines only, no transfer model is trained.")
    var models: String?

    /// The full model's settings and how every model here is trained (the same options as
    /// `mist train`). With --model, the full model's architecture and selection are the checkpoint's.
    @OptionGroup(title: "Hyperparameters") var settings: HyperparameterOptions

    @Option(help: "Seed of the paired bootstrap's resamples.")
    var bootstrapSeed: UInt64 = 2019

    @Flag(help: "Evaluate --model even on a split other than the one it was trained on (prints a warning).")
    var allowOtherSplit = false

    @Flag(help: "Print every number as JSON (metric rows, lift rows, tuning records) instead of the table.")
    var json = false

    @Option(help: "Also write the JSON to this file (written whole, then renamed into place).")
    var jsonOut: String?

    func validate() throws {
        if model != nil && repeats > 1 { throw ValidationError("--model is trained on one split: with --repeats the full model is trained on every draw, so leave --model out") }
        if data.split != nil && repeats > 1 { throw ValidationError("--split is one draw: use --split-seed with --repeats") }
    }

    func run() async throws {
        let dataset = try data.loadDataset()
        var given: TransferModel?
        var hyperparameters = try settings.hyperparameters()
        let splits: [Split]
        if let model {
            let (loaded, info, modelSplit) = try data.loadModel(model, dataset: dataset, allowOtherSplit: allowOtherSplit)
            given = loaded
            hyperparameters = Comparison.architecture(of: info.hyperparameters, trainedAs: hyperparameters)
            hyperparameters.selection = info.hyperparameters.selection
            splits = [modelSplit]
        } else if data.split != nil {
            splits = [try data.split(for: dataset)]
        } else {
            splits = Comparison.draws(of: dataset, firstSeed: data.splitSeed ?? Split.defaultSeed, repeats: repeats)
        }
        // Every model here is trained with these settings (a checkpoint's, maybe crafted ones).
        if let problem = ModelMemory.problem(hyperparameters, items: dataset.itemCount, topics: dataset.topicCount,
                                             scenes: dataset.sceneCount, training: true) {
            throw TrainingPreflight.Refusal(description: problem)
        }
        var request = ComparisonRequest(full: hyperparameters, tune: tune)
        if let models {
            request.models = models.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            // Ceilings and baselines alone: a ceiling study, with no transfer model to train.
            let transferNamed = request.models.contains { Comparison.variant(named: $0, of: hyperparameters) != nil }
            if model == nil && !transferNamed && request.models.contains(where: Comparison.ceilings.contains) {
                request.full = ""
            } else if !request.models.contains(request.full) {
                request.models.append(request.full)
            }
        }
        request.bootstrapSeed = bootstrapSeed
        let progress = ProgressOutput()
        let (comparison, trained) = try Comparison.run(dataset: dataset, splits: splits, request: request, given: given,
                                                       observer: { progress.handle($0) })
        // A run's checkpoint: its test rows become part of the run (`mist runs --compare` shows them).
        if let model, let run = RunStore.run(holding: model) {
            do { try RunStore.recordTest(comparison.rows, folder: run.folder) } catch {
                FileHandle.standardError.write(Data("warning: could not record the test metrics in run \(run.id): \(error)\n".utf8))
            }
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let encoded = try encoder.encode(comparison)
        if let jsonOut { try AtomicFile.write(Array(encoded), to: jsonOut) }
        if json {
            print(String(decoding: encoded, as: UTF8.self))
            return
        }
        print(ComparisonReport.text(comparison, models: request.models))
        if let fullModel = given ?? trained[request.full], let split = splits.last {
            print(Self.attentionReport(fullModel, dataset: dataset, split: split))
        }
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
