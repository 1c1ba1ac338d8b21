extension Tape {
    /// Sum over `axis`; the result drops that dimension (`[2, 3]` summed over axis 1 is `[2]`).
    public func sum(_ x: Variable, axis: Int) -> Variable {
        reduce(x, axis: axis, scale: 1)
    }

    /// Mean over `axis`; the result drops that dimension.
    public func mean(_ x: Variable, axis: Int) -> Variable {
        let n = x.shape[normalized(axis, rank: x.shape.count)]
        return reduce(x, axis: axis, scale: n > 0 ? 1 / Float(n) : 0)
    }

    /// Sum of every element, as a scalar (shape `[]`).
    public func sum(_ x: Variable) -> Variable {
        let total = x.value.scalars.withUnsafeBufferPointer { Kernels.sum($0) }
        return record(Tensor(scalar: Float(total)), inputs: [x]) { g, sink in
            sink.accumulate(Tensor(repeating: g.scalar, shape: x.shape), into: x)
        }
    }

    /// Mean of every element, as a scalar.
    public func mean(_ x: Variable) -> Variable {
        scale(sum(x), by: x.value.count > 0 ? 1 / Float(x.value.count) : 0)
    }

    /// `Σ x²` over every element, as a scalar (L2 regularisation of the rows used).
    public func sumOfSquares(_ x: Variable) -> Variable {
        let total = Kernels.sumOfSquares(x.value.scalars)
        return record(Tensor(scalar: Float(total)), inputs: [x]) { g, sink in
            let factor = 2 * g.scalar
            sink.accumulate(Tensor(shape: x.shape, scalars: Kernels.map(x.value.scalars) { $0 * factor }), into: x)
        }
    }

    private func normalized(_ axis: Int, rank: Int) -> Int {
        let a = axis < 0 ? axis + rank : axis
        precondition(a >= 0 && a < rank, "axis \(axis) out of range for rank \(rank)")
        return a
    }

    /// `scale · Σ` over `axis`, viewing `x` as `outer × n × inner`.
    private func reduce(_ x: Variable, axis: Int, scale: Float) -> Variable {
        let shape = x.shape
        let a = normalized(axis, rank: shape.count)
        let outer = shape[..<a].reduce(1, *), n = shape[a], inner = shape[(a + 1)...].reduce(1, *)
        var outShape = shape
        outShape.remove(at: a)
        let out = [Float](unsafeUninitializedCapacity: outer * inner) { out, count in
            out.initialize(repeating: 0)
            x.value.scalars.withUnsafeBufferPointer { src in
                for o in 0..<outer {
                    for i in 0..<n {
                        let base = (o * n + i) * inner
                        for j in 0..<inner { out[o * inner + j] += src[base + j] }
                    }
                }
                if scale != 1 { for j in 0..<(outer * inner) { out[j] *= scale } }
            }
            count = outer * inner
        }
        return record(Tensor(shape: outShape, scalars: out), inputs: [x]) { g, sink in
            let gx = [Float](unsafeUninitializedCapacity: outer * n * inner) { gx, count in
                g.scalars.withUnsafeBufferPointer { g in
                    for o in 0..<outer {
                        for i in 0..<n {
                            let base = (o * n + i) * inner
                            for j in 0..<inner { gx[base + j] = g[o * inner + j] * scale }
                        }
                    }
                }
                count = outer * n * inner
            }
            sink.accumulate(Tensor(shape: shape, scalars: gx), into: x)
        }
    }
}
