import Autograd

/// Section 4 of MODEL-SPEC: `score(u, t, v) = f_{u,t} · E_item[v] + b[v]`. With v3's topic path an
/// item's vector is `E_item[v] + E_ctopic[topic(v)]` wherever it is scored (`itemVectors`).
extension TransferModel {
    /// Scores of one item per context (`count`), differentiable: `interests` is `count×d`.
    func score(_ interests: Variable, items: [Int], on tape: Tape) -> Variable {
        let rows = itemVectors(items, on: tape)
        let dots = tape.sum(tape.multiply(interests, rows), axis: 1)
        return tape.add(dots, tape.reshape(tape.embedding(parameters.itemBias, items), to: [items.count]))
    }

    /// The scoring vectors of `items` (`items.count × d`), differentiable.
    func itemVectors(_ items: [Int], on tape: Tape) -> Variable {
        let rows = tape.embedding(parameters.itemEmbedding, items)
        guard let topicTable = parameters.itemTopicEmbedding else { return rows }
        return tape.add(rows, tape.embedding(topicTable, items.map { Int(itemTopic[$0]) }))
    }

    /// Every item's scoring vector, row-major `V×d`, no tape: `E_item` itself before v3.
    public func itemVectorTable() -> [Float] {
        let table = parameters.value(parameters.itemEmbedding).scalars
        guard let topicParameter = parameters.itemTopicEmbedding else { return table }
        let topics = parameters.value(topicParameter).scalars
        let d = dimension
        var out = table
        for v in 0..<parameters.itemCount {
            let c = Int(itemTopic[v])
            for j in 0..<d { out[v * d + j] = table[v * d + j] + topics[c * d + j] }
        }
        return out
    }

    /// Scores of every candidate for one target interest `f` (length d), no tape: the ranking path.
    public func scores(interest f: [Float], items: [Int]) -> [Float] {
        scores(interest: f, items: items, vectors: itemVectorTable())
    }

    /// The same with the item vectors already at hand (`itemVectorTable()`), for many interests.
    public func scores(interest f: [Float], items: [Int], vectors table: [Float]) -> [Float] {
        let d = dimension
        precondition(f.count == d)
        let bias = parameters.value(parameters.itemBias).scalars
        return items.map { v in
            var total = bias[v]
            for j in 0..<d { total += f[j] * table[v * d + j] }
            return total
        }
    }
}
