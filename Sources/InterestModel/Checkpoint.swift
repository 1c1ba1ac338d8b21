import Foundation
import InterestData

/// Why a checkpoint could not be used.
public enum CheckpointError: Error, CustomStringConvertible, Equatable {
    /// The file is not a readable safetensors file.
    case unreadable(SafeTensorsError)
    /// The file is safetensors but not a mist model (missing or wrong metadata or tensors).
    case invalid(path: String, reason: String)
    /// The model was trained on a different dataset; `differences` says how it differs.
    case datasetMismatch(path: String, differences: [String])
    /// The checkpoint could not be written.
    case unwritable(SafeTensorsError)

    public var description: String {
        switch self {
        case .unreadable(let error), .unwritable(let error): return error.description
        case let .invalid(path, reason): return "\(path): not a mist model checkpoint: \(reason)"
        case let .datasetMismatch(path, differences):
            return "\(path): the model was trained on a different dataset: " + differences.joined(separator: "; ")
        }
    }
}

/// What a checkpoint records besides the weights.
public struct CheckpointInfo: Sendable, Equatable {
    public var hyperparameters: Hyperparameters
    /// Seed of the split the model was trained on (nil when it came from a split file).
    public var splitSeed: UInt64?
    /// `Split.fingerprint` of the split the model was trained on (nil in checkpoints written
    /// before it was stored, or when the writer did not know the split).
    public var splitFingerprint: String?
    /// Best validation NDCG@10 and its epoch, when known.
    public var validationNDCG10: Double?
    public var bestEpoch: Int?
    /// The hyperparameter fields the file itself records (`Hyperparameters`' coding keys: "threads",
    /// "maxEpochs", …); the others were filled with v1's values when it was read. Empty when not
    /// read from a file.
    public var recordedSettings: Set<String> = []

    public init(hyperparameters: Hyperparameters, splitSeed: UInt64?, splitFingerprint: String? = nil,
                validationNDCG10: Double? = nil, bestEpoch: Int? = nil) {
        self.hyperparameters = hyperparameters
        self.splitSeed = splitSeed
        self.splitFingerprint = splitFingerprint
        self.validationNDCG10 = validationNDCG10
        self.bestEpoch = bestEpoch
    }

    /// The record of a model trained on `split` (its seed, if drawn from one, and its fingerprint).
    public init(hyperparameters: Hyperparameters, split: Split, validationNDCG10: Double? = nil, bestEpoch: Int? = nil) {
        self.init(hyperparameters: hyperparameters, splitSeed: split.seed, splitFingerprint: split.fingerprint,
                  validationNDCG10: validationNDCG10, bestEpoch: bestEpoch)
    }
}

/// Saves and loads models as safetensors with metadata: the format, the hyperparameters, the id
/// maps (scenes, topics, items: the rows of the tensors) and the dataset's fingerprint.
public enum Checkpoint {
    public static let format = "mist-transfer-model/1"

