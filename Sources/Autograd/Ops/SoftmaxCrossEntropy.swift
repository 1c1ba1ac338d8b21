import Foundation

extension Tape {
    /// `Σ_i −log softmax(x_i)[targets[i]]`, the softmax of each row restricted to the entries
    /// where `mask` is nonzero (a scalar). Fused so that the log never sees an underflowed
    /// probability: the forward pass uses log-sum-exp, and the backward pass is `p − onehot` on
    /// the unmasked entries (masked entries get no gradient). Every target must be unmasked.
    public func softmaxCrossEntropy(_ x: Variable, mask: Tensor, targets: [Int]) -> Variable {
        precondition(mask.shape == x.shape, "softmax cross-entropy mask \(mask.shape) for \(x.shape)")
        let r = x.value.rows, c = x.value.columns
        precondition(targets.count == r, "one target per row")
        var probabilities = [Float](repeating: 0, count: r * c)
        var total: Double = 0
        x.value.scalars.withUnsafeBufferPointer { x in
            mask.scalars.withUnsafeBufferPointer { m in
                for i in 0..<r {
                    let base = i * c
                    precondition(m[base + targets[i]] != 0, "row \(i): the target is masked")
                    var top = -Float.infinity
                    for j in 0..<c where m[base + j] != 0 { top = max(top, x[base + j]) }
                    var sum: Float = 0
                    for j in 0..<c where m[base + j] != 0 {
                        let e = Foundation.exp(x[base + j] - top)
                        probabilities[base + j] = e
                        sum += e
                    }
                    for j in 0..<c { probabilities[base + j] /= sum }
                    // −log p_target = log Σ exp(x − top) − (x_target − top)
                    total += Double(Foundation.log(sum) - (x[base + targets[i]] - top))
                }
            }
        }
        return record(Tensor(shape: [], scalars: [Float(total)]), inputs: [x]) { g, sink in
            let scale = g.scalar
            var gx = probabilities
            for i in 0..<r { gx[i * c + targets[i]] -= 1 }
            for k in gx.indices { gx[k] *= scale }
            sink.accumulate(Tensor(shape: x.shape, scalars: gx), into: x)
        }
    }
}
