import Autograd
import Foundation
import InterestData
import Randomness
import Testing
@testable import InterestModel

/// The v3 model (docs/MODEL.md, Model versions): v2 plus the topic path, `q = p · T_src` added to
/// `Z⁰` and `E_ctopic[topic(v)]` added to every item's scoring vector.
struct ModelV3Tests {
    static func hyperparameters() -> Hyperparameters {
        var h = TinyModel.hyperparameters()
        h.version = .v3
        return h
    }

    /// A v3 model with random (non-zero) item-path and topic-path tables.
    static func model(seed: UInt64 = 5) -> TransferModel {
        let h = hyperparameters()
        var m = TinyModel.model(h)
        Self.randomise(&m, seed: seed)
        m.set(\.itemBias, (0..<9).map { Float($0) * 0.05 - 0.2 })
        return m
    }

    static func randomise(_ m: inout TransferModel, seed: UInt64) {
        let d = m.dimension
        var random = SeededRandom(seed: seed)
        m.set(\.itemSourceEmbedding!, (0..<(9 * d)).map { _ in random.normal(standardDeviation: 0.5) })
        m.set(\.topicSourceEmbedding!, (0..<(3 * d)).map { _ in random.normal(standardDeviation: 0.5) })
        m.set(\.itemTopicEmbedding!, (0..<(3 * d)).map { _ in random.normal(standardDeviation: 0.5) })
    }

    @Test func v3IsV2PlusTheTopicPath() {
        let h = Self.hyperparameters()
        #expect(h.itemPath && h.objective == .softmax && h.topicPath && h.version == .v3)
        var v2 = h
        v2.topicPath = false
        #expect(v2.version == .v2)
        #expect(Hyperparameters().version == .v3, "v3 is the default")
        #expect(Hyperparameters.v1.topicPath == false)
    }

    /// The Transfer screen's k = 0 line names the terms of `Z⁰` the model has (docs/MODEL.md 3, 3a).
    @Test func initialStateFormulaNamesTheModelsTerms() {
        var h = Hyperparameters()
        #expect(h.initialStateFormula == "Z⁰ = W_v z + m + q")
        h.version = .v2
        #expect(h.initialStateFormula == "Z⁰ = W_v z + m")
        h.version = .v1
        #expect(h.initialStateFormula == "Z⁰ = W_v z")
        h.version = .v2
        h.interestPath = false
        #expect(h.initialStateFormula == "Z⁰ = m")
    }

    @Test func topicPathGradientsMatchFiniteDifferences() {
        // GradientTests.check walks every parameter, both topic tables included.
        let model = TinyModel.model(Self.hyperparameters())
        let names = Set(model.parameters.all.map(\.name))
        #expect(names.contains("topic_source_embedding") && names.contains("item_topic_embedding"))
        GradientTests().check(Self.hyperparameters()) { Self.randomise(&$0, seed: 5) }
    }

    @Test func topicPathIsTheTopicSharesTimesTheSourceTable() {
        let m = Self.model()
        let batch = TinyModel.batch()
        let pass = m.forward(batch, on: Tape(reading: m.weights, recording: false))
        let d = m.dimension
        let sources = m.value(\.topicSourceEmbedding!)
        // Z⁰ of v3 minus Z⁰ of the same weights without the topic path is p · T_src, where p is
        // the share of each topic among the sequence's y ≥ 0 events.
        var v2Hyperparameters = m.hyperparameters
        v2Hyperparameters.topicPath = false
        var twin = TinyModel.model(v2Hyperparameters)
        var shared = twin.weights
        for parameter in twin.parameters.all {
            shared.load(m.weights[m.parameters.all.first { $0.name == parameter.name }!].scalars, into: parameter)
        }
        twin = twin.withWeights(shared)
        let twinPass = twin.forward(batch, on: Tape(reading: twin.weights, recording: false))
        var token = 0
        for sequence in 0..<(batch.count * batch.sceneCount) {
            let n = batch.lengths[sequence]
            let kept = (token..<(token + n)).filter { batch.feedback[$0] >= 0 }
            for j in 0..<d {
                let expected = kept.reduce(Float(0)) { total, event in
                    total + sources[Int(TinyModel.itemTopic[batch.items[event]]) * d + j] / Float(kept.count)
                }
                let difference = pass.states[0].value.scalars[sequence * d + j] - twinPass.states[0].value.scalars[sequence * d + j]
                #expect(abs(difference - expected) < 1e-5, "sequence \(sequence), column \(j)")
            }
            token += n
        }
    }

    @Test func anItemIsScoredWithItsTopicRowAdded() {
        let m = Self.model()
        let d = m.dimension
        let f: [Float] = (0..<d).map { Float($0) * 0.3 - 0.4 }
        let items = m.value(\.itemEmbedding), topics = m.value(\.itemTopicEmbedding!), bias = m.value(\.itemBias)
        let scores = m.scores(interest: f, items: Array(0..<9))
        for v in 0..<9 {
            let c = Int(TinyModel.itemTopic[v])
            let expected = bias[v] + (0..<d).reduce(Float(0)) { $0 + f[$1] * (items[v * d + $1] + topics[c * d + $1]) }
            #expect(abs(scores[v] - expected) < 1e-5)
        }
    }

