import Autograd

extension Tape {
    /// Weighted sums of consecutive groups of rows: output row i = Σ weights[k]·rows[k] over the
    /// `lengths[i]` rows of group i (groups follow each other). An empty group gives a zero row.
    /// The sentiment layer is this with weights `y_j / n`.
    func groupedWeightedSum(_ rows: Variable, weights: [Float], lengths: [Int]) -> Variable {
        let c = rows.value.columns
        let total = rows.value.rows
        precondition(weights.count == total && lengths.reduce(0, +) == total)
        var out = [Float](repeating: 0, count: lengths.count * c)
        rows.value.scalars.withUnsafeBufferPointer { x in
            var k = 0
            for (i, n) in lengths.enumerated() {
                for _ in 0..<n {
                    let w = weights[k]
                    if w != 0 { for j in 0..<c { out[i * c + j] += w * x[k * c + j] } }
                    k += 1
                }
            }
        }
        return record(Tensor(shape: [lengths.count, c], scalars: out), inputs: [rows]) { g, sink in
            var dx = [Float](repeating: 0, count: total * c)
            g.scalars.withUnsafeBufferPointer { g in
                var k = 0
                for (i, n) in lengths.enumerated() {
                    for _ in 0..<n {
                        let w = weights[k]
                        if w != 0 { for j in 0..<c { dx[k * c + j] = w * g[i * c + j] } }
                        k += 1
                    }
                }
            }
            sink.accumulate(Tensor(shape: rows.shape, scalars: dx), into: rows)
        }
    }
}
