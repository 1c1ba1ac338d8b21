extension Tape {
    /// The same values under another shape with the same element count (no copy).
    public func reshape(_ x: Variable, to shape: [Int]) -> Variable {
        record(x.value.reshaped(to: shape), inputs: [x]) { g, sink in
            sink.accumulate(g.reshaped(to: x.shape), into: x)
        }
    }

    /// Joins tensors along the last axis; all other dimensions must agree.
    public func concat(_ parts: [Variable]) -> Variable {
        precondition(!parts.isEmpty, "concat of nothing")
        let lead = Array(parts[0].shape.dropLast())
        precondition(parts.allSatisfy { Array($0.shape.dropLast()) == lead },
                     "concat: leading dimensions differ: \(parts.map(\.shape))")
        let widths = parts.map { $0.value.columns }
        let total = widths.reduce(0, +), rows = lead.reduce(1, *)
        var out = [Float](repeating: 0, count: rows * total)
        out.withUnsafeMutableBufferPointer { out in
            var offset = 0
            for (p, w) in zip(parts, widths) {
                p.value.scalars.withUnsafeBufferPointer { src in
                    for i in 0..<rows {
                        for j in 0..<w { out[i * total + offset + j] = src[i * w + j] }
                    }
                }
                offset += w
            }
        }
        return record(Tensor(shape: lead + [total], scalars: out), inputs: parts) { g, sink in
            var offset = 0
            for (p, w) in zip(parts, widths) {
                if p.requiresGradient {
                    sink.accumulate(Tensor(shape: p.shape, scalars: Self.columns(g.scalars, rows: rows, stride: total, offset: offset, width: w)), into: p)
                }
                offset += w
            }
        }
    }

    /// Splits along the last axis into pieces of the given widths (which must add up to it).
    public func split(_ x: Variable, widths: [Int]) -> [Variable] {
        let total = x.value.columns, rows = x.value.rows
        precondition(widths.reduce(0, +) == total, "split widths \(widths) do not add up to \(total)")
        let lead = Array(x.shape.dropLast())
        var offset = 0
        return widths.map { w in
            let o = offset
            offset += w
            let piece = Tensor(shape: lead + [w], scalars: Self.columns(x.value.scalars, rows: rows, stride: total, offset: o, width: w))
            return record(piece, inputs: [x]) { g, sink in
                var gx = [Float](repeating: 0, count: rows * total)
                gx.withUnsafeMutableBufferPointer { gx in
                    g.scalars.withUnsafeBufferPointer { g in
                        for i in 0..<rows { for j in 0..<w { gx[i * total + o + j] = g[i * w + j] } }
                    }
                }
                sink.accumulate(Tensor(shape: x.shape, scalars: gx), into: x)
            }
        }
    }

    /// Rows `indices` of a matrix `x` (`n × d` → `indices.count × d`); indices may repeat.
    /// The backward scatter-adds into only the rows used.
    public func gatherRows(_ x: Variable, _ indices: [Int]) -> Variable {
        let d = x.value.columns, n = x.value.rows
        precondition(x.shape.count == 2, "gatherRows needs a matrix, got \(x.shape)")
        let out = Self.gather(x.value.scalars, rows: n, columns: d, indices)
        return record(Tensor(shape: [indices.count, d], scalars: out), inputs: [x]) { g, sink in
            var gx = [Float](repeating: 0, count: n * d)
            SparseRows.scatterAdd(rows: indices, g.scalars, columns: d, into: &gx)
            sink.accumulate(Tensor(shape: x.shape, scalars: gx), into: x)
        }
    }

    /// Embedding lookup: rows `indices` of the matrix parameter `table` (indices may repeat).
    /// Its gradient is sparse: only the rows used appear in the returned `Gradients`, so the
    /// optimizer's cost follows the batch, not the table.
    public func embedding(_ table: Parameter, _ indices: [Int]) -> Variable {
        precondition(table.shape.count == 2, "embedding table \(table.name) must be a matrix, got \(table.shape)")
        let d = table.shape[1]
        let out = Self.gather(weights[table].scalars, rows: table.shape[0], columns: d, indices)
        return record(Tensor(shape: [indices.count, d], scalars: out), inputs: []) { g, sink in
            sink.parameters.addRows(indices, g, for: table)
        }
    }

    static func gather(_ x: [Float], rows n: Int, columns d: Int, _ indices: [Int]) -> [Float] {
        [Float](unsafeUninitializedCapacity: indices.count * d) { out, count in
            x.withUnsafeBufferPointer { x in
                for (i, r) in indices.enumerated() {
                    precondition(r >= 0 && r < n, "row index \(r) out of 0..<\(n)")
                    for j in 0..<d { out[i * d + j] = x[r * d + j] }
                }
            }
            count = indices.count * d
        }
    }

    /// Columns `offset ..< offset + width` of a `rows × stride` array.
    static func columns(_ x: [Float], rows: Int, stride: Int, offset: Int, width: Int) -> [Float] {
        [Float](unsafeUninitializedCapacity: rows * width) { out, count in
            x.withUnsafeBufferPointer { x in
                for i in 0..<rows { for j in 0..<width { out[i * width + j] = x[i * stride + offset + j] } }
            }
            count = rows * width
        }
    }
}
