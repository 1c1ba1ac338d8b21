import Autograd

/// Section 1 of MODEL-SPEC: the three interest layers and the scene interest `z_{u,s}` for every
/// (context, scene) sequence of a batch at once.
extension TransferModel {
    struct EncodedInterests {
        let topic: Variable, content: Variable, sentiment: Variable, interests: Variable
        /// v2's item path `m` (nil in v1).
        let itemPath: Variable?
        /// v3's topic path `q = p · T_src` (nil before v3).
        let topicPath: Variable?
    }

    func encodeInterests(_ batch: ContextBatch, on tape: Tape) -> EncodedInterests {
        let p = parameters
        let n = batch.count * batch.sceneCount
        let layout = SequenceLayout(lengths: batch.lengths)
        // Tokens: x_j = E_item[v_j] + E_sent[y_j].
        let itemRows = tape.embedding(p.itemEmbedding, batch.items)
        let sentimentRows = tape.embedding(p.sentimentEmbedding, batch.feedback.map { Int($0) + 1 })
        let tokens = tape.add(itemRows, sentimentRows)
        let content = tape.gruLastStates(
            tokens: tokens, layout: layout, inputWeight: tape.parameter(p.gruInputWeight),
            hiddenWeight: tape.parameter(p.gruHiddenWeight), bias: tape.parameter(p.gruBias))
        // Topic layer: shares of the y ≥ 0 events per topic, times E_topic.
        let topics = p.topicCount
        var shares = [Float](repeating: 0, count: n * topics)
        // Sentiment layer weights: y_j / n; item path weights: 1 / n⁺ on the y ≥ 0 events.
        var sentimentWeights = [Float](repeating: 0, count: batch.items.count)
        var itemPathWeights = [Float](repeating: 0, count: p.itemSourceEmbedding == nil ? 0 : batch.items.count)
        var k = 0
        for sequence in 0..<n {
            let length = batch.lengths[sequence]
            var nonNegative = 0
            for j in k..<(k + length) where batch.feedback[j] >= 0 { nonNegative += 1 }
            for j in k..<(k + length) {
                sentimentWeights[j] = Float(batch.feedback[j]) / Float(length)
                if batch.feedback[j] >= 0 {
                    shares[sequence * topics + Int(itemTopic[batch.items[j]])] += 1 / Float(nonNegative)
                    if !itemPathWeights.isEmpty { itemPathWeights[j] = 1 / Float(nonNegative) }
                }
            }
            k += length
        }
        let topicShares = tape.constant(Tensor(shape: [n, topics], scalars: shares))
        let topic = tape.matmul(topicShares, tape.parameter(p.topicEmbedding))
        let sentiment = tape.groupedWeightedSum(itemRows, weights: sentimentWeights, lengths: batch.lengths)
        // z = tanh(W_dec [t; c; e] + b_dec), zero for a scene without history.
        let decoded = tape.add(
            tape.matmul(tape.concat([topic, content, sentiment]), tape.parameter(p.decoderWeight), transposeB: true),
            tape.parameter(p.decoderBias))
        var mask = [Float](repeating: 0, count: n)
        for sequence in 0..<n where batch.lengths[sequence] > 0 { mask[sequence] = 1 }
        let interests = tape.multiply(tape.tanh(decoded), tape.constant(Tensor(shape: [n, 1], scalars: mask)))
        // Item path (v2): m = mean of E_src over the y ≥ 0 events; zero where there are none.
        let itemPath = p.itemSourceEmbedding.map { table in
            tape.groupedWeightedSum(tape.embedding(table, batch.items), weights: itemPathWeights, lengths: batch.lengths)
        }
        // Topic path (v3): q = p · T_src, the topic shares' source vectors, linear like the item path.
        let topicPath = p.topicSourceEmbedding.map { tape.matmul(topicShares, tape.parameter($0)) }
        return EncodedInterests(topic: topic, content: content, sentiment: sentiment, interests: interests,
                                itemPath: itemPath, topicPath: topicPath)
    }
}
