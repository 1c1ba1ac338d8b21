extension Tape {
    /// Softmax over the last axis, restricted to the entries where `mask` is nonzero.
    ///
    /// `mask` has `x`'s shape (1 = take part, 0 = masked) or is nil (no mask). Masked entries
    /// come out exactly 0 and receive no gradient; a row whose entries are all masked comes out
    /// all zeros (not NaN), which is what "a user with no history has α = 0" needs.
    public func softmax(_ x: Variable, mask: Tensor? = nil) -> Variable {
        if let mask { precondition(mask.shape == x.shape, "softmax mask \(mask.shape) for \(x.shape)") }
        let c = x.value.columns, r = x.value.rows
        let y = [Float](unsafeUninitializedCapacity: x.value.count) { y, count in
            x.value.scalars.withUnsafeBufferPointer { x in
                let m = mask?.scalars
                for i in 0..<r {
                    let base = i * c
                    var top = -Float.infinity
                    for j in 0..<c where m == nil || m![base + j] != 0 { top = max(top, x[base + j]) }
                    for j in 0..<c { y[base + j] = x[base + j] - top }
                    VectorMath.apply(y.baseAddress! + base, y.baseAddress! + base, count: c, VectorMath.exp)
                    var total: Float = 0
                    for j in 0..<c {
                        if let m, m[base + j] == 0 { y[base + j] = 0 }
                        total += y[base + j]
                    }
                    let inverse: Float = total > 0 ? 1 / total : 0
                    for j in 0..<c { y[base + j] *= inverse }
                }
            }
            count = x.value.count
        }
        let out = Tensor(shape: x.shape, scalars: y)
        return record(out, inputs: [x]) { g, sink in
            // dx_j = y_j (g_j − Σ_i y_i g_i); masked entries have y_j = 0, so they get nothing.
            let gx = [Float](unsafeUninitializedCapacity: y.count) { gx, count in
                g.scalars.withUnsafeBufferPointer { g in
                    for i in 0..<r {
                        let base = i * c
                        var dot: Float = 0
                        for j in 0..<c { dot += y[base + j] * g[base + j] }
                        for j in 0..<c { gx[base + j] = y[base + j] * (g[base + j] - dot) }
                    }
                }
                count = y.count
            }
            sink.accumulate(Tensor(shape: x.shape, scalars: gx), into: x)
        }
    }
}
