import Autograd
import InterestData
import Randomness

/// Collective BPR-MF: one vector per user shared by all scenes, one per item, an item bias;
/// `score(u, v) = p_u · q_v + b_v`. Trained with the model's BPR objective, negatives, batches,
/// Adam and early stopping, on the same training examples.
public final class CollectiveMF: CaseScorer, @unchecked Sendable {
    // Sendable: parameters are only written by `train`, never while scoring.
    public let userEmbedding: Parameter
    public let itemEmbedding: Parameter
    public let itemBias: Parameter
    public let hyperparameters: Hyperparameters

    public init(dataset: Dataset, hyperparameters h: Hyperparameters) {
        hyperparameters = h
        var random = SeededRandom(seed: h.seed &+ 17)
        userEmbedding = Parameter(name: "mf.user", value: .normal([dataset.userCount, h.dimension], standardDeviation: h.embeddingStandardDeviation, using: &random))
        itemEmbedding = Parameter(name: "mf.item", value: .normal([dataset.itemCount, h.dimension], standardDeviation: h.embeddingStandardDeviation, using: &random))
        itemBias = Parameter(name: "mf.bias", value: Tensor(zeros: [dataset.itemCount, 1]))
    }

    var all: [Parameter] { [userEmbedding, itemEmbedding, itemBias] }

    func loss(users: [Int], positives: [Int], negatives: [Int], normalizer: Float, on tape: Tape) -> Variable {
        let perPositive = negatives.count / max(users.count, 1)
        let pairUsers = users.flatMap { Array(repeating: $0, count: perPositive) }
        let pairPositives = positives.flatMap { Array(repeating: $0, count: perPositive) }
        func score(_ items: [Int]) -> Variable {
            let dots = tape.sum(tape.multiply(tape.embedding(userEmbedding, pairUsers), tape.embedding(itemEmbedding, items)), axis: 1)
            return tape.add(dots, tape.reshape(tape.embedding(itemBias, items), to: [items.count]))
        }
        let margins = tape.subtract(score(pairPositives), score(negatives))
        var total = tape.scale(tape.sum(tape.logSigmoid(margins)), by: -1)
        if hyperparameters.l2 > 0 {
            let used = pairPositives + negatives
            let penalty = tape.add(tape.add(tape.sumOfSquares(tape.embedding(itemEmbedding, used)), tape.sumOfSquares(tape.embedding(itemBias, used))),
                                   tape.sumOfSquares(tape.embedding(userEmbedding, pairUsers)))
            total = tape.add(total, tape.scale(penalty, by: hyperparameters.l2))
        }
        return tape.scale(total, by: 1 / normalizer)
    }

    /// Trains with early stopping on validation NDCG@10 (the model's loop); keeps the best weights.
    @discardableResult
    public func train(dataset: Dataset, split: Split, examples: TrainingExamples, observer: (TrainingEvent) -> Void = { _ in }) -> TrainingSummary {
        train(dataset: dataset, split: split, examples: examples, stopWhen: { false }, observer: observer)
    }

    /// The same, stopping between steps once `cancelled()` (the best epoch so far is kept).
    public func train(dataset: Dataset, split: Split, examples: TrainingExamples, stopWhen cancelled: () -> Bool,
                      observer: (TrainingEvent) -> Void) -> TrainingSummary {
        let h = hyperparameters
        var adam = Adam(learningRate: h.learningRate)
        let loop = EpochLoop(dataset: dataset, split: split, examples: examples, hyperparameters: h,
                             seed: h.seed &+ 0x5F5F, lossName: "the BPR-MF loss")
        return loop.run(scorer: self, snapshot: { all.map(\.value) }, restore: { for (p, v) in zip(all, $0) { p.value = v } },
                        stopRequested: { _ in cancelled() }, observer: observer) { plan in
            let tape = Tape()
            let loss = self.loss(users: plan.examples.map { Int(examples.users[$0]) }, positives: plan.examples.map { Int(examples.items[$0]) },
                                 negatives: plan.negatives, normalizer: Float(plan.negatives.count), on: tape)
            if loss.value.scalar.isFinite { adam.step(tape.backward(from: loss)) }
            return loss.value.scalar
        }
    }

    public func scores(for cases: ArraySlice<EvaluationCase>, in dataset: Dataset) -> [[Float]] {
        let d = hyperparameters.dimension
        let users = userEmbedding.value.scalars, items = itemEmbedding.value.scalars, bias = itemBias.value.scalars
        return cases.map { case_ in
            let u = Int(case_.user)
            return dataset.itemsByScene[Int(case_.scene)].map { v in
                var total = bias[Int(v)]
                for j in 0..<d { total += users[u * d + j] * items[Int(v) * d + j] }
                return total
            }
        }
    }
}
