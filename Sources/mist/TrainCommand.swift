import ArgumentParser
import Foundation
import InterestData
import InterestModel

/// The dataset folder alone, for commands that use no split (`recommend`, `inspect`).
struct DatasetFolder: ParsableArguments {
    @Argument(help: "Dataset folder (scenes.csv, items.csv, interactions.csv).")
    var data: String = "sample-data"

    func loadDataset() throws -> Dataset { try DatasetOpening.load(data) }
}

/// The dataset folder and the split every training and evaluation command works on.
struct DataOptions: ParsableArguments {
    @Argument(help: "Dataset folder (scenes.csv, items.csv, interactions.csv).")
    var data: String = "sample-data"

    @Option(help: "Split file written by `mist split` (default: draw the split from --split-seed).")
    var split: String?

    @Option(parsing: .unconditional, help: "Seed of the cold-target draw when no --split file is given (0…2^64−1; default 42, or the model's own).")
    var splitSeed: UInt64?


    func loadDataset() throws -> Dataset { try DatasetOpening.load(data) }

    /// The split from --split, else from --split-seed, else from `modelSeed` (the seed a
    /// checkpoint was trained with), else the default seed.
    func split(for dataset: Dataset, modelSeed: UInt64? = nil) throws -> Split {
        if let split { return try Split.read(from: split, for: dataset) }
        return Split(dataset: dataset, seed: splitSeed ?? modelSeed ?? Split.defaultSeed)
    }

    /// Loads a checkpoint for `dataset` and the split it is judged on: --split or --split-seed
    /// when given, else the seed the model was trained with. A split other than the model's own
    /// is refused (its test data may be the model's training data) unless `allowOtherSplit`,
    /// which only prints a warning.
    func loadModel(_ path: String, dataset: Dataset, allowOtherSplit: Bool) throws -> (TransferModel, CheckpointInfo, Split) {
        let (model, info) = try Checkpoint.load(from: URL(fileURLWithPath: path), dataset: dataset)
        // Without split options, the model's own seed (as a v1 split if that is what it was trained on).
        let split = self.split == nil && splitSeed == nil && info.splitSeed != nil
            ? info.split(seed: info.splitSeed!, in: dataset) : try split(for: dataset, modelSeed: info.splitSeed)
        if let mismatch = info.splitMismatch(with: split, in: dataset) {
            guard allowOtherSplit else { throw SplitMismatchError(model: path, mismatch: mismatch, seed: info.splitSeed) }
            FileHandle.standardError.write(Data("warning: \(path): \(mismatch); its test numbers may include its training data\n".utf8))
        } else if info.trainingSplitFingerprint(in: dataset) == nil {
            FileHandle.standardError.write(Data("warning: \(path) does not record its training split; evaluating on \(split.identity)\n".utf8))
        }
        return (model, info, split)
    }
}

/// A model asked to be evaluated on a split other than the one it was trained on.
struct SplitMismatchError: Error, CustomStringConvertible {
    var model: String
    var mismatch: String
    var seed: UInt64?

    var description: String {
        let own = seed.map { "--split-seed \($0) (or no split option)" } ?? "--split with the file it was trained on"
        return "\(model): \(mismatch). Evaluate it on its own split with \(own), or pass --allow-other-split to evaluate anyway."
    }
}

/// `mist train DATA --out MODEL`: trains the interest-transfer model and saves the best weights.
struct TrainCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train", abstract: "Train the interest-transfer model and save it as safetensors.")

    @OptionGroup var data: DataOptions

    @Option(help: "Where to write the checkpoint (.safetensors).")
    var out: String

    @OptionGroup(title: "Hyperparameters") var settings: HyperparameterOptions

    func run() async throws {
        let h = try settings.hyperparameters()
        let dataset = try data.loadDataset()
        let split = try data.split(for: dataset)
        try TrainingPreflight.check(out: out, data: data, hyperparameters: h, dataset: dataset)
        let session = TrainingSession(dataset: dataset, split: split, hyperparameters: h)
        let output = ProgressOutput()
        let summary = session.run { output.handle($0) }
        // A diverged run writes nothing: an existing checkpoint at --out stays as it was.
        if case .diverged(let message) = summary.reason { throw TrainingDiverged(message: message, out: out) }
        let info = CheckpointInfo(hyperparameters: h, split: split,
                                  validationNDCG10: summary.bestValidationNDCG10, bestEpoch: summary.bestEpoch)
        try Checkpoint.save(session.model, info: info, dataset: dataset, to: URL(fileURLWithPath: out))
        print("saved \(out)")
    }
}
