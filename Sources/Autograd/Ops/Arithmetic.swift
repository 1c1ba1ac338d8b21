/// How the second operand of a binary op lines up with the first.
///
/// The first operand is viewed as a matrix `rows × columns` (columns = last dimension).
/// The second is either the same shape, one row (`[columns]` or `[1, columns]`) repeated for
/// every row, or one column (the first's shape with the last dimension 1, e.g. `[rows, 1]`)
/// repeated across every column — e.g. a per-row weight or a row mask.
enum Broadcast {
    case none, row, column

    static func resolve(_ a: [Int], _ b: [Int], op: String) -> Broadcast {
        if a == b { return .none }
        let columns = a.last ?? 1
        if b == [columns] || b == [1, columns] { return .row }
        if !a.isEmpty, b == Array(a.dropLast()) + [1] { return .column }
        preconditionFailure("\(op): cannot broadcast \(b) onto \(a) (same shape, one row or one column only)")
    }

    /// Applies `f` elementwise with `b` broadcast as resolved.
    func apply(_ a: Tensor, _ b: Tensor, _ f: (Float, Float) -> Float) -> Tensor {
        let scalars: [Float]
        switch self {
        case .none: scalars = Kernels.zip(a.scalars, b.scalars, f)
        case .row: scalars = Kernels.broadcastRow(a.scalars, b.scalars, f)
        case .column: scalars = Kernels.broadcastColumn(a.scalars, b.scalars, f)
        }
        return Tensor(shape: a.shape, scalars: scalars)
    }

    /// Reduces a gradient shaped like the first operand to the second operand's shape.
    func reduce(_ g: Tensor, to shape: [Int]) -> Tensor {
        switch self {
        case .none: return g
        case .row: return Tensor(shape: shape, scalars: Kernels.columnSums(g.scalars, columns: g.columns))
        case .column: return Tensor(shape: shape, scalars: Kernels.rowSums(g.scalars, columns: g.columns))
        }
    }
}

extension Tape {
    /// `a + b`, with `b` the same shape as `a`, one row, or one column (see `Broadcast`).
    public func add(_ a: Variable, _ b: Variable) -> Variable {
        let mode = Broadcast.resolve(a.shape, b.shape, op: "add")
        return record(mode.apply(a.value, b.value, +), inputs: [a, b]) { g, sink in
            sink.accumulate(g, into: a)
            if b.requiresGradient { sink.accumulate(mode.reduce(g, to: b.shape), into: b) }
        }
    }

    /// `a - b`, with `b` the same shape as `a`, one row, or one column.
    public func subtract(_ a: Variable, _ b: Variable) -> Variable {
        let mode = Broadcast.resolve(a.shape, b.shape, op: "subtract")
        return record(mode.apply(a.value, b.value, -), inputs: [a, b]) { g, sink in
            sink.accumulate(g, into: a)
            if b.requiresGradient {
                var gb = mode.reduce(g, to: b.shape)
                Kernels.scale(&gb.scalars, by: -1)
                sink.accumulate(gb, into: b)
            }
        }
    }

    /// `a ⊙ b` (elementwise), with `b` the same shape as `a`, one row, or one column.
    public func multiply(_ a: Variable, _ b: Variable) -> Variable {
        let mode = Broadcast.resolve(a.shape, b.shape, op: "multiply")
        return record(mode.apply(a.value, b.value, *), inputs: [a, b]) { g, sink in
            if a.requiresGradient { sink.accumulate(mode.apply(g, b.value, *), into: a) }
            if b.requiresGradient {
                let gab = Tensor(shape: g.shape, scalars: Kernels.zip(g.scalars, a.value.scalars, *))
                sink.accumulate(mode.reduce(gab, to: b.shape), into: b)
            }
        }
    }

    /// `factor · a`.
    public func scale(_ a: Variable, by factor: Float) -> Variable {
        let out = Tensor(shape: a.shape, scalars: Kernels.map(a.value.scalars) { $0 * factor })
        return record(out, inputs: [a]) { g, sink in
            sink.accumulate(Tensor(shape: g.shape, scalars: Kernels.map(g.scalars) { $0 * factor }), into: a)
        }
    }

    /// `a + constant` elementwise (e.g. `1 - z` is `addScalar(scale(z, by: -1), 1)`).
    public func addScalar(_ a: Variable, _ constant: Float) -> Variable {
        let out = Tensor(shape: a.shape, scalars: Kernels.map(a.value.scalars) { $0 + constant })
        return record(out, inputs: [a]) { g, sink in sink.accumulate(g, into: a) }
    }
}
