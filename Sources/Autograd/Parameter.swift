/// A trainable tensor's identity: its stable name, its slot in a `Weights` value and its shape.
///
/// A parameter holds no value and no gradient: values live in a `Weights` value (which tapes
/// read) and gradients in a `Gradients` value (which tapes produce). So a parameter is a plain
/// `Sendable` handle, and two tapes on two threads reading the same weights share nothing mutable.
public struct Parameter: Sendable, Hashable, CustomStringConvertible {
    /// Stable name, e.g. `"item_embedding"` or `"gru.input_weight"`; checkpoints key tensors by it.
    public let name: String
    /// Position in the `Weights` value that declared it.
    public let index: Int
    /// The value's shape; fixed for the parameter's life.
    public let shape: [Int]

    /// Number of scalars.
    public var count: Int { shape.reduce(1, *) }
    /// Number of columns (last dimension) of the row-major view.
    public var columns: Int { shape.last ?? 1 }

    public var description: String { "Parameter(\(name), \(shape))" }
}
