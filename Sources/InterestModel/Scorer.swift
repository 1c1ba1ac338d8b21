import Autograd

/// Section 4 of MODEL-SPEC: `score(u, t, v) = f_{u,t} · E_item[v] + b[v]`.
extension TransferModel {
    /// Scores of one item per context (`count`), differentiable: `interests` is `count×d`.
    func score(_ interests: Variable, items: [Int], on tape: Tape) -> Variable {
        let rows = tape.embedding(parameters.itemEmbedding, items)
        let dots = tape.sum(tape.multiply(interests, rows), axis: 1)
        return tape.add(dots, tape.reshape(tape.embedding(parameters.itemBias, items), to: [items.count]))
    }

    /// Scores of every candidate for one target interest `f` (length d), no tape: the ranking path.
    public func scores(interest f: [Float], items: [Int]) -> [Float] {
        let d = dimension
        precondition(f.count == d)
        let table = parameters.value(parameters.itemEmbedding).scalars
        let bias = parameters.value(parameters.itemBias).scalars
        return items.map { v in
            var total = bias[v]
            for j in 0..<d { total += f[j] * table[v * d + j] }
            return total
        }
    }
}