    @Test func aFreshV3ModelScoresExactlyLikeItsV2Twin() {
        // Both topic tables start at zero and are declared after every random draw.
        var h = Self.hyperparameters()
        let v3 = TinyModel.model(h)
        h.topicPath = false
        let v2 = TinyModel.model(h)
        let dataset = TinyDataset.make()
        let cases = (0..<3).map { u in
            EvaluationCase(user: Int32(u), scene: Int32(u), kind: .warmTest, targets: [], history: v2.profile(ofUser: u, in: dataset, split: nil))
        }
        #expect(v3.scores(for: cases[...], in: dataset) == v2.scores(for: cases[...], in: dataset))
    }

    @Test func sharesStillAddUpToTheScoreMinusTheBias() {
        let dataset = TinyDataset.make()
        let m = Self.model()
        for u in 0..<3 {
            let profile = m.profile(ofUser: u, in: dataset, split: nil)
            for target in 0..<3 {
                let trace = m.traceTransfer(interactions: profile, target: target, count: 4, in: dataset)
                for items in trace.topItemsByIteration {
                    for item in items { #expect(abs(item.shares.reduce(0, +) - (item.score - item.bias)) < 1e-5) }
                }
                // The trace's scores are the ranking path's (`CaseScorer`), topic rows included.
                let case_ = EvaluationCase(user: Int32(u), scene: Int32(target), kind: .warmTest, targets: [], history: profile)
                let scores = m.scores(for: [case_], in: dataset)[0]
                for item in trace.recommendations {
                    let k = dataset.itemsByScene[target].firstIndex(of: Int32(item.item))!
                    #expect(abs(scores[k] - item.score) < 1e-5)
                }
            }
        }
    }

    @Test func theSoftmaxLossScoresThroughTheTopicRows() {
        // The training loss equals −log softmax of the ranking path's scores (+ L2), per example.
        var h = Self.hyperparameters()
        h.l2 = 0
        var m = TinyModel.model(h)
        Self.randomise(&m, seed: 8)
        let batch = TinyModel.batch()
        let targets = [1, 0, 2], positives = [3, 0, 7]
        let loss = m.trainingLoss(batch, targets: targets, positives: positives, negatives: [], batchExamples: 3,
                                  on: Tape(reading: m.weights, recording: false)).value.scalar
        let tape = Tape(reading: m.weights, recording: false)
        let interests = m.forward(batch, on: tape).targetInterests(targets, on: tape).value.scalars
        let d = m.dimension
        var expected = 0.0
        for b in 0..<3 {
            let sceneItems = (0..<9).filter { TinyModel.itemScene[$0] == Int32(targets[b]) }
            let scores = m.scores(interest: Array(interests[(b * d)..<((b + 1) * d)]), items: sceneItems).map(Double.init)
            let top = scores.max()!
            let logSum = top + log(scores.reduce(0) { $0 + exp($1 - top) })
            expected += logSum - scores[sceneItems.firstIndex(of: positives[b])!]
        }
        #expect(abs(Double(loss) - expected / 3) < 1e-4)
    }

    @Test func checkpointKeepsTheTopicPathAndV2CheckpointsStayV2() throws {
        let dataset = TinyDataset.make()
        let m = Self.model()
        let path = NSTemporaryDirectory() + "mist-v3-" + UUID().uuidString + ".safetensors"
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Checkpoint.save(m, info: CheckpointInfo(hyperparameters: m.hyperparameters, splitSeed: 1), dataset: dataset, to: URL(fileURLWithPath: path))
        let (back, info) = try Checkpoint.load(from: URL(fileURLWithPath: path), dataset: dataset)
        #expect(info.hyperparameters.version == .v3)
        #expect(back.value(\.topicSourceEmbedding!) == m.value(\.topicSourceEmbedding!))
        #expect(back.value(\.itemTopicEmbedding!) == m.value(\.itemTopicEmbedding!))
        // Hyperparameters recorded by a v2 model (before the topic path existed) still mean v2.
        let v2 = #"{"dimension":4,"heads":2,"historyLength":3,"iterations":2,"beta":0.2,"attention":"dot","transfer":"attention","itemPath":true,"interestPath":true,"objective":"softmax","selection":"cold"}"#
        let decoded = try JSONDecoder().decode(Hyperparameters.self, from: Data(v2.utf8))
        #expect(decoded.version == .v2 && !decoded.topicPath)
    }

    @Test func theComparisonNamesTheTopicPathAndAblatesIt() {
        let v3 = Hyperparameters()
        #expect(Comparison.name(of: v3) == "attention-dot+items+softmax+topics")
        let parsed = Comparison.variant(named: "self+items+softmax+topics", of: Hyperparameters.v1)
        #expect(parsed?.topicPath == true && parsed?.itemPath == true && parsed?.transfer == .own && parsed?.objective == .softmax)
        #expect(Comparison.variant(named: "attention-dot+items+softmax", of: v3)?.topicPath == false)
        let models = Comparison.defaultModels(full: v3)
        #expect(models.last == "attention-dot+items+softmax+topics")
        #expect(models.contains("attention-dot+items+softmax"), "the ablation without the topic path is v2")
    }
}
