import ArgumentParser
import Foundation
import InterestData
import InterestModel
import Randomness

/// `mist-bench fuzz --seconds 60`: the readers of untrusted bytes (the dataset CSV loader, the
/// split reader, the safetensors reader with the checkpoint checks behind it) fed mutated copies
/// of valid files for a bounded time, in a release build (`.ci/run` runs it), where a parser bug
/// would be undefined behaviour rather than a trap in a debug test. Every input must give a value
/// or a typed error with a message; a crash ends the process, a broken invariant exits 1.
struct FuzzBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fuzz", abstract: "Time-bounded fuzzing of the CSV, split and safetensors readers (release build).")

    @Option(help: "Seconds to run in all (split evenly between the three readers).")
    var seconds = 60.0

    @Option(help: "Seed of the mutations (the same seed and inputs give the same cases).")
    var seed: UInt64 = 1

    struct Broken: Error, CustomStringConvertible { let description: String }

    func run() async throws {
        guard seconds.isFinite, seconds > 0, seconds <= 3600 else { throw ValidationError("--seconds must be in (0, 3600]") }
        let folder = NSTemporaryDirectory() + "mist-fuzz-\(getpid())"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }

        // Valid inputs to mutate: a small generated dataset, its split and a small checkpoint.
        let generated = SyntheticGenerator.generate(GeneratorParameters(seed: 3, users: 24, itemsPerScene: 6, meanInteractionsPerUser: 8))
        let base = folder + "/base"
        try generated.writeFolder(to: base, replacing: true)
        let dataset = try Dataset.load(from: base)
        let splitBytes = Split(dataset: dataset, seed: 42).csv(for: dataset)
        var h = Hyperparameters()
        h.dimension = 8
        h.historyLength = 5
        let parameters = ModelParameters(hyperparameters: h, itemCount: dataset.itemCount, topicCount: dataset.topicCount, sceneCount: dataset.sceneCount)
        let checkpointPath = folder + "/model.safetensors"
        try Checkpoint.save(TransferModel(parameters: parameters, dataset: dataset), info: CheckpointInfo(hyperparameters: h, splitSeed: 42),
                            dataset: dataset, to: URL(fileURLWithPath: checkpointPath))
        let checkpointBytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: checkpointPath)))

        var random = SeededRandom(seed: seed)
        let share = seconds / 3
        var counts: [String: Int] = [:]
        let start = Date()

        // 1. The dataset loader: one file of the folder mutated at a time.
        let csvNames = ["scenes.csv", "items.csv", "interactions.csv", "users.csv"]
        let work = folder + "/case"
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        for (name, bytes) in generated.files { try Data(bytes).write(to: URL(fileURLWithPath: work + "/" + name)) }
        var deadline = Date().addingTimeInterval(share)
        while Date() < deadline {
            let name = csvNames[random.int(below: csvNames.count)]
            let original = generated.files[name] ?? []
            try Data(Self.mutate(original, using: &random)).write(to: URL(fileURLWithPath: work + "/" + name))
            let result = DatasetValidator.validate(directory: work, limit: 20)
            if (result.dataset != nil) != result.problems.isEmpty { throw Broken(description: "\(name): a dataset and problems at once") }
            if result.problems.contains(where: { $0.description.isEmpty }) { throw Broken(description: "\(name): a problem without a message") }
            if let d = result.dataset { _ = Split(dataset: d, seed: 1) }
            try Data(original).write(to: URL(fileURLWithPath: work + "/" + name))
            counts["csv", default: 0] += 1
        }

        // 2. The split reader, against the dataset it was written for.
        deadline = Date().addingTimeInterval(share)
        while Date() < deadline {
            let bytes = Self.mutate(splitBytes, using: &random)
            do {
                let split = try Split.parse(bytes, file: "split.csv", for: dataset)
                if split.roles.count != dataset.interactionCount { throw Broken(description: "split.csv: a split of the wrong length was accepted") }
            } catch let error as DataError {
                if error.description.isEmpty { throw Broken(description: "split.csv: an error without a message") }
            }
            counts["split", default: 0] += 1
        }

        // 3. The safetensors reader and the checkpoint checks (through a file, as users load them).
        deadline = Date().addingTimeInterval(share)
        let fuzzed = folder + "/fuzzed.safetensors"
        while Date() < deadline {
            let bytes = random.int(below: 2) == 0 ? Self.mutate(checkpointBytes, using: &random)
                : Self.mutateHeader(checkpointBytes, using: &random)
            try Data(bytes).write(to: URL(fileURLWithPath: fuzzed))
            do {
                let (model, _) = try Checkpoint.load(from: URL(fileURLWithPath: fuzzed), dataset: dataset)
                // Whatever loads must score every item with finite numbers.
                let scores = model.traceTransfer(interactions: [], target: 0, count: 3, in: dataset).recommendations
                if scores.contains(where: { !$0.score.isFinite }) { throw Broken(description: "checkpoint: a loaded model gives non-finite scores") }
            } catch let error as CheckpointError {
                if error.description.isEmpty { throw Broken(description: "checkpoint: an error without a message") }
            }
            counts["safetensors", default: 0] += 1
        }
        let line: [String: Any] = ["bench": "fuzz", "seconds": Date().timeIntervalSince(start), "cases": counts, "seed": Int(seed)]
        let data = try JSONSerialization.data(withJSONObject: line, options: [.sortedKeys])
        print(String(decoding: data, as: UTF8.self))
    }

    static let alphabet: [UInt8] = Array("ab,\"\n\r 0123456789-.e{}[]:é".utf8) + [0xFF, 0xC3, 0xEF, 0xBB, 0xBF, 0x00, 0x1B]

    /// A few flips, inserts, deletes, duplicated or cut ranges.
    static func mutate(_ original: [UInt8], using random: inout SeededRandom) -> [UInt8] {
        var bytes = original
        for _ in 0..<(1 + random.int(below: 4)) {
            guard !bytes.isEmpty else { bytes = [alphabet[random.int(below: alphabet.count)]]; continue }
            let at = random.int(below: bytes.count)
            switch random.int(below: 6) {
            case 0: bytes[at] = alphabet[random.int(below: alphabet.count)]
            case 1: bytes.insert(alphabet[random.int(below: alphabet.count)], at: at)
            case 2: bytes.remove(at: at)
            case 3: bytes[at] = UInt8(truncatingIfNeeded: random.int(below: 256))
            case 4:
                let end = min(bytes.count, at + 1 + random.int(below: 64))
                bytes.insert(contentsOf: bytes[at..<end], at: end)
            default: bytes.removeSubrange(at..<min(bytes.count, at + 1 + random.int(below: 64)))
            }
        }
        return bytes
    }

    /// Digits changed inside the JSON header (shapes, offsets, hyperparameters, id lists), which
    /// random flips rarely reach with a still-parsable header.
    static func mutateHeader(_ original: [UInt8], using random: inout SeededRandom) -> [UInt8] {
        guard original.count >= 8 else { return original }
        var length = 0
        for i in 0..<8 { length |= Int(original[i]) << (8 * i) }
        guard length > 0, 8 + length <= original.count else { return original }
        var bytes = original
        let digits = (8..<(8 + length)).filter { (48...57).contains(bytes[$0]) }
        guard !digits.isEmpty else { return bytes }
        for _ in 0..<(1 + random.int(below: 3)) {
            let at = digits[random.int(below: digits.count)]
            bytes[at] = random.int(below: 4) == 0 ? UInt8(ascii: "9") : UInt8(48 + random.int(below: 10))
        }
        return bytes
    }
}
