import Autograd
import InterestData
import Randomness

/// Collective BPR-MF: one vector per user shared by all scenes, one per item, an item bias;
/// `score(u, v) = p_u · q_v + b_v`. Trained with the model's BPR objective, negatives, batches,
/// Adam and early stopping, on the same training examples. A value: `trained` returns the
/// trained baseline.
public struct CollectiveMF: CaseScorer, Sendable {
    public let userEmbedding: Parameter
    public let itemEmbedding: Parameter
    public let itemBias: Parameter
    public let hyperparameters: Hyperparameters
    /// The values of the three parameters.
    public private(set) var weights: Weights

    public init(dataset: Dataset, hyperparameters h: Hyperparameters) {
        hyperparameters = h
        var random = SeededRandom(seed: h.seed &+ 17)
        var weights = Weights()
        userEmbedding = weights.declare("mf.user", .normal([dataset.userCount, h.dimension], standardDeviation: h.embeddingStandardDeviation, using: &random))
        itemEmbedding = weights.declare("mf.item", .normal([dataset.itemCount, h.dimension], standardDeviation: h.embeddingStandardDeviation, using: &random))
        itemBias = weights.declare("mf.bias", Tensor(zeros: [dataset.itemCount, 1]))
        self.weights = weights
    }

    /// The same baseline with other values of its parameters.
    func withWeights(_ weights: Weights) -> CollectiveMF {
        var copy = self
        copy.weights = weights
        return copy
    }

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

    /// Trains with early stopping on validation NDCG@10 (the model's loop), stopping between
    /// steps once `cancelled()`; returns the baseline with its best weights.
    public func trained(dataset: Dataset, split: Split, examples: TrainingExamples, cancelled: () -> Bool = { false },
                        observer: (TrainingEvent) -> Void = { _ in }) -> (CollectiveMF, TrainingSummary) {
        let h = hyperparameters
        let loop = EpochLoop(dataset: dataset, split: split, examples: examples, hyperparameters: h,
                             seed: h.seed &+ 0x5F5F, lossName: "the BPR-MF loss")
        var state = loop.start(weights: weights)
        let summary = loop.run(&state, cancelled: cancelled, observer: observer, scorer: withWeights) { plan, weights, optimizer in
            let (value, gradients): (Float, Gradients) = {
                let tape = Tape(reading: weights)
                let loss = self.loss(users: plan.examples.map { Int(examples.users[$0]) }, positives: plan.examples.map { Int(examples.items[$0]) },
                                     negatives: plan.negatives, normalizer: Float(plan.negatives.count), on: tape)
                let value = loss.value.scalar
                return (value, value.isFinite ? tape.backward(from: loss) : Gradients())
            }()
            if value.isFinite { Adam(learningRate: h.learningRate).step(&weights, gradients, &optimizer) }
            return value
        }
        return (withWeights(state.keptWeights), summary)
    }

    public func scores(for cases: ArraySlice<EvaluationCase>, in dataset: Dataset) -> [[Float]] {
        let d = hyperparameters.dimension
        let users = weights[userEmbedding].scalars, items = weights[itemEmbedding].scalars, bias = weights[itemBias].scalars
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
