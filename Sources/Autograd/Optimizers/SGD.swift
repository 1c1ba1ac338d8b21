/// Plain stochastic gradient descent: `θ ← θ − lr · g`. Sparse gradients touch only their rows.
/// It has no state (`Void`).
public struct SGD: Optimizer {
    /// Step size.
    public var learningRate: Float

    public init(learningRate: Float) { self.learningRate = learningRate }

    public func initialState() {}

    public func step(_ weights: inout Weights, _ gradients: Gradients, _ state: inout Void) {
        let lr = learningRate
        for p in gradients.parameters {
            switch gradients[p]! {
            case .dense(let g):
                weights.withUnsafeMutableBufferPointer(of: p) { w in
                    g.scalars.withUnsafeBufferPointer { g in
                        for i in 0..<w.count { w[i] -= lr * g[i] }
                    }
                }
            case .sparse(let s):
                let c = s.columns
                weights.withUnsafeMutableBufferPointer(of: p) { w in
                    s.values.withUnsafeBufferPointer { g in
                        for (slot, r) in s.rows.enumerated() {
                            for j in 0..<c { w[r * c + j] -= lr * g[slot * c + j] }
                        }
                    }
                }
            }
        }
    }
}
