import Autograd
import Foundation
import Testing
@testable import InterestModel

/// The v2 objective groups a batch by target scene and scores each group against its scene's
/// items only; the loss must still be the plain definition, computed here through the ranking
/// path (`scores(interest:items:)`) with a log-sum-exp per row.
struct SoftmaxLossTests {
    func expectedLoss(_ model: TransferModel, _ interests: Tensor, targets: [Int], positives: [Int]) -> Double {
        let d = model.dimension
        var total = 0.0
        for (b, target) in targets.enumerated() {
            let f = Array(interests.scalars[b * d ..< (b + 1) * d])
            let items = TinyModel.itemScene.indices.filter { TinyModel.itemScene[$0] == Int32(target) }
            let scores = model.scores(interest: f, items: items).map(Double.init)
            let top = scores.max()!
            let logSumExp = top + Foundation.log(scores.map { Foundation.exp($0 - top) }.reduce(0, +))
            total += logSumExp - scores[items.firstIndex(of: positives[b])!]
        }
        return total
    }

    @Test(arguments: [
        ([1, 0, 2], [3, 0, 7]),  // one row per scene
        ([1, 0, 1], [3, 0, 5]),  // two rows share scene 1, scene 2 has none
        ([2, 2, 2], [6, 8, 6]),  // every row in one scene (no regrouping)
    ])
    func lossIsTheNegativeLogLikelihoodOverTheTargetScenesItems(targets: [Int], positives: [Int]) {
        var h = TinyModel.hyperparameters(iterations: 3, beta: 0.3)
        h.objective = .softmax
        h.l2 = 0
        let model = TinyModel.model(h)
        let batch = TinyModel.batch()
        let tape = Tape(reading: model.weights, recording: false)
        let loss = model.softmaxLoss(batch, targets: targets, positives: positives, normalizer: 4, on: tape).value.scalar
        let interests = model.forward(batch, on: tape).targetInterests(targets, on: tape).value
        let expected = expectedLoss(model, interests, targets: targets, positives: positives) / 4
        #expect(expected > 0.5)
        #expect(abs(Double(loss) - expected) < 1e-5, "loss \(loss), expected \(expected)")
    }
}
