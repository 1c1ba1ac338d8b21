import Autograd
import Foundation

/// Section 2 of MODEL-SPEC: for every context, an `S×S` attention matrix (rows = target scene,
/// columns = source scene) over the active scenes.
extension TransferModel {
    /// Per-head attention (`N×S` each) and their mean; for the ablations, the fixed matrix alone.
    func attention(interests: Variable, active: [Bool], count: Int, transfer: TransferMode, on tape: Tape)
        -> (heads: [Variable], mean: Variable)
    {
        attention(interests: interests, queries: nil, active: active, count: count, transfer: transfer, on: tape)
    }

    /// The hidden-target rows of every context at once: row b·S + t is the attention target t
    /// would get if context b had no history in t (its interests zero, the scene inactive), which
    /// is the same row a whole context with scene t emptied gives, but computed without building
    /// S such contexts: only row t of each is ever read, and its keys are the context's own.
    func hiddenTargetAttention(interests: Variable, active: [Bool], count: Int, transfer: TransferMode, on tape: Tape) -> Variable {
        let empty = tape.constant(Tensor(shape: interests.value.shape, scalars: [Float](repeating: 0, count: interests.value.count)))
        return attention(interests: interests, queries: empty, active: active, count: count, transfer: transfer, on: tape).mean
    }

    /// `queries`: the interests the queries are made from, when not `interests` themselves (the
    /// hidden-target rows); then each row's own scene is masked out of its keys as well.
    private func attention(interests: Variable, queries queryInterests: Variable?, active: [Bool], count: Int,
                           transfer: TransferMode, on tape: Tape) -> (heads: [Variable], mean: Variable)
    {
        let s = sceneCount
        let n = count * s
        let hidesTarget = queryInterests != nil
        // Key mask, row b·S + t, column s: 1 when context b is active in s (and s ≠ t when the
        // target is hidden).
        var mask = [Float](repeating: 0, count: n * s)
        for b in 0..<count {
            for t in 0..<s {
                for source in 0..<s where active[b * s + source] && !(hidesTarget && source == t) { mask[(b * s + t) * s + source] = 1 }
            }
        }
        switch transfer {
        case .mean:
            var alpha = mask
            for row in 0..<n {
                let total = (0..<s).reduce(Float(0)) { $0 + mask[row * s + $1] }
                if total > 0 { for c in 0..<s { alpha[row * s + c] /= total } }
            }
            return ([], tape.constant(Tensor(shape: [n, s], scalars: alpha)))
        case .own:
            var alpha = [Float](repeating: 0, count: n * s)
            for b in 0..<count { for t in 0..<s where active[b * s + t] && !hidesTarget { alpha[(b * s + t) * s + t] = 1 } }
            return ([], tape.constant(Tensor(shape: [n, s], scalars: alpha)))
        case .attention:
            break
        }
        let p = parameters
        let h = hyperparameters
        let dh = h.headDimension
        let sceneRows = (0..<n).map { $0 % s }
        // Query and key inputs: z_{u,s} + E_scene[s] (the queries' z from `queryInterests` when given).
        let keyed = tape.add(interests, tape.embedding(p.sceneEmbedding, sceneRows))
        let queried = queryInterests.map { tape.add($0, tape.embedding(p.sceneEmbedding, sceneRows)) } ?? keyed
        let maskTensor = Tensor(shape: [n, s], scalars: mask)
        var heads: [Variable] = []
        for head in 0..<h.heads {
            let queries = tape.matmul(queried, tape.parameter(p.queryWeights[head]), transposeB: true)  // N×d_h
            let keys = tape.matmul(keyed, tape.parameter(p.keyWeights[head]), transposeB: true)       // N×d_h
            let scores: Variable
            switch h.attention {
            case .dot:
                let q = tape.reshape(queries, to: [count, s, dh])
                let k = tape.reshape(keys, to: [count, s, dh])
                let products = tape.matmul(q, k, transposeB: true)  // count×S×S
                scores = tape.scale(tape.reshape(products, to: [n, s]), by: 1 / Float(dh).squareRoot())
            case .additive:
                // Every (target, source) pair of a context: rows b·S·S + t·S + s.
                var queryRows = [Int](), keyRows = [Int]()
                queryRows.reserveCapacity(n * s)
                keyRows.reserveCapacity(n * s)
                for b in 0..<count {
                    for t in 0..<s { for source in 0..<s { queryRows.append(b * s + t); keyRows.append(b * s + source) } }
                }
                let pairs = tape.tanh(tape.add(tape.gatherRows(queries, queryRows), tape.gatherRows(keys, keyRows)))
                let weighted = tape.multiply(pairs, tape.parameter(p.additiveWeights[head]))
                scores = tape.reshape(tape.sum(weighted, axis: 1), to: [n, s])
            }
            heads.append(tape.softmax(scores, mask: maskTensor))
        }
        var mean = heads[0]
        for head in heads.dropFirst() { mean = tape.add(mean, head) }
        if heads.count > 1 { mean = tape.scale(mean, by: 1 / Float(heads.count)) }
        return (heads, mean)
    }
}
