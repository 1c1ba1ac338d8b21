/// The gradient of a loss with respect to some parameters.
///
/// Produced by `Tape.backward`, merged with `add(_:)` (e.g. the two half-batch tapes of the
/// trainer), and consumed by an optimizer. A parameter read whole (`Tape.parameter`) gets a dense
/// gradient; a table read by rows (`Tape.embedding`) gets a sparse one holding only the rows used,
/// and merging two sparse gradients stays sparse, so a step costs what the batch touched rather
/// than the size of the table.
public struct Gradients: Sendable {
    /// One parameter's gradient.
    public enum Entry: Sendable {
        /// A gradient for every scalar, shaped like the parameter.
        case dense(Tensor)
        /// Gradient rows for some rows of a matrix parameter; all other rows are zero.
        case sparse(SparseRows)
    }

    private var entries: [Int: (parameter: Parameter, entry: Entry)] = [:]
    /// Parameters in the order their gradient first arrived (keeps iteration deterministic).
    public private(set) var parameters: [Parameter] = []

    public init() {}

    /// The gradient of `parameter`, or nil when the loss did not depend on it.
    public subscript(parameter: Parameter) -> Entry? {
        entries[parameter.index]?.entry
    }

    /// Whether there is no gradient at all.
    public var isEmpty: Bool { entries.isEmpty }

    /// The gradient of `parameter` as a dense tensor (zeros where a sparse gradient has no row),
    /// or nil when the loss did not depend on it.
    public func dense(_ parameter: Parameter) -> Tensor? {
        switch self[parameter] {
        case nil: return nil
        case .dense(let g): return g
        case .sparse(let s): return s.densified(shape: parameter.shape)
        }
    }

    /// Adds a dense gradient for `parameter`.
    public mutating func addDense(_ gradient: Tensor, for parameter: Parameter) {
        precondition(gradient.count == parameter.count,
                     "\(parameter.name): gradient \(gradient.shape) for shape \(parameter.shape)")
        let key = parameter.index
        guard var slot = entries.removeValue(forKey: key) else {
            entries[key] = (parameter, .dense(gradient.reshaped(to: parameter.shape)))
            parameters.append(parameter)
            return
        }
        switch slot.entry {
        case .dense(var g):
            slot.entry = .dense(Tensor(zeros: []))  // release the reference so `g` is unique
            Kernels.add(gradient.scalars, into: &g.scalars)
            slot.entry = .dense(g)
        case .sparse(let s):
            var g = gradient.reshaped(to: parameter.shape)
            s.scatterAdd(into: &g.scalars)
            slot.entry = .dense(g)
        }
        entries[key] = slot
    }

    /// Adds gradient rows (`gradient` is `rows.count × columns`) for rows of a matrix parameter;
    /// repeated row indices accumulate.
    public mutating func addRows(_ rows: [Int], _ gradient: Tensor, for parameter: Parameter) {
        let columns = parameter.columns
        precondition(gradient.count == rows.count * columns,
                     "\(parameter.name): \(rows.count) rows of \(columns) need \(rows.count * columns) scalars")
        let key = parameter.index
        guard var slot = entries.removeValue(forKey: key) else {
            var s = SparseRows(columns: columns, tableRows: parameter.count / max(columns, 1), expectedRows: rows.count)
            s.add(rows: rows, gradient.scalars)
            entries[key] = (parameter, .sparse(s))
            parameters.append(parameter)
            return
        }
        switch slot.entry {
        case .dense(var g):
            slot.entry = .dense(Tensor(zeros: []))
            SparseRows.scatterAdd(rows: rows, gradient.scalars, columns: columns, into: &g.scalars)
            slot.entry = .dense(g)
        case .sparse(var s):
            slot.entry = .dense(Tensor(zeros: []))
            s.add(rows: rows, gradient.scalars)
            slot.entry = .sparse(s)
        }
        entries[key] = slot
    }

    /// Adds every gradient of `other` into this one (sparse stays sparse unless either side is
    /// dense).
    public mutating func add(_ other: Gradients) {
        for p in other.parameters {
            switch other[p]! {
            case .dense(let g): addDense(g, for: p)
            case .sparse(let s): addRows(s.rows, Tensor(shape: [s.rows.count, s.columns], scalars: s.values), for: p)
            }
        }
    }

