import Autograd
import InterestData
import Randomness

/// One training batch with every input its loss reads, the loss, and every parameter's gradient,
/// computed through the trainer's own `BatchPlan` and `trainingLoss`. It exists so that another
/// implementation of the model (`torch/mist_torch/parity.py`) can check its gradients against
/// this one from the same weights and the same batch.
public struct BatchDump: Sendable {
    public let sceneCount: Int
    /// Index of each example among the split's training examples (user by user, chronological).
    public let examples: [Int]
    /// Per example: user, target scene, positive item, whether the target history was hidden.
    public let users: [Int], targets: [Int], positives: [Int]
    public let hidden: [Bool]
    /// `negativesPerPositive` items per example, example after example (BPR; drawn for softmax too).
    public let negatives: [Int]
    public let negativesPerPositive: Int
    /// The contexts as the interest layers read them: sequence `b·S + s` has `lengths[b·S + s]`
    /// tokens (the last L, oldest first), stored one after another in `items` and `feedback`.
    public let items: [Int], feedback: [Int8], lengths: [Int]
    /// The batch loss (the mean the trainer minimises).
    public let loss: Float
    /// Dense gradient of every parameter, by checkpoint name, in `ModelParameters.storedShape` order.
    public let gradients: [String: [Float]]

    /// The first batch of an epoch shuffled with `seed` (as the trainer shuffles), its dropout and
    /// negatives drawn from the same generator, the loss and gradients computed on `threads` tapes.
    public init(model: TransferModel, dataset: Dataset, split: Split, batchSize: Int, seed: UInt64, threads: Int = 1) {
        let h = model.hyperparameters
        let examples = TrainingExamples(dataset: dataset, isTrain: split.roles.map { $0 == .train })
        precondition(examples.count > 0, "the split has no training examples")
        var random = SeededRandom(seed: seed)
        var order = Array(0..<examples.count)
        random.shuffle(&order)
        let chosen = Array(order.prefix(max(1, batchSize)))
        let plan = BatchPlan(examples: chosen, of: examples, dataset: dataset, hyperparameters: h, random: &random)
        let (loss, gradients) = plan.lossAndGradients(model: model, examples: examples, threads: threads)
        var batch = ContextBatch(sceneCount: examples.sceneCount, historyLength: h.historyLength)
        for (k, e) in chosen.enumerated() { examples.appendContext(of: e, to: &batch, hideTarget: plan.hidden[k]) }
        sceneCount = examples.sceneCount
        self.examples = chosen
        users = chosen.map { Int(examples.users[$0]) }
        targets = chosen.map { Int(examples.scenes[$0]) }
        positives = chosen.map { Int(examples.items[$0]) }
        hidden = plan.hidden
        negatives = plan.negatives
        negativesPerPositive = plan.negativesPerPositive
        items = batch.items
        feedback = batch.feedback
        lengths = batch.lengths
        self.loss = loss
        var dense: [String: [Float]] = [:]
        for parameter in model.parameters.all {
            dense[parameter.name] = gradients.dense(parameter)?.scalars ?? [Float](repeating: 0, count: parameter.count)
        }
        self.gradients = dense
    }
}
