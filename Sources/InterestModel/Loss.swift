import Autograd

/// The training objective: BPR against sampled negatives of the target scene plus L2 on the
/// item rows the scores use.
extension TransferModel {
    /// `Σ_pairs −log σ(score(pos) − score(neg)) + λ Σ (‖E_item[v]‖² + b[v]²)` over the positive and
    /// negative items used, all divided by `normalizer` (the full batch's pair count, so that two
    /// half-batch tapes sum to the batch mean). `negatives` holds `negativesPerPositive` items per
    /// context, context after context.
    func bprLoss(_ batch: ContextBatch, targets: [Int], positives: [Int], negatives: [Int],
                 normalizer: Float, on tape: Tape) -> Variable {
        let count = batch.count
        let perPositive = negatives.count / max(count, 1)
        precondition(targets.count == count && positives.count == count && negatives.count == count * perPositive)
        let pass = forward(batch, on: tape)
        let interests = pass.targetInterests(targets, on: tape)
        var pairRows = [Int]()
        pairRows.reserveCapacity(negatives.count)
        for b in 0..<count { for _ in 0..<perPositive { pairRows.append(b) } }
        let positiveScores = score(interests, items: positives, on: tape)
        let negativeScores = score(tape.gatherRows(interests, pairRows), items: negatives, on: tape)
        let margins = tape.subtract(tape.gatherRows(tape.reshape(positiveScores, to: [count, 1]), pairRows), tape.reshape(negativeScores, to: [negatives.count, 1]))
        let ranking = tape.scale(tape.sum(tape.logSigmoid(margins)), by: -1)
        let used = positives + negatives
        let l2 = hyperparameters.l2
        var total = ranking
        if l2 > 0 {
            let penalty = tape.add(tape.sumOfSquares(tape.embedding(parameters.itemEmbedding, used)),
                                   tape.sumOfSquares(tape.embedding(parameters.itemBias, used)))
            total = tape.add(total, tape.scale(penalty, by: l2))
            // v2: the E_src rows the history read (its y ≥ 0 events), once per use like the rows above.
            if let table = parameters.itemSourceEmbedding {
                let read = zip(batch.items, batch.feedback).compactMap { $0.1 >= 0 ? $0.0 : nil }
                if !read.isEmpty { total = tape.add(total, tape.scale(tape.sumOfSquares(tape.embedding(table, read)), by: l2)) }
            }
        }
        return tape.scale(total, by: 1 / normalizer)
    }
}
