/// The values of a set of named parameters: a copy-on-write value.
///
/// Tapes read a `Weights` value; an optimizer takes one `inout` and updates it in place (the
/// tensors' storage is uniquely referenced while no tape or copy holds it). Keeping the best
/// epoch's weights is a copy (`let best = weights`): cheap until the next step writes, which then
/// copies each tensor it touches once. Sharing across threads is sharing a `Sendable` value.
///
/// Why a value and not shared parameter objects: with objects, "writes never overlap reads" was a
/// rule in a comment; with a value the compiler enforces it (a writer holds the only mutable copy).
public struct Weights: Sendable, Equatable {
    /// Every parameter, in declaration order (its `index`).
    public private(set) var parameters: [Parameter] = []
    private var tensors: [Tensor] = []
    private var indexByName: [String: Int] = [:]

    /// No parameters.
    public init() {}

    /// Adds a parameter named `name` starting at `value` and returns its handle.
    /// Names are unique within one value.
    public mutating func declare(_ name: String, _ value: Tensor) -> Parameter {
        precondition(indexByName[name] == nil, "parameter \(name) declared twice")
        let parameter = Parameter(name: name, index: parameters.count, shape: value.shape)
        indexByName[name] = parameter.index
        parameters.append(parameter)
        tensors.append(value)
        return parameter
    }

    /// The parameter called `name`, if declared.
    public func parameter(named name: String) -> Parameter? { indexByName[name].map { parameters[$0] } }

    /// The value of `parameter`; setting it keeps the shape.
    public subscript(parameter: Parameter) -> Tensor {
        get {
            check(parameter)
            return tensors[parameter.index]
        }
        set {
            check(parameter)
            precondition(newValue.count == parameter.count, "\(parameter.name): expected \(parameter.count) scalars, got \(newValue.count)")
            tensors[parameter.index] = newValue.reshaped(to: parameter.shape)
        }
    }

    /// Raw write access to one parameter's storage (row-major), in place when uniquely referenced.
    public mutating func withUnsafeMutableBufferPointer<R>(
        of parameter: Parameter, _ body: (inout UnsafeMutableBufferPointer<Float>) throws -> R
    ) rethrows -> R {
        check(parameter)
        return try tensors[parameter.index].scalars.withUnsafeMutableBufferPointer(body)
    }

    /// Replaces a parameter's scalars (e.g. from a checkpoint); the count must match.
    public mutating func load(_ scalars: [Float], into parameter: Parameter) {
        self[parameter] = Tensor(shape: parameter.shape, scalars: scalars)
    }

    /// Total number of scalars.
    public var scalarCount: Int { parameters.reduce(0) { $0 + $1.count } }

    private func check(_ parameter: Parameter) {
        precondition(parameter.index < parameters.count && parameters[parameter.index] == parameter,
                     "\(parameter.name) does not belong to these weights")
    }
}
