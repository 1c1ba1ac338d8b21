/// Updates weights from a (possibly merged) set of gradients: `step(&weights, gradients, &state)`.
///
/// Everything an optimizer changes is passed in: the weights and its own state (Adam's moments
/// and step count). The optimizer value itself holds only settings, so the state can be saved in
/// a checkpoint and training resumed exactly. Parameters without a gradient are left alone.
/// Drop every tape that read `weights` before stepping: a live tape shares the tensors' storage,
/// and the write would then copy whole tensors (copy-on-write) instead of updating in place.
public protocol Optimizer: Sendable {
    associatedtype State: Sendable
    /// The state before the first step.
    func initialState() -> State
    /// Applies one update to every parameter that has a gradient.
    func step(_ weights: inout Weights, _ gradients: Gradients, _ state: inout State)
}