    /// Writes `model` (atomically: a temporary file, then a rename). With `training`, the file
    /// also keeps the run's state (`TrainingStateCodec`), so `mist train --resume` can continue it.
    public static func save(_ model: TransferModel, info: CheckpointInfo, dataset: Dataset, to url: URL,
                            training: TrainingState? = nil) throws {
        var file = SafeTensorsFile()
        for parameter in model.parameters.all {
            file.tensors[parameter.name] = StoredTensor(shape: ModelParameters.storedShape(of: parameter), values: model.weights[parameter].scalars)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        func json<T: Encodable>(_ value: T) -> String { String(decoding: try! encoder.encode(value), as: UTF8.self) }
        file.metadata = [
            "format": format,
            "hyperparameters": json(info.hyperparameters),
            "dataset.fingerprint": Fingerprint.hex(dataset.fingerprint),
            "dataset.scenes": json(dataset.scenes.map(\.id)),
            "dataset.topics": json(dataset.topics),
            "dataset.items": json(dataset.items.ids.keys),
            "dataset.users": String(dataset.userCount),
            "dataset.interactions": String(dataset.interactionCount),
        ]
        if let seed = info.splitSeed { file.metadata["split.seed"] = String(seed) }
        if let fingerprint = info.splitFingerprint { file.metadata["split.fingerprint"] = fingerprint }
        if let ndcg = info.validationNDCG10 { file.metadata["training.validation_ndcg10"] = String(ndcg) }
        if let epoch = info.bestEpoch { file.metadata["training.best_epoch"] = String(epoch) }
        if let training { TrainingStateCodec.encode(training, into: &file) }
        do { try SafeTensors.write(file, to: url) } catch let error as SafeTensorsError { throw CheckpointError.unwritable(error) }
    }

    /// Loads a model for `dataset`; refuses a damaged file or one trained on other data.
    public static func load(from url: URL, dataset: Dataset) throws(CheckpointError) -> (TransferModel, CheckpointInfo) {
        let (model, info, _) = try loadFile(from: url, dataset: dataset)
        return (model, info)
    }

    /// Loads a model with the training state it was saved with, to continue that training on
    /// `split` (which must be the split it trained on). Throws when the checkpoint has no state
    /// (it was not saved by a stopped run) or the state does not fit the split.
    public static func loadResumable(from url: URL, dataset: Dataset, split: Split,
                                     examples: TrainingExamples? = nil) throws(CheckpointError) -> (Trainer, TrainingState, CheckpointInfo) {
        let (model, info, file) = try loadFile(from: url, dataset: dataset)
        if let recorded = info.splitFingerprint, recorded != split.fingerprint {
            throw .invalid(path: url.path, reason: "it was trained on another split (roles \(recorded)), not this one (roles \(split.fingerprint))")
        }
        let trainer = Trainer(model: model, dataset: dataset, split: split, examples: examples)
        let loop = trainer.loop
        guard let state = try TrainingStateCodec.decode(file, kept: model.weights, exampleCount: trainer.examples.count,
                                                        stepsPerEpoch: loop.stepsPerEpoch, maxEpochs: model.hyperparameters.maxEpochs,
                                                        path: url.path) else {
            throw .invalid(path: url.path, reason: "it has no training state to resume (only a run stopped before its end saves one; this one finished or was saved by `w`)")
        }
        return (trainer, state, info)
    }

    static func loadFile(from url: URL, dataset: Dataset) throws(CheckpointError) -> (TransferModel, CheckpointInfo, SafeTensorsFile) {
        let path = url.path
        let file: SafeTensorsFile
        do { file = try SafeTensors.read(from: url) } catch let error as SafeTensorsError { throw .unreadable(error) } catch {
            throw .invalid(path: path, reason: "\(error)")
        }
        func invalid(_ reason: String) -> CheckpointError { .invalid(path: path, reason: reason) }
        let meta = file.metadata
        guard meta["format"] == format else { throw invalid("format is \(meta["format"].map { "\"\($0)\"" } ?? "missing"), expected \"\(format)\"") }
        func decode<T: Decodable>(_ key: String, as type: T.Type) throws(CheckpointError) -> T {
            guard let text = meta[key], let value = try? JSONDecoder().decode(T.self, from: Data(text.utf8)) else {
                throw invalid("metadata \"\(key)\" is missing or malformed")
            }
            return value
        }
        let hyperparameters = try decode("hyperparameters", as: Hyperparameters.self)
        let problems = hyperparameters.problems()
        guard problems.isEmpty else { throw invalid("hyperparameters: " + problems.joined(separator: "; ")) }
        let scenes = try decode("dataset.scenes", as: [String].self)
        let topics = try decode("dataset.topics", as: [String].self)
        let items = try decode("dataset.items", as: [String].self)
        if meta["dataset.fingerprint"] != Fingerprint.hex(dataset.fingerprint) {
            throw .datasetMismatch(path: path, differences: differences(
                scenes: scenes, topics: topics, items: items, users: meta["dataset.users"].flatMap(Int.init),
                interactions: meta["dataset.interactions"].flatMap(Int.init), from: dataset))
        }
        try CheckpointValidation.check(file, hyperparameters: hyperparameters, scenes: scenes, topics: topics, items: items,
                                       dataset: dataset, path: path)
        var parameters = ModelParameters(hyperparameters: hyperparameters, itemCount: items.count, topicCount: topics.count, sceneCount: scenes.count)
        for parameter in parameters.all {
            guard let stored = file.tensors[parameter.name], stored.shape == ModelParameters.storedShape(of: parameter) else {
                throw invalid("tensor \"\(parameter.name)\" is missing or has the wrong shape")
            }
            parameters.weights.load(stored.values, into: parameter)
        }
        var info = CheckpointInfo(
            hyperparameters: hyperparameters, splitSeed: meta["split.seed"].flatMap(UInt64.init), splitFingerprint: meta["split.fingerprint"],
            validationNDCG10: meta["training.validation_ndcg10"].flatMap(Double.init), bestEpoch: meta["training.best_epoch"].flatMap(Int.init))
        if let text = meta["hyperparameters"], let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] {
            info.recordedSettings = Set(object.keys)
        }
        return (TransferModel(parameters: parameters, dataset: dataset), info, file)
    }

    /// Human-readable differences between the data a checkpoint was trained on and `dataset`.
    static func differences(scenes: [String], topics: [String], items: [String], users: Int?, interactions: Int?,
                            from dataset: Dataset) -> [String] {
        var found: [String] = []
        func compare(_ what: String, _ saved: [String], _ current: [String]) {
            if saved.count != current.count {
                found.append("\(what): \(saved.count) in the model, \(current.count) in the dataset")
            } else if let i = saved.indices.first(where: { saved[$0] != current[$0] }) {
                found.append("\(what) #\(i + 1) is \"\(saved[i])\" in the model but \"\(current[i])\" in the dataset")
            }
        }
        compare("scenes", scenes, dataset.scenes.map(\.id))
        compare("topics", topics, dataset.topics)
        compare("items", items, dataset.items.ids.keys)
        if let users, users != dataset.userCount { found.append("users: \(users) in the model, \(dataset.userCount) in the dataset") }
        if let interactions, interactions != dataset.interactionCount {
            found.append("interactions: \(interactions) in the model, \(dataset.interactionCount) in the dataset")
        }
        if found.isEmpty { found.append("same scenes, topics, items and counts, but the interactions differ (fingerprint)") }
        return found
    }
}
