import Autograd

/// Sections 2–3 of MODEL-SPEC put together: interests → attention → `K` graph iterations.
extension TransferModel {
    /// The forward pass over a batch of contexts. With a non-recording tape this is inference;
    /// explanations read the same values. `transfer` overrides the model's own mode (the
    /// hidden-target and ablation views use it).
    public func forward(_ batch: ContextBatch, on tape: Tape, transfer: TransferMode? = nil) -> ForwardPass {
        precondition(batch.sceneCount == sceneCount && batch.historyLength == hyperparameters.historyLength)
        let s = sceneCount
        let n = batch.count * s
        let encoded = encodeInterests(batch, on: tape)
        let active = (0..<n).map { batch.lengths[$0] > 0 }
        let (heads, alpha) = attention(interests: encoded.interests, active: active, count: batch.count,
                                       transfer: transfer ?? hyperparameters.transfer, on: tape)
        // Z⁰ = W_v z; Z^{k+1} = (1−β) α Z^k + β Z⁰, one batched S×S product per iteration.
        let beta = hyperparameters.beta
        let d = dimension
        let initial = initialStates(encoded, batch: batch, on: tape)
        let weights = tape.reshape(tape.scale(alpha, by: 1 - beta), to: [batch.count, s, s])
        let kept = tape.scale(initial, by: beta)
        var states = [initial]
        for _ in 0..<hyperparameters.iterations {
            let moved = tape.matmul(weights, tape.reshape(states.last!, to: [batch.count, s, d]))
            states.append(tape.add(tape.reshape(moved, to: [n, d]), kept))
        }
        return ForwardPass(
            count: batch.count, sceneCount: s, topicLayer: encoded.topic, contentLayer: encoded.content,
            sentimentLayer: encoded.sentiment, interests: encoded.interests, itemPath: encoded.itemPath, headAttention: heads,
            attention: alpha, states: states, active: active)
    }
}

extension TransferModel {
    /// `Z⁰`: `W_v z` (v1), plus the item path `m` (v2), or `m` alone (v2 without its interest path),
    /// plus the topic path `q` (v3).
    func initialStates(_ encoded: EncodedInterests, batch: ContextBatch, on tape: Tape) -> Variable {
        let interestPart = tape.matmul(encoded.interests, tape.parameter(parameters.valueWeight), transposeB: true)
        var initial = interestPart
        if let items = encoded.itemPath { initial = hyperparameters.interestPath ? tape.add(interestPart, items) : items }
        if let topics = encoded.topicPath { initial = tape.add(initial, topics) }
        return initial
    }
}
