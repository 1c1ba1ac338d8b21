import Autograd
import Foundation
import Randomness

/// Writes a `TrainingState` into a checkpoint beside the model and reads it back, so that
/// `mist train --resume` continues a run to the same bits as a run that never stopped.
///
/// Layout (all F32, docs/MODEL.md): `training.weights.<name>` holds the weights being trained
/// (the checkpoint's own tensors hold the kept ones: the best epoch's, or the initial weights
/// before any epoch finished); `training.adam.m.<name>` and `training.adam.v.<name>` hold Adam's
/// moments of the parameters that had a gradient; `training.order.high` and `.low` hold the
/// epoch's example order in two 16-bit halves (exact in float32 for any example count). The
/// metadata key `training.state` holds the rest as JSON: epoch, step, Adam's step count, the
/// random stream's four words, the epoch's loss sum, the reports and the best epoch's key.
enum TrainingStateCodec {
    static let metadataKey = "training.state"

    /// The JSON part of the state. Doubles round-trip exactly through JSONEncoder's shortest
    /// representation; the random words are strings because JSON numbers lose 64-bit integers.
    struct Record: Codable, Equatable {
        var version = 1
        var examples: Int
        var epoch: Int
        var step: Int
        var adamSteps: Int
        var random: [String]
        var epochLossSum: Double
        var epochExamples: Int
        var processed: Int
        var elapsedBefore: Double
        var epochStartedAt: Double
        var bestEpoch: Int?
        var bestPrimary: Double?
        var bestTieBreak: Double?
        var reports: [EpochReport]
    }

    static func encode(_ state: TrainingState, into file: inout SafeTensorsFile) {
        for p in state.weights.parameters {
            file.tensors["training.weights.\(p.name)"] = StoredTensor(shape: [p.count], values: state.weights[p].scalars)
        }
        for (name, moments) in state.optimizer.moments {
            file.tensors["training.adam.m.\(name)"] = StoredTensor(shape: [moments.m.count], values: moments.m)
            file.tensors["training.adam.v.\(name)"] = StoredTensor(shape: [moments.v.count], values: moments.v)
        }
        file.tensors["training.order.high"] = StoredTensor(shape: [state.order.count], values: state.order.map { Float($0 >> 16) })
        file.tensors["training.order.low"] = StoredTensor(shape: [state.order.count], values: state.order.map { Float($0 & 0xFFFF) })
        let record = Record(
            examples: state.order.count, epoch: state.epoch, step: state.step, adamSteps: state.optimizer.stepCount,
            random: state.random.state.map { String($0) }, epochLossSum: state.epochLossSum, epochExamples: state.epochExamples,
            processed: state.processed, elapsedBefore: state.elapsedBefore, epochStartedAt: state.epochStartedAt,
            bestEpoch: state.best?.epoch, bestPrimary: state.best?.key.primary, bestTieBreak: state.best?.key.tieBreak,
            reports: state.reports)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        file.metadata[metadataKey] = String(decoding: try! encoder.encode(record), as: UTF8.self)
    }

