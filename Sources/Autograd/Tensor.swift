/// A dense, row-major array of `Float` with a shape.
///
/// Storage is one contiguous `[Float]`, so copies are copy-on-write and `reshaped(to:)` costs
/// nothing but the new shape. A tensor of shape `[]` is a scalar. Most kernels view a tensor as a
/// matrix of `rows × columns`, where `columns` is the last dimension and `rows` the product of the
/// others: that is how "row broadcasting", "softmax over the last axis" and "concat along the last
/// axis" are meant everywhere in this module.
public struct Tensor: Sendable, Equatable, CustomStringConvertible {
    /// The dimensions, outermost first.
    public private(set) var shape: [Int]
    /// The elements in row-major order; `scalars.count == shape.reduce(1, *)`.
    public var scalars: [Float]

    /// A tensor over `scalars` with `shape`; traps if the element count does not match.
    public init(shape: [Int], scalars: [Float]) {
        precondition(shape.allSatisfy { $0 >= 0 }, "negative dimension in \(shape)")
        precondition(Tensor.count(of: shape) == scalars.count,
                     "shape \(shape) needs \(Tensor.count(of: shape)) scalars, got \(scalars.count)")
        self.shape = shape
        self.scalars = scalars
    }

    /// A tensor of `shape` with every element equal to `value`.
    public init(repeating value: Float, shape: [Int]) {
        self.init(shape: shape, scalars: [Float](repeating: value, count: Tensor.count(of: shape)))
    }

    /// A tensor of zeros.
    public init(zeros shape: [Int]) { self.init(repeating: 0, shape: shape) }

    /// A scalar (shape `[]`).
    public init(scalar: Float) { self.init(shape: [], scalars: [scalar]) }

    /// A matrix from nested rows; all rows must have the same length.
    public init(rows: [[Float]]) {
        let columns = rows.first?.count ?? 0
        precondition(rows.allSatisfy { $0.count == columns }, "ragged rows")
        self.init(shape: [rows.count, columns], scalars: rows.flatMap { $0 })
    }

    /// Number of elements a shape holds.
    @inlinable public static func count(of shape: [Int]) -> Int { shape.reduce(1, *) }

    /// Number of elements.
    @inlinable public var count: Int { scalars.count }
    /// Number of dimensions.
    @inlinable public var rank: Int { shape.count }
    /// The last dimension (1 for a scalar).
    @inlinable public var columns: Int { shape.last ?? 1 }
    /// The product of all dimensions but the last (1 for a scalar or a vector).
    @inlinable public var rows: Int { columns == 0 ? 0 : count / columns }

    /// The only element of a one-element tensor.
    public var scalar: Float {
        precondition(count == 1, "tensor of shape \(shape) is not a scalar")
        return scalars[0]
    }

    /// The same elements under another shape with the same element count (no copy).
    public func reshaped(to newShape: [Int]) -> Tensor {
        Tensor(shape: newShape, scalars: scalars)
    }

    /// Row `r` of the matrix view (`rows × columns`).
    public func row(_ r: Int) -> ArraySlice<Float> {
        precondition(r >= 0 && r < rows, "row \(r) out of 0..<\(rows)")
        return scalars[r * columns ..< (r + 1) * columns]
    }

    /// Element at a multi-dimensional index.
    public subscript(_ index: Int...) -> Float {
        get { scalars[offset(of: index)] }
        set { scalars[offset(of: index)] = newValue }
    }

    private func offset(of index: [Int]) -> Int {
        precondition(index.count == shape.count, "index \(index) does not match shape \(shape)")
        var offset = 0
        for (i, d) in zip(index, shape) {
            precondition(i >= 0 && i < d, "index \(index) out of shape \(shape)")
            offset = offset * d + i
        }
        return offset
    }

    public var description: String {
        let shown = scalars.prefix(8).map { String($0) }.joined(separator: ", ")
        return "Tensor(\(shape): [\(shown)\(count > 8 ? ", …" : "")])"
    }
}
