import ArgumentParser
import Foundation
import InterestData
import InterestModel

/// `mist-bench dump-batch`: one training batch, its loss and every parameter's gradient, written as
/// safetensors for `python -m mist_torch.parity` (the PyTorch twin checks its gradients against
/// these). The weights are written too, so the file alone reproduces the step. Gradients come from
/// the trainer's own `BatchPlan` and loss on one tape (`--threads 1`, the default): two tapes give
/// the same sums up to float rounding, in another order.
///
/// File layout (all F32): `param.NAME` and `grad.NAME` for every checkpoint tensor (stored shape);
/// `batch.examples` (index among the split's training examples), `batch.users`, `batch.targets`, `batch.positives`, `batch.hidden` (0/1) per example;
/// `batch.negatives` (`negatives` per example); `batch.items`, `batch.feedback` (tokens) and
/// `batch.lengths` (one per example and scene, row b·S + s); `loss` (one value). Metadata:
/// `format` = `mist-batch-dump/1`, `hyperparameters` (JSON), `dataset.fingerprint`, `split.fingerprint`.
struct DumpBatchBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dump-batch", abstract: "Write one training batch, its loss and all gradients (for the PyTorch parity check).")

    @Option(help: "Dataset folder.")
    var data = "sample-data"

    @Option(help: "Checkpoint whose weights to use (default: a freshly initialised model).")
    var model: String?

    @Option(help: "Split file (default: the split drawn with --split-seed).")
    var split: String?

    @Option(help: "Split seed when no split file is given.")
    var splitSeed: UInt64 = Split.defaultSeed

    @Option(help: "Model version of a fresh model.")
    var modelVersion = HyperparameterCatalog.defaultVersion

    @Option(help: "Attention of a fresh model.")
    var attention = AttentionKind.dot

    @Option(help: "Transfer (overrides the checkpoint's).")
    var transfer: TransferMode?

    @Option(help: "Objective (overrides the model's).")
    var objective: TrainingObjective?

    @Option(help: "Examples in the batch.")
    var batchSize = 64

    @Option(help: "Seed of the shuffle, dropout and negatives.")
    var seed: UInt64 = 7

    @Option(help: "Seed of a fresh model's initialisation.")
    var initSeed: UInt64 = 42

    @Option(help: "Tapes the batch is split across (1 gives the reference sums).")
    var threads = 1

    @Option(help: "Output file.")
    var out: String

    func run() async throws {
        let dataset = try Dataset.load(from: data)
        let split = try self.split.map { try Split.read(from: $0, for: dataset) } ?? Split(dataset: dataset, seed: splitSeed)
        var source: TransferModel
        if let model {
            source = try Checkpoint.load(from: URL(fileURLWithPath: model), dataset: dataset).0
        } else {
            var h = Hyperparameters()
            h.version = modelVersion
            h.attention = attention
            h.seed = initSeed
            source = TransferModel(parameters: ModelParameters(hyperparameters: h, itemCount: dataset.itemCount,
                                                               topicCount: dataset.topicCount, sceneCount: dataset.sceneCount),
                                   dataset: dataset)
        }
        var h = source.hyperparameters
        if let transfer { h.transfer = transfer }
        if let objective { h.objective = objective }
        h.threads = threads
        // Same tensors, other settings: copy every value by name.
        var parameters = ModelParameters(hyperparameters: h, itemCount: dataset.itemCount, topicCount: dataset.topicCount,
                                         sceneCount: dataset.sceneCount)
        for p in parameters.all {
            if let o = source.weights.parameter(named: p.name) { parameters.weights[p] = source.weights[o] }
        }
        let used = TransferModel(parameters: parameters, dataset: dataset)
        let dump = BatchDump(model: used, dataset: dataset, split: split, batchSize: batchSize, seed: seed, threads: threads)

        var file = SafeTensorsFile()
        func put(_ name: String, _ values: [Float], _ shape: [Int]? = nil) {
            file.tensors[name] = StoredTensor(shape: shape ?? [values.count], values: values)
        }
        for p in parameters.all {
            let shape = ModelParameters.storedShape(of: p)
            put("param." + p.name, parameters.weights[p].scalars, shape)
            put("grad." + p.name, dump.gradients[p.name]!, shape)
        }
        put("batch.examples", dump.examples.map(Float.init))
        put("batch.users", dump.users.map(Float.init))
        put("batch.targets", dump.targets.map(Float.init))
        put("batch.positives", dump.positives.map(Float.init))
        put("batch.hidden", dump.hidden.map { $0 ? 1 : 0 })
        put("batch.negatives", dump.negatives.map(Float.init), [dump.users.count, dump.negativesPerPositive])
        put("batch.items", dump.items.map(Float.init))
        put("batch.feedback", dump.feedback.map(Float.init))
        put("batch.lengths", dump.lengths.map(Float.init), [dump.users.count, dump.sceneCount])
        put("loss", [dump.loss])
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        file.metadata = [
            "format": "mist-batch-dump/1",
            "hyperparameters": String(decoding: try encoder.encode(h), as: UTF8.self),
            "dataset.fingerprint": Fingerprint.hex(dataset.fingerprint),
            "split.fingerprint": split.fingerprint,
        ]
        // Indices are stored as F32: exact below 2^24.
        guard dataset.itemCount < 1 << 24, dataset.userCount < 1 << 24, (dump.examples.max() ?? 0) < 1 << 24 else {
            throw ValidationError("indices of 2^24 and more cannot be stored exactly as F32")
        }
        try SafeTensors.write(file, to: URL(fileURLWithPath: out))
        print("wrote \(out): \(dump.users.count) examples, \(dump.items.count) tokens, loss \(dump.loss)")
    }
}

// Parsed by ArgumentParser from their raw values (as in `mist`; these conformances are this
// executable's own, InterestModel does not import ArgumentParser).
extension ModelVersion: ExpressibleByArgument {}
extension AttentionKind: ExpressibleByArgument {}
extension TransferMode: ExpressibleByArgument {}
extension TrainingObjective: ExpressibleByArgument {}
