/// A trainable tensor with a stable name, living across training steps.
///
/// A parameter holds only its value: gradients live in a `Gradients` value produced by a `Tape`,
/// never inside the parameter, so two tapes on two threads can read the same parameters at once
/// and their gradients can be merged afterwards.
///
/// Thread safety (why `@unchecked Sendable` is sound here): any number of threads may read
/// `value` concurrently; writes (an optimizer step, loading a checkpoint) must not overlap any
/// read. The trainer guarantees this by stepping only after both tapes have finished. Drop tapes
/// (or their `Variable`s) before stepping: a live tape still shares the storage, and the write
/// would then copy the whole array (copy-on-write) instead of updating in place.
public final class Parameter: @unchecked Sendable, CustomStringConvertible {
    /// Stable name, e.g. `"E_item"` or `"gru.W_z"`; checkpoints key tensors by it.
    public let name: String
    /// The current value.
    public var value: Tensor

    /// A parameter named `name` starting at `value`.
    public init(name: String, value: Tensor) {
        self.name = name
        self.value = value
    }

    /// The value's shape; fixed for the parameter's life.
    public var shape: [Int] { value.shape }
    /// Number of scalars.
    public var count: Int { value.count }

    /// Raw read access to the storage (row-major).
    public func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<Float>) throws -> R) rethrows -> R {
        try value.scalars.withUnsafeBufferPointer(body)
    }

    /// Raw write access to the storage (row-major); the shape cannot change.
    public func withUnsafeMutableBufferPointer<R>(
        _ body: (inout UnsafeMutableBufferPointer<Float>) throws -> R
    ) rethrows -> R {
        try value.scalars.withUnsafeMutableBufferPointer(body)
    }

    /// Replaces the value with scalars of the same count (e.g. from a checkpoint).
    public func load(_ scalars: [Float]) {
        precondition(scalars.count == count, "\(name): expected \(count) scalars, got \(scalars.count)")
        value.scalars = scalars
    }

    public var description: String { "Parameter(\(name), \(shape))" }
}
