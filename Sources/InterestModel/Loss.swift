import Autograd

/// The training objectives: BPR against sampled negatives of the target scene (v1) or a softmax
/// over every item of the target scene (v2), plus L2 on the item rows the scores use.
extension TransferModel {
    /// The batch loss of the model's objective, divided by the batch's pair count (BPR) or its
    /// example count (softmax), whichever `batchExamples` (the full batch, not this part) gives.
    func trainingLoss(_ batch: ContextBatch, targets: [Int], positives: [Int], negatives: [Int],
                      batchExamples: Int, on tape: Tape) -> Variable {
        switch hyperparameters.objective {
        case .bpr:
            let perPositive = negatives.count / max(batch.count, 1)
            return bprLoss(batch, targets: targets, positives: positives, negatives: negatives,
                           normalizer: Float(batchExamples * perPositive), on: tape)
        case .softmax:
            return softmaxLoss(batch, targets: targets, positives: positives, normalizer: Float(batchExamples), on: tape)
        }
    }

    /// `Σ_b −log softmax_{v ∈ items of t_b}(score(u_b, t_b, v))[pos_b] + λ Σ (‖E_item[pos]‖² + b[pos]²)`
    /// (+ the `E_src` rows read), divided by `normalizer`. Every item of the target scene is a
    /// negative, so no sampling noise. The rows of the batch are grouped by target scene and each
    /// group is scored against its scene's items only (`n_s × V_s` logits): the same loss as one
    /// masked `count × V` product, at about 1/S of its cost.
    func softmaxLoss(_ batch: ContextBatch, targets: [Int], positives: [Int], normalizer: Float, on tape: Tape) -> Variable {
        let count = batch.count
        precondition(targets.count == count && positives.count == count)
        let pass = forward(batch, on: tape)
        let interests = pass.targetInterests(targets, on: tape)
        let table = tape.parameter(parameters.itemEmbedding), bias = tape.parameter(parameters.itemBias)
        var rowsOfScene = Array(repeating: [Int](), count: sceneCount)
        for b in 0..<count {
            precondition(itemScene[positives[b]] == Int32(targets[b]), "row \(b): the positive is not an item of the target scene")
            rowsOfScene[targets[b]].append(b)
        }
        var total: Variable?
        for (scene, rows) in rowsOfScene.enumerated() where !rows.isEmpty {
            let items = sceneItems.items[scene]
            let sceneInterests = rows.count == count ? interests : tape.gatherRows(interests, rows)
            let vectors = parameters.itemTopicEmbedding.map { topicTable in
                tape.add(tape.gatherRows(table, items), tape.embedding(topicTable, items.map { Int(itemTopic[$0]) }))
            } ?? tape.gatherRows(table, items)
            let logits = tape.add(tape.matmul(sceneInterests, vectors, transposeB: true),
                                  tape.reshape(tape.gatherRows(bias, items), to: [1, items.count]))
            let loss = tape.softmaxCrossEntropy(logits, targets: rows.map { sceneItems.position[positives[$0]] })
            total = total.map { tape.add($0, loss) } ?? loss
        }
        let regularized = tape.add(total ?? tape.constant(Tensor(scalar: 0)), regularization(batch, items: positives, on: tape))
        return tape.scale(regularized, by: 1 / normalizer)
    }

    /// `λ Σ (‖E_item[v]‖² + b[v]²)` over `items` (with repeats), plus `λ Σ ‖E_src[j]‖²` over the
    /// `y ≥ 0` history events the item path read; nil-free: a zero constant when λ = 0.
    func regularization(_ batch: ContextBatch, items: [Int], on tape: Tape) -> Variable {
        let l2 = hyperparameters.l2
        guard l2 > 0 else { return tape.constant(Tensor(scalar: 0)) }
        var penalty = tape.add(tape.sumOfSquares(tape.embedding(parameters.itemEmbedding, items)),
                               tape.sumOfSquares(tape.embedding(parameters.itemBias, items)))
        let read = zip(batch.items, batch.feedback).compactMap { $0.1 >= 0 ? $0.0 : nil }
        if let table = parameters.itemSourceEmbedding, !read.isEmpty {
            penalty = tape.add(penalty, tape.sumOfSquares(tape.embedding(table, read)))
        }
        // v3: the topic rows the scores and the topic path used, by the same rule as the item rows.
        if let itemTopics = parameters.itemTopicEmbedding, let sources = parameters.topicSourceEmbedding {
            penalty = tape.add(penalty, tape.sumOfSquares(tape.embedding(itemTopics, items.map { Int(itemTopic[$0]) })))
            if !read.isEmpty { penalty = tape.add(penalty, tape.sumOfSquares(tape.embedding(sources, read.map { Int(itemTopic[$0]) }))) }
        }
        return tape.scale(penalty, by: l2)
    }

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
        let total = hyperparameters.l2 > 0 ? tape.add(ranking, regularization(batch, items: positives + negatives, on: tape)) : ranking
        return tape.scale(total, by: 1 / normalizer)
    }
}
