/// Updates parameters from a (possibly merged) set of gradients.
///
/// Parameters without a gradient in `gradients` are left alone. Call `step` only when no tape
/// is reading the parameters (see `Parameter`).
public protocol Optimizer {
    /// Applies one update to every parameter that has a gradient.
    mutating func step(_ gradients: Gradients)
}
