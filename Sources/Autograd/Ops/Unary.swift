import Foundation

/// Scalar functions shared by the forward kernels and their tests.
public enum Scalar {
    /// `1 / (1 + e^-x)`, computed without overflow for large |x|.
    @inlinable public static func sigmoid(_ x: Float) -> Float {
        x >= 0 ? 1 / (1 + Foundation.exp(-x)) : { let e = Foundation.exp(x); return e / (1 + e) }()
    }

    /// `log σ(x) = min(x, 0) − log(1 + e^−|x|)`, finite for every finite x.
    @inlinable public static func logSigmoid(_ x: Float) -> Float {
        min(x, 0) - Foundation.log1p(Foundation.exp(-abs(x)))
    }
}

extension Tape {
    /// Elementwise hyperbolic tangent.
    public func tanh(_ x: Variable) -> Variable {
        let y = Tensor(shape: x.shape, scalars: VectorMath.map(x.value.scalars, VectorMath.tanh))
        return record(y, inputs: [x]) { g, sink in
            // d tanh = 1 − tanh²
            sink.accumulate(Tensor(shape: g.shape, scalars: Kernels.zip(g.scalars, y.scalars) { $0 * (1 - $1 * $1) }), into: x)
        }
    }

    /// Elementwise logistic sigmoid `1 / (1 + e^−x)`.
    public func sigmoid(_ x: Variable) -> Variable {
        let y = Tensor(shape: x.shape, scalars: VectorMath.map(x.value.scalars, VectorMath.sigmoid))
        return record(y, inputs: [x]) { g, sink in
            // d σ = σ(1 − σ)
            sink.accumulate(Tensor(shape: g.shape, scalars: Kernels.zip(g.scalars, y.scalars) { $0 * $1 * (1 - $1) }), into: x)
        }
    }

    /// Elementwise `e^x`.
    public func exp(_ x: Variable) -> Variable {
        let y = Tensor(shape: x.shape, scalars: VectorMath.map(x.value.scalars, VectorMath.exp))
        return record(y, inputs: [x]) { g, sink in
            sink.accumulate(Tensor(shape: g.shape, scalars: Kernels.zip(g.scalars, y.scalars, *)), into: x)
        }
    }

    /// Elementwise natural logarithm (inputs must be positive).
    public func log(_ x: Variable) -> Variable {
        let y = Tensor(shape: x.shape, scalars: Kernels.map(x.value.scalars) { Foundation.log($0) })
        return record(y, inputs: [x]) { g, sink in
            sink.accumulate(Tensor(shape: g.shape, scalars: Kernels.zip(g.scalars, x.value.scalars, /)), into: x)
        }
    }

    /// Elementwise `log σ(x)`, stable for large |x| (the BPR loss is `−logSigmoid(pos − neg)`).
    public func logSigmoid(_ x: Variable) -> Variable {
        let y = Tensor(shape: x.shape, scalars: Kernels.map(x.value.scalars, Scalar.logSigmoid))
        return record(y, inputs: [x]) { g, sink in
            // d log σ(x) = 1 − σ(x) = σ(−x)
            sink.accumulate(Tensor(shape: g.shape, scalars: Kernels.zip(g.scalars, x.value.scalars) { $0 * Scalar.sigmoid(-$1) }), into: x)
        }
    }
}
