import Foundation

extension Tape {
    /// `Σ_i −log softmax(x_i)[targets[i]]`, the softmax of each row restricted to the entries
    /// where `mask` is nonzero (a scalar; no mask: every entry). Fused so that the log never sees
    /// an underflowed probability: the forward pass uses log-sum-exp, and the backward pass is
    /// `p − onehot` on the unmasked entries (masked entries get no gradient). Every target must be
    /// unmasked.
    public func softmaxCrossEntropy(_ x: Variable, mask: Tensor? = nil, targets: [Int]) -> Variable {
        if let mask { precondition(mask.shape == x.shape, "softmax cross-entropy mask \(mask.shape) for \(x.shape)") }
        let r = x.value.rows, c = x.value.columns
        precondition(targets.count == r, "one target per row")
        precondition(targets.allSatisfy { (0..<c).contains($0) }, "targets must be columns of 0..<\(c)")
        var probabilities = [Float](repeating: 0, count: r * c)
        var total: Double = 0
        x.value.scalars.withUnsafeBufferPointer { x in
            probabilities.withUnsafeMutableBufferPointer { p in
                if let mask {
                    mask.scalars.withUnsafeBufferPointer { m in
                        for i in 0..<r {
                            precondition(m[i * c + targets[i]] != 0, "row \(i): the target is masked")
                            total += Self.softmaxRow(x, into: p, base: i * c, columns: c, target: targets[i]) { m[$0] != 0 }
                        }
                    }
                } else {
                    for i in 0..<r { total += Self.softmaxRow(x, into: p, base: i * c, columns: c, target: targets[i]) { _ in true } }
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

    /// One row: writes the softmax over the kept entries of `x[base ..< base + columns]` into `p`
    /// (0 elsewhere) and returns `−log p[target]`. Inlined so the unmasked case pays no test.
    @inline(__always)
    static func softmaxRow(_ x: UnsafeBufferPointer<Float>, into p: UnsafeMutableBufferPointer<Float>, base: Int,
                           columns c: Int, target: Int, kept: (Int) -> Bool) -> Double {
        var top = -Float.infinity
        for j in base..<(base + c) where kept(j) { top = max(top, x[j]) }
        var sum: Float = 0
        for j in base..<(base + c) where kept(j) {
            let e = Foundation.exp(x[j] - top)
            p[j] = e
            sum += e
        }
        for j in base..<(base + c) { p[j] /= sum }
        // −log p_target = log Σ exp(x − top) − (x_target − top)
        return Double(Foundation.log(sum) - (x[base + target] - top))
    }
}
