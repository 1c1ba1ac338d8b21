import Autograd
import InterestData
@testable import InterestModel
import Testing

/// The BPR-MF baseline and the comparison of all six models.
struct ComparisonTests {
    @Test func collectiveMFScoresAreUserDotItemPlusBiasAndTrainingLowersTheLoss() {
        let dataset = TrainingData.make()
        let split = Split(dataset: dataset, seed: 3)
        var h = TrainingData.hyperparameters()
        h.maxEpochs = 6
        h.learningRate = 0.05
        let examples = TrainingExamples(dataset: dataset, isTrain: split.roles.map { $0 == .train })
        let mf = CollectiveMF(dataset: dataset, hyperparameters: h)
        let summary = mf.train(dataset: dataset, split: split, examples: examples)
        #expect(summary.epochs.count == 6)
        #expect(summary.epochs.last!.meanLoss < summary.epochs.first!.meanLoss)
        // Best weights are kept: their validation NDCG is the best of all epochs.
        #expect(summary.bestValidationNDCG10 == summary.epochs.map(\.validationNDCG10).max())
        let case_ = EvaluationCase(user: 3, scene: 1, kind: .warmTest, targets: [4], history: [])
        let scores = mf.scores(for: [case_], in: dataset)[0]
        let p = mf.userEmbedding.value.scalars, q = mf.itemEmbedding.value.scalars, b = mf.itemBias.value.scalars
        let d = h.dimension
        for (k, v) in dataset.itemsByScene[1].enumerated() {
            let expected = b[Int(v)] + (0..<d).reduce(Float(0)) { $0 + p[3 * d + $1] * q[Int(v) * d + $1] }
            #expect(abs(scores[k] - expected) < 1e-5)
        }
    }

    @Test func comparisonHasEveryModelAndReusesAMatchingFullModel() {
        let dataset = TrainingData.make()
        let split = Split(dataset: dataset, seed: 3)
        var h = TrainingData.hyperparameters()
        h.maxEpochs = 1
        let session = TrainingSession(dataset: dataset, split: split, hyperparameters: h)
        session.run()
        let (comparison, models) = Comparison.run(dataset: dataset, split: split, hyperparameters: h, full: session.model)
        for name in Comparison.models {
            for cases in ["warm", "cold"] { #expect(comparison.row(model: name, cases: cases) != nil, "\(name) \(cases)") }
        }
        // Rows: 6 models × 2 case kinds × (all + 3 scenes) × 3 cutoffs.
        #expect(comparison.rows.count == 6 * 2 * 4 * 3)
        #expect(models["attention-dot"] === session.model)
        #expect(models["self"]!.hyperparameters.transfer == .own && models["mean"]!.hyperparameters.transfer == .mean)
        #expect(models["attention-additive"]!.hyperparameters.attention == .additive)
    }
}
