import Autograd

extension Tape {
    /// Weighted sums of consecutive groups of rows: output row i = Σ weights[k]·rows[k] over the
    /// `lengths[i]` rows of group i (groups follow each other). An empty group gives a zero row.
    /// The sentiment layer is this with weights `y_j / n`.
    func groupedWeightedSum(_ rows: Variable, weights: [Float], lengths: [Int]) -> Variable {
        let c = rows.value.columns
        let total = rows.value.rows
        precondition(weights.count == total && lengths.reduce(0, +) == total)
        precondition(lengths.allSatisfy { $0 >= 0 })
        // The sizes are checked here once; the loops run in Autograd's kernels.
        var out = [Float](repeating: 0, count: lengths.count * c)
        rows.value.scalars.withUnsafeBufferPointer { x in
            weights.withUnsafeBufferPointer { w in
                out.withUnsafeMutableBufferPointer { out in
                    guard let x = x.baseAddress, let w = w.baseAddress, let out = out.baseAddress else { return }
                    GroupedSumKernels.forward(x, weights: w, lengths: lengths, columns: c, into: out)
                }
            }
        }
        return record(Tensor(shape: [lengths.count, c], scalars: out), inputs: [rows]) { g, sink in
            var dx = [Float](repeating: 0, count: total * c)
            precondition(g.count == lengths.count * c)
            g.scalars.withUnsafeBufferPointer { g in
                weights.withUnsafeBufferPointer { w in
                    dx.withUnsafeMutableBufferPointer { dx in
                        guard let g = g.baseAddress, let w = w.baseAddress, let dx = dx.baseAddress else { return }
                        GroupedSumKernels.backward(g, weights: w, lengths: lengths, columns: c, into: dx)
                    }
                }
            }
            sink.accumulate(Tensor(shape: rows.shape, scalars: dx), into: rows)
        }
    }
}
