import Autograd
import Testing
@testable import InterestModel

/// The whole model's gradients (interest layers, GRU, attention, transfer, scores, BPR + L2)
/// against central finite differences.
struct GradientTests {
    /// The model's own objective (BPR for v1, the softmax for v2) on a fixed batch.
    func loss(_ model: TransferModel, _ batch: ContextBatch, tape: Tape) -> Variable {
        model.trainingLoss(batch, targets: [1, 0, 2], positives: [3, 0, 7], negatives: [5, 4, 1, 2, 8, 6],
                           batchExamples: 3, on: tape)
    }

    func check(_ h: Hyperparameters, prepare: (inout TransferModel) -> Void = { _ in }) {
        var model = TinyModel.model(h)
        prepare(&model)
        let batch = TinyModel.batch()
        let tape = Tape(reading: model.weights)
        let gradients = tape.backward(from: loss(model, batch, tape: tape))
        var checked = 0
        for parameter in model.parameters.all {
            let analytic = gradients.dense(parameter) ?? Tensor(zeros: parameter.shape)
            // Every entry of small parameters, a spread of entries of the larger ones.
            let stride = max(1, parameter.count / 12)
            for index in Swift.stride(from: 0, to: parameter.count, by: stride) {
                let original = model.weights[parameter].scalars[index]
                let epsilon: Float = 1e-2
                func loss(at value: Float) -> Double {
                    var weights = model.weights
                    weights.withUnsafeMutableBufferPointer(of: parameter) { $0[index] = value }
                    let moved = model.withWeights(weights)
                    return Double(self.loss(moved, batch, tape: Tape(reading: weights, recording: false)).value.scalar)
                }
                let plus = loss(at: original + epsilon)
                let minus = loss(at: original - epsilon)
                let numeric = (plus - minus) / (2 * Double(epsilon))
                let exact = Double(analytic.scalars[index])
                #expect(abs(numeric - exact) <= 2e-3 + 2e-2 * abs(exact),
                        "\(parameter.name)[\(index)]: analytic \(exact), numeric \(numeric)")
                checked += 1
            }
        }
        #expect(checked > 100)
    }

    @Test func dotAttentionModel() { check(TinyModel.hyperparameters(attention: .dot)) }
    @Test func additiveAttentionModel() { check(TinyModel.hyperparameters(attention: .additive, iterations: 3, beta: 0.3)) }
    @Test func meanTransferModel() { check(TinyModel.hyperparameters(transfer: .mean)) }
    @Test func softmaxObjective() {
        var h = TinyModel.hyperparameters(iterations: 3, beta: 0.3)
        h.objective = .softmax
        check(h)
    }

    @Test func everyParameterReceivesGradient() {
        let model = TinyModel.model(TinyModel.hyperparameters(attention: .additive))
        let tape = Tape(reading: model.weights)
        let gradients = tape.backward(from: loss(model, TinyModel.batch(), tape: tape))
        for parameter in model.parameters.all {
            let g = gradients.dense(parameter)
            #expect(g != nil && g!.scalars.contains { $0 != 0 }, "\(parameter.name) got no gradient")
        }
    }
}
