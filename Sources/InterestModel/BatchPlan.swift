import Autograd
import Dispatch
import InterestData
import Synchronization
import Randomness

/// One mini-batch with every random choice already made (scene dropout, negatives), so that the
/// result does not depend on how many threads share the work.
struct BatchPlan {
    let examples: [Int]
    let hidden: [Bool]
    /// `negativesPerPositive` items per example.
    let negatives: [Int]
    let negativesPerPositive: Int

    init(examples batch: [Int], of examples: TrainingExamples, dataset: Dataset, hyperparameters h: Hyperparameters,
         random: inout SeededRandom) {
        self.examples = batch
        negativesPerPositive = h.negatives
        var hidden = [Bool](), negatives = [Int]()
        hidden.reserveCapacity(batch.count)
        negatives.reserveCapacity(batch.count * h.negatives)
        for e in batch {
            hidden.append(random.nextFloat() < h.hideProbability)
            let pool = dataset.itemsByScene[Int(examples.scenes[e])]
            let positive = examples.items[e]
            for _ in 0..<h.negatives {
                // Uniform over the target scene's other items (the positive itself is redrawn).
                var v = pool[random.int(below: pool.count)]
                if pool.count > 1 { while v == positive { v = pool[random.int(below: pool.count)] } }
                negatives.append(Int(v))
            }
        }
        self.hidden = hidden
        self.negatives = negatives
    }

    /// The batch's mean loss and its gradients, the batch cut into `threads` parts that run on
    /// their own tapes at once; the parts' gradients are merged in a fixed order.
    func lossAndGradients(model: TransferModel, examples: TrainingExamples, threads: Int) -> (Float, Gradients) {
        let parts = max(1, min(threads, self.examples.count))
        let size = (self.examples.count + parts - 1) / parts
        let results = Mutex([(Float, Gradients)?](repeating: nil, count: parts))
        DispatchQueue.concurrentPerform(iterations: parts) { part in
            let range = (part * size)..<min((part + 1) * size, self.examples.count)
            // One thread per part: products inside a part stay on it unless it is the only part.
            let result = partLoss(range, model: model, examples: examples,
                                  gemmThreads: parts > 1 ? 1 : max(1, threads))
            results.withLock { $0[part] = result }
        }
        var loss: Float = 0
        var gradients = Gradients()
        for result in results.withLock({ $0 }) {
            guard let (partLoss, partGradients) = result else { continue }
            loss += partLoss
            gradients.add(partGradients)
        }
        return (loss, gradients)
    }

    func partLoss(_ range: Range<Int>, model: TransferModel, examples: TrainingExamples, gemmThreads: Int) -> (Float, Gradients) {
        guard !range.isEmpty else { return (0, Gradients()) }
        var batch = ContextBatch(sceneCount: examples.sceneCount, historyLength: model.hyperparameters.historyLength)
        var targets = [Int](), positives = [Int]()
        for k in range {
            let e = self.examples[k]
            examples.appendContext(of: e, to: &batch, hideTarget: hidden[k])
            targets.append(Int(examples.scenes[e]))
            positives.append(Int(examples.items[e]))
        }
        let negatives = Array(self.negatives[(range.lowerBound * negativesPerPositive)..<(range.upperBound * negativesPerPositive)])
        let tape = Tape(reading: model.weights, threads: gemmThreads)
        let loss = model.trainingLoss(batch, targets: targets, positives: positives, negatives: negatives,
                                      batchExamples: self.examples.count, on: tape)
        return (loss.value.scalar, tape.backward(from: loss))
    }
}