    /// The saved state, checked against the model's weights (`kept`: the checkpoint's own
    /// tensors) and the training examples and steps of the run it resumes; nil when the
    /// checkpoint has none. Every inconsistency is an error naming what is wrong.
    static func decode(_ file: SafeTensorsFile, kept: Weights, exampleCount: Int, stepsPerEpoch: Int, maxEpochs: Int,
                       path: String) throws(CheckpointError) -> TrainingState? {
        guard let json = file.metadata[metadataKey] else { return nil }
        func invalid(_ reason: String) -> CheckpointError { .invalid(path: path, reason: "training state: \(reason)") }
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        guard let record = try? decoder.decode(Record.self, from: Data(json.utf8)) else {
            throw invalid("metadata \"\(metadataKey)\" is malformed")
        }
        guard record.version == 1 else { throw invalid("version \(record.version) is not supported (this mist reads 1)") }
        guard record.examples == exampleCount else {
            throw invalid("it trained on \(record.examples) examples, but this split has \(exampleCount): resume with the split it was trained on")
        }
        guard (1...maxEpochs).contains(record.epoch) else { throw invalid("epoch \(record.epoch) is outside 1…\(maxEpochs)") }
        guard (0..<stepsPerEpoch).contains(record.step) else { throw invalid("step \(record.step) is outside 0…\(stepsPerEpoch - 1)") }
        guard record.reports.count == record.epoch - 1, record.reports.enumerated().allSatisfy({ $0.element.epoch == $0.offset + 1 }) else {
            throw invalid("\(record.reports.count) epoch reports for epoch \(record.epoch)")
        }
        guard record.adamSteps >= 0, record.epochExamples >= 0, record.processed >= 0, record.epochLossSum.isFinite else {
            throw invalid("negative or non-finite counters")
        }
        let words = record.random.compactMap(UInt64.init)
        guard words.count == record.random.count, let random = SeededRandom(state: words) else {
            throw invalid("the random stream's state is not four 64-bit words, not all zero")
        }
        func tensor(_ name: String, count: Int) throws(CheckpointError) -> [Float] {
            guard let stored = file.tensors[name] else { throw invalid("tensor \"\(name)\" is missing") }
            guard stored.shape == [count] else { throw invalid("tensor \"\(name)\" has shape \(stored.shape), expected [\(count)]") }
            guard stored.values.allSatisfy(\.isFinite) else { throw invalid("tensor \"\(name)\" holds NaN or infinite values") }
            return stored.values
        }
        var weights = kept
        var optimizer = Adam.State(stepCount: record.adamSteps)
        for p in kept.parameters {
            weights.load(try tensor("training.weights.\(p.name)", count: p.count), into: p)
            if file.tensors["training.adam.m.\(p.name)"] != nil {
                let m = try tensor("training.adam.m.\(p.name)", count: p.count)
                let v = try tensor("training.adam.v.\(p.name)", count: p.count)
                guard v.allSatisfy({ $0 >= 0 }) else { throw invalid("Adam's second moment of \(p.name) is negative") }
                optimizer.moments[p.name] = Adam.Moments(m: m, v: v)
            }
        }
        let high = try tensor("training.order.high", count: exampleCount), low = try tensor("training.order.low", count: exampleCount)
        var order: [Int] = []
        order.reserveCapacity(exampleCount)
        var seen = [Bool](repeating: false, count: exampleCount)
        for (h, l) in zip(high, low) {
            guard h >= 0, l >= 0, l < 65536, h == h.rounded(), l == l.rounded(), h < 32768 else { throw invalid("the example order holds a value that is not an index") }
            let index = Int(h) << 16 | Int(l)
            guard index < exampleCount, !seen[index] else { throw invalid("the example order is not a permutation of the \(exampleCount) examples") }
            seen[index] = true
            order.append(index)
        }
        var state = TrainingState(weights: weights, optimizer: optimizer, random: random, exampleCount: exampleCount)
        state.order = order
        state.epoch = record.epoch
        state.step = record.step
        state.epochLossSum = record.epochLossSum
        state.epochExamples = record.epochExamples
        state.processed = record.processed
        state.elapsedBefore = record.elapsedBefore
        state.epochStartedAt = record.epochStartedAt
        state.reports = record.reports
        if let epoch = record.bestEpoch, let primary = record.bestPrimary, let tieBreak = record.bestTieBreak {
            guard (1..<record.epoch).contains(epoch) else { throw invalid("best epoch \(epoch) has not finished") }
            state.best = BestEpoch(epoch: epoch, key: SelectionKey(primary: primary, tieBreak: tieBreak), weights: kept)
            state.initialWeights = nil
        } else {
            guard record.bestEpoch == nil, record.reports.isEmpty else { throw invalid("epochs finished but no best epoch is recorded") }
            state.initialWeights = kept
        }
        return state
    }
}
