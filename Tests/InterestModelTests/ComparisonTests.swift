import Autograd
import InterestData
@testable import InterestModel
import Testing

/// The BPR-MF baseline and the comparison of the model with its ablations and baselines.
struct ComparisonTests {
    @Test func collectiveMFScoresAreUserDotItemPlusBiasAndTrainingLowersTheLoss() {
        let dataset = TrainingData.make()
        let split = Split(dataset: dataset, seed: 3)
        var h = TrainingData.hyperparameters()
        h.maxEpochs = 6
        h.learningRate = 0.05
        let examples = TrainingExamples(dataset: dataset, isTrain: split.roles.map { $0 == .train })
        let (mf, summary) = CollectiveMF(dataset: dataset, hyperparameters: h).trained(dataset: dataset, split: split, examples: examples)
        #expect(summary.epochs.count == 6)
        #expect(summary.epochs.last!.meanLoss < summary.epochs.first!.meanLoss)
        // Best weights are kept: their validation NDCG is the best of all epochs.
        #expect(summary.bestValidationNDCG10 == summary.epochs.map(\.validationNDCG10).max())
        let case_ = EvaluationCase(user: 3, scene: 1, kind: .warmTest, targets: [4], history: [])
        let scores = mf.scores(for: [case_], in: dataset)[0]
        let p = mf.weights[mf.userEmbedding].scalars, q = mf.weights[mf.itemEmbedding].scalars, b = mf.weights[mf.itemBias].scalars
        let d = h.dimension
        for (k, v) in dataset.itemsByScene[1].enumerated() {
            let expected = b[Int(v)] + (0..<d).reduce(Float(0)) { $0 + p[3 * d + $1] * q[Int(v) * d + $1] }
            #expect(abs(scores[k] - expected) < 1e-5)
        }
    }

    @Test func comparisonHasEveryModelAndReusesAGivenFullModel() throws {
        let dataset = TrainingData.make()
        let split = Split(dataset: dataset, seed: 3)
        var h = TrainingData.hyperparameters()
        h.maxEpochs = 1
        let trained = Trainer(dataset: dataset, split: split, hyperparameters: h).train().model
        let request = ComparisonRequest(full: h)
        #expect(Set(request.models) == Set(Comparison.models) && request.models.last == "attention-dot")
        let (comparison, models) = try Comparison.run(dataset: dataset, splits: [split], request: request, given: trained)
        for name in Comparison.models {
            for cases in ["warm", "cold"] { #expect(comparison.row(model: name, cases: cases) != nil, "\(name) \(cases)") }
        }
        // Rows: 8 models × 2 case kinds × (all + 3 scenes) × 3 cutoffs.
        #expect(comparison.rows.count == 8 * 2 * 4 * 3)
        #expect(models["attention-dot"] == trained)
        #expect(models["self"]!.hyperparameters.transfer == .own && models["mean"]!.hyperparameters.transfer == .mean)
        #expect(models["attention-additive"]!.hyperparameters.attention == .additive)
        // The given model is not tuned: its record is one point, "given model".
        #expect(comparison.tuning.first { $0.model == "attention-dot" }?.pick == "given model")
    }

    @Test func variantsBesideAGivenModelTakeItsArchitectureButTheComparisonsTraining() throws {
        let dataset = TrainingData.make()
        let split = Split(dataset: dataset, seed: 3)
        var trained = TrainingData.hyperparameters()
        trained.maxEpochs = 1
        trained.transfer = .mean
        let given = Trainer(dataset: dataset, split: split, hyperparameters: trained).train().model
        var asked = Comparison.architecture(of: trained, trainedAs: Hyperparameters())
        asked.maxEpochs = 2
        asked.patience = 5
        asked.batchSize = 16
        let (_, models) = try Comparison.run(dataset: dataset, splits: [split], request: ComparisonRequest(full: asked), given: given)
        // The given model fills its own slot ("mean"), whatever its epochs.
        #expect(models["mean"] == given)
        for name in ["self", "attention-dot", "attention-additive"] {
            let h = models[name]!.hyperparameters
            #expect(h.maxEpochs == 2 && h.batchSize == 16, "\(name) is trained as asked")
            #expect(h.dimension == trained.dimension && h.heads == trained.heads && h.historyLength == trained.historyLength,
                    "\(name) has the given model's shape")
        }
        #expect(Comparison.name(of: trained) == "mean")
    }

    @Test func collectiveMFSharesTheModelsLoopIncludingDivergence() {
        let dataset = TrainingData.make()
        let split = Split(dataset: dataset, seed: 3)
        var h = TrainingData.hyperparameters()
        h.learningRate = 1e30
        let examples = TrainingExamples(dataset: dataset, isTrain: split.roles.map { $0 == .train })
        let initial = CollectiveMF(dataset: dataset, hyperparameters: h)
        let log = EventLog()
        let (mf, summary) = initial.trained(dataset: dataset, split: split, examples: examples, observer: { log.add($0) })
        guard case .diverged(let message) = summary.reason else { Issue.record("did not diverge: \(summary.reason)"); return }
        #expect(message.contains("BPR-MF loss") && message.contains("the initial weights"), "\(message)")
        #expect(mf.weights == initial.weights)
        // Step progress is reported as for the model.
        #expect(log.all.contains { if case .step = $0 { return true } else { return false } })
    }
}