    /// Multiplies every gradient by `factor` (e.g. 1/2 after merging two half-batch means).
    public mutating func scale(by factor: Float) {
        for p in parameters {
            let key = p.index
            var slot = entries.removeValue(forKey: key)!
            switch slot.entry {
            case .dense(var g):
                slot.entry = .dense(Tensor(zeros: []))
                Kernels.scale(&g.scalars, by: factor)
                slot.entry = .dense(g)
            case .sparse(var s):
                slot.entry = .dense(Tensor(zeros: []))
                Kernels.scale(&s.values, by: factor)
                slot.entry = .sparse(s)
            }
            entries[key] = slot
        }
    }

    /// The sum of squares of every gradient scalar (for gradient-norm reporting or clipping).
    public var squaredNorm: Double {
        var total = 0.0
        for p in parameters {
            switch self[p]! {
            case .dense(let g): total += Kernels.sumOfSquares(g.scalars)
            case .sparse(let s): total += Kernels.sumOfSquares(s.values)
            }
        }
        return total
    }
}

/// Gradient rows for a subset of a matrix's rows; each row appears once, in first-touched order.
public struct SparseRows: Sendable {
    /// Row length.
    public let columns: Int
    /// Row indices, distinct, in the order they were first touched.
    public private(set) var rows: [Int] = []
    /// `rows.count × columns` gradient values, row `i` belonging to `rows[i]`.
    public fileprivate(set) var values: [Float] = []
    /// Where each touched row's values are. A table row's slot is found once per gathered row
    /// (tens of thousands per step: every history token reads three tables), so a small table
    /// keeps a plain array indexed by row (-1: not touched) and only a large one, where that
    /// array would cost more to clear than the rows cost to hash, a dictionary: exactly one of
    /// the two is in use (`denseSlots` is empty for a large table).
    private var denseSlots: [Int32] = []
    private var hashedSlots: [Int: Int] = [:]

    /// Tables up to this many rows, or up to 4× the rows of their first gradient, index slots
    /// by an array.
    static let denseIndexRows = 4096

    /// An empty set of rows of length `columns`; `tableRows` (when known) is the matrix's row
    /// count and `expectedRows` the number of rows about to be added, which together choose how
    /// slots are found (the rows, values and their order are the same either way).
    public init(columns: Int, tableRows: Int? = nil, expectedRows: Int = 0) {
        self.columns = columns
        if let tableRows, tableRows <= Int(Int32.max), tableRows <= max(Self.denseIndexRows, 4 * expectedRows) {
            denseSlots = [Int32](repeating: -1, count: tableRows)
        }
    }

    /// Adds `values` (`rows.count × columns`) into the given rows; repeated rows accumulate, in
    /// the order given.
    public mutating func add(rows newRows: [Int], _ newValues: [Float]) {
        precondition(newValues.count == newRows.count * columns)
        let c = columns
        // First every row's slot (appending the rows not seen yet), then one pass of sums.
        let before = rows.count
        let slotOfNew = newRows.map { r in
            if let slot = slot(of: r) { return slot }
            setSlot(rows.count, of: r)
            rows.append(r)
            return rows.count - 1
        }
        values.append(contentsOf: repeatElement(0, count: (rows.count - before) * c))
        values.withUnsafeMutableBufferPointer { dst in
            newValues.withUnsafeBufferPointer { src in
                for (i, slot) in slotOfNew.enumerated() {
                    for j in 0..<c { dst[slot * c + j] += src[i * c + j] }
                }
            }
        }
    }

    private func slot(of row: Int) -> Int? {
        guard !denseSlots.isEmpty else { return hashedSlots[row] }
        precondition(row >= 0 && row < denseSlots.count, "row \(row) out of 0..<\(denseSlots.count)")
        return denseSlots[row] < 0 ? nil : Int(denseSlots[row])
    }

    private mutating func setSlot(_ slot: Int, of row: Int) {
        if denseSlots.isEmpty { hashedSlots[row] = slot } else { denseSlots[row] = Int32(slot) }
    }

    /// Adds these rows into a dense row-major matrix with `columns` columns.
    public func scatterAdd(into dense: inout [Float]) {
        SparseRows.scatterAdd(rows: rows, values, columns: columns, into: &dense)
    }

    /// The dense matrix these rows stand for.
    public func densified(shape: [Int]) -> Tensor {
        var t = Tensor(zeros: shape)
        scatterAdd(into: &t.scalars)
        return t
    }

    static func scatterAdd(rows: [Int], _ values: [Float], columns c: Int, into dense: inout [Float]) {
        dense.withUnsafeMutableBufferPointer { dst in
            values.withUnsafeBufferPointer { src in
                for (i, r) in rows.enumerated() {
                    precondition(r >= 0 && (r + 1) * c <= dst.count, "row \(r) out of range")
                    for j in 0..<c { dst[r * c + j] += src[i * c + j] }
                }
            }
        }
    }
}
