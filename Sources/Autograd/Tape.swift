import Synchronization

/// A value computed on a `Tape`: its tensor plus the tape node that produced it.
///
/// Cheap to copy (the tensor is copy-on-write). A variable with no node is a constant: no
/// gradient flows into it, and ops whose inputs are all constants record nothing.
public struct Variable: Sendable {
    /// The computed value.
    public let value: Tensor
    /// Index of the producing node on its tape, or -1 for a constant.
    let node: Int
    /// Identity of the tape that owns `node` (guards against mixing tapes).
    let tapeID: UInt64

    init(_ value: Tensor, node: Int, tapeID: UInt64) {
        self.value = value
        self.node = node
        self.tapeID = tapeID
    }

    /// A constant (no gradient), usable on any tape.
    public init(constant value: Tensor) { self.init(value, node: -1, tapeID: 0) }

    /// The value's shape.
    public var shape: [Int] { value.shape }
    /// Whether a gradient flows back through this variable.
    public var requiresGradient: Bool { node >= 0 }
}

/// Where backward closures deliver gradients while a `Tape` runs its reverse pass.
public struct GradientSink {
    var nodeGradients: [Tensor?]
    /// Gradients of the parameters reached so far.
    public var parameters: Gradients

    /// Adds `gradient` into the gradient of `variable` (ignored for constants).
    public mutating func accumulate(_ gradient: Tensor, into variable: Variable) {
        let id = variable.node
        guard id >= 0 else { return }
        if var existing = nodeGradients[id] {
            nodeGradients[id] = nil  // keep `existing` uniquely referenced: add in place
            Kernels.add(gradient.scalars, into: &existing.scalars)
            nodeGradients[id] = existing
        } else {
            nodeGradients[id] = gradient.reshaped(to: variable.shape)
        }
    }
}

/// Records ops in the order they run and computes gradients in reverse (reverse-mode autodiff).
///
/// One tape per thread and per forward pass: a tape is not `Sendable`. Two threads train at
/// once by each running its own tape over the shared, read-only parameters, then merging the
/// `Gradients` that `backward` returns. A tape made with `recording: false` is the inference
/// path: ops compute their values and record nothing, so nothing but the results is allocated.
///
/// Ops are methods (`tape.matmul(a, b)`, `tape.tanh(x)`, …) defined in `Ops/`; each computes its
/// forward value with the kernels and, when recording and some input needs a gradient, appends
/// a closure that maps the output's gradient to its inputs' gradients.
public final class Tape {
    /// What a node does in the reverse pass: given the gradient of its output, deliver gradients
    /// to its inputs (and to parameters) through the sink.
    public typealias Backward = (_ outputGradient: Tensor, _ sink: inout GradientSink) -> Void

    /// Whether ops record backward closures (false for inference).
    public let isRecording: Bool
    /// Threads each matrix product on this tape may use (forward and backward). Code that
    /// already runs several tapes in parallel may pass 1; nested inside
    /// `DispatchQueue.concurrentPerform`, libdispatch also narrows the inner width by itself.
    public let threads: Int
    /// The parameter values this tape's `parameter` and `embedding` ops read.
    public let weights: Weights
    let id: UInt64
    private var backwards: [Backward] = []
    private var parameterNodes: [Int: Variable] = [:]

    private static let nextID = Atomic<UInt64>(1)

    /// A new, empty tape reading `weights`; `recording: false` makes an inference tape.
    public init(reading weights: Weights = Weights(), recording: Bool = true, threads: Int = GEMM.defaultThreadCount) {
        precondition(threads >= 1, "a tape needs at least one thread, got \(threads)")
        self.weights = weights
        isRecording = recording
        self.threads = threads
        id = Tape.nextID.add(1, ordering: .relaxed).oldValue
    }

    /// Number of recorded nodes.
    public var nodeCount: Int { backwards.count }

    /// A constant on this tape (no gradient).
    public func constant(_ value: Tensor) -> Variable { Variable(value, node: -1, tapeID: id) }

    /// The parameter's value in this tape's weights as a variable whose gradient goes to
    /// `parameter` (dense). Reading the same parameter twice gives the same node.
    public func parameter(_ parameter: Parameter) -> Variable {
        let key = parameter.index
        if let v = parameterNodes[key] { return v }
        let v = record(weights[parameter], inputs: []) { g, sink in
            sink.parameters.addDense(g, for: parameter)
        }
        if isRecording { parameterNodes[key] = v }
        return v
    }

    /// Appends a node computing `value` and returns its variable. When not recording, or when
    /// `inputs` is non-empty and none of them needs a gradient, nothing is recorded and the
    /// result is a constant. An op with no inputs (a parameter leaf) is always recorded.
    public func record(_ value: Tensor, inputs: [Variable], backward: @escaping Backward) -> Variable {
        for v in inputs {
            precondition(v.tapeID == id || v.tapeID == 0 || v.node < 0, "variable from another tape")
        }
        guard isRecording, inputs.isEmpty || inputs.contains(where: { $0.requiresGradient }) else {
            return Variable(value, node: -1, tapeID: id)
        }
        backwards.append(backward)
        return Variable(value, node: backwards.count - 1, tapeID: id)
    }

    /// Runs the reverse pass from `output` (seeded with ones, so a scalar loss gets dL/dL = 1)
    /// and returns the gradients of every parameter the output depends on.
    ///
    /// The tape's nodes are released afterwards, so the tape cannot run backward twice; build a
    /// new tape per step. To accumulate over several losses, sum them first or merge the
    /// returned `Gradients` with `add(_:)`.
    public func backward(from output: Variable) -> Gradients {
        precondition(isRecording, "backward on an inference tape")
        precondition(output.tapeID == id, "variable from another tape")
        var sink = GradientSink(nodeGradients: [Tensor?](repeating: nil, count: backwards.count),
                                parameters: Gradients())
        guard output.requiresGradient else { return sink.parameters }
        sink.nodeGradients[output.node] = Tensor(repeating: 1, shape: output.shape)
        for id in stride(from: output.node, through: 0, by: -1) {
            guard let g = sink.nodeGradients[id] else { continue }
            sink.nodeGradients[id] = nil  // free as we go
            backwards[id](g, &sink)
        }
        backwards.removeAll()
        parameterNodes.removeAll()
        return sink.parameters
    }
}
