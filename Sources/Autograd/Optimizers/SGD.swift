/// Plain stochastic gradient descent: `θ ← θ − lr · g`. Sparse gradients touch only their rows.
public struct SGD: Optimizer, Sendable {
    /// Step size.
    public var learningRate: Float

    public init(learningRate: Float) { self.learningRate = learningRate }

    public mutating func step(_ gradients: Gradients) {
        let lr = learningRate
        for p in gradients.parameters {
            switch gradients[p]! {
            case .dense(let g):
                p.withUnsafeMutableBufferPointer { w in
                    g.scalars.withUnsafeBufferPointer { g in
                        for i in 0..<w.count { w[i] -= lr * g[i] }
                    }
                }
            case .sparse(let s):
                let c = s.columns
                p.withUnsafeMutableBufferPointer { w in
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
