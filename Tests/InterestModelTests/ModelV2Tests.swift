import Autograd
import Foundation
import InterestData
import Randomness
import Testing
@testable import InterestModel

/// The v2 model (docs/MODEL.md, Model versions): v1 plus the item path `m` added to `Z⁰`.
struct ModelV2Tests {
    /// A v2 model with a random (non-zero) `E_src`, so the item path is exercised.
    static func model(interestPath: Bool = true) -> TransferModel {
        var h = TinyModel.hyperparameters()
        h.version = .v2
        h.interestPath = interestPath
        var m = TinyModel.model(h)
        #expect(h.objective == .softmax && h.itemPath)
        var random = SeededRandom(seed: 5)
        m.set(\.itemSourceEmbedding!, (0..<(9 * h.dimension)).map { _ in random.normal(standardDeviation: 0.5) })
        m.set(\.itemBias, (0..<9).map { Float($0) * 0.05 - 0.2 })
        return m
    }

    @Test func itemPathGradientsMatchFiniteDifferences() {
        // GradientTests.check walks every parameter, E_src included.
        var h = TinyModel.hyperparameters()
        h.version = .v2
        let model = TinyModel.model(h)
        #expect(model.parameters.all.contains { $0.name == "item_source_embedding" })
        GradientTests().check(h) { m in
            var random = SeededRandom(seed: 5)
            m.set(\.itemSourceEmbedding!, (0..<(9 * h.dimension)).map { _ in random.normal(standardDeviation: 0.5) })
        }
        var itemsOnly = h
        itemsOnly.interestPath = false
        GradientTests().check(itemsOnly) { m in
            var random = SeededRandom(seed: 6)
            m.set(\.itemSourceEmbedding!, (0..<(9 * h.dimension)).map { _ in random.normal(standardDeviation: 0.5) })
        }
    }

    @Test func itemPathIsTheMeanSourceVectorOfTheNonNegativeEvents() {
        let m = Self.model()
        let batch = TinyModel.batch()
        let pass = m.forward(batch, on: Tape(reading: m.weights, recording: false))
        let d = m.dimension
        let table = m.value(\.itemSourceEmbedding!)
        var token = 0
        for sequence in 0..<(batch.count * batch.sceneCount) {
            let n = batch.lengths[sequence]
            let kept = (token..<(token + n)).filter { batch.feedback[$0] >= 0 }
            for j in 0..<d {
                let expected = kept.isEmpty ? 0 : kept.reduce(Float(0)) { $0 + table[batch.items[$1] * d + j] } / Float(kept.count)
                #expect(abs(pass.itemPath!.value.scalars[sequence * d + j] - expected) < 1e-6)
            }
            token += n
        }
        // Z⁰ = W_v z + m (the v1 twin has the same W_v and z).
        let withoutItems = TinyModel.model(TinyModel.hyperparameters())
        let v1 = withoutItems.forward(batch, on: Tape(reading: withoutItems.weights, recording: false)).states[0].value.scalars
        for i in 0..<v1.count { #expect(abs(pass.states[0].value.scalars[i] - v1[i] - pass.itemPath!.value.scalars[i]) < 1e-5) }
    }

    @Test func aFreshV2ModelScoresExactlyLikeItsV1Twin() {
        // E_src starts at zero and v1's random draws come first: same seed, same scores.
        var h = TinyModel.hyperparameters()
        let v1 = TinyModel.model(h)
        h.version = .v2
        let v2 = TinyModel.model(h)
        let batch = TinyModel.batch()
        #expect(v1.forward(batch, on: Tape(reading: v1.weights, recording: false)).states.last!.value.scalars
                == v2.forward(batch, on: Tape(reading: v2.weights, recording: false)).states.last!.value.scalars)
    }

    @Test func sharesStillAddUpToTheScoreMinusTheBias() {
        let dataset = TinyDataset.make()
        for interestPath in [true, false] {
            let m = Self.model(interestPath: interestPath)
            for u in 0..<3 {
                let profile = m.profile(ofUser: u, in: dataset, split: nil)
                for target in 0..<3 {
                    let trace = m.traceTransfer(interactions: profile, target: target, count: 4, in: dataset)
                    for items in trace.topItemsByIteration {
                        for item in items { #expect(abs(item.shares.reduce(0, +) - (item.score - item.bias)) < 1e-5) }
                    }
                    // And the trace's scores are the ranking path's scores (`CaseScorer`).
                    let case_ = EvaluationCase(user: Int32(u), scene: Int32(target), kind: .warmTest, targets: [], history: profile)
                    let scores = m.scores(for: [case_], in: dataset)[0]
                    for item in trace.recommendations {
                        let k = dataset.itemsByScene[target].firstIndex(of: Int32(item.item))!
                        #expect(abs(scores[k] - item.score) < 1e-5)
                    }
                }
            }
        }
    }

    @Test func checkpointKeepsTheItemPathAndOldCheckpointsMeanV1() throws {
        let dataset = TinyDataset.make()
        let m = Self.model()
        let path = NSTemporaryDirectory() + "mist-v2-" + UUID().uuidString + ".safetensors"
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Checkpoint.save(m, info: CheckpointInfo(hyperparameters: m.hyperparameters, splitSeed: 1), dataset: dataset, to: URL(fileURLWithPath: path))
        let (back, info) = try Checkpoint.load(from: URL(fileURLWithPath: path), dataset: dataset)
        #expect(info.hyperparameters.version == .v2 && info.hyperparameters.objective == .softmax)
        #expect(back.value(\.itemSourceEmbedding!) == m.value(\.itemSourceEmbedding!))
        // Hyperparameters recorded before versions existed decode as v1, chosen on warm validation.
        let old = #"{"dimension":4,"heads":2,"historyLength":3,"iterations":2,"beta":0.2,"attention":"dot","transfer":"attention"}"#
        let decoded = try JSONDecoder().decode(Hyperparameters.self, from: Data(old.utf8))
        #expect(decoded.version == .v1 && decoded.selection == .warm && decoded.interestPath)
        #expect(!decoded.itemPath && decoded.objective == .bpr)
        #expect(decoded.dimension == 4 && decoded.historyLength == 3)
    }
}
