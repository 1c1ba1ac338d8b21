import Foundation

/// Adam (Kingma & Ba, 2015) with lazy updates for sparse (embedding) gradients.
///
/// Dense gradients get the textbook update: `m ← β1·m + (1−β1)·g`, `v ← β2·v + (1−β2)·g²`,
/// `θ ← θ − lr · m̂ / (√v̂ + ε)` with `m̂ = m / (1−β1ᵗ)`, `v̂ = v / (1−β2ᵗ)`.
///
/// Sparse gradients (from `Tape.embedding`) update `m`, `v` and `θ` only in the rows that got
/// gradient this step ("lazy Adam", as TensorFlow's LazyAdam and PyTorch's SparseAdam do). Why:
/// a dense Adam step moves every row of an item table whose momentum is nonzero, even for items
/// absent from the batch, so a step would cost O(V·d) instead of O(rows used·d), and rarely seen
/// items would keep drifting on stale momentum between their appearances. The price is that a
/// row's moments decay only when the row is used; bias correction uses the global step `t`,
/// like both libraries above.
///
/// The moment estimates live in `Adam.State` (per parameter name, created at a parameter's
/// first gradient) with the step count, so a checkpoint can keep them and training can resume
/// exactly where it stopped.
public struct Adam: Optimizer {
    public var learningRate: Float
    public var beta1: Float
    public var beta2: Float
    public var epsilon: Float

    /// Adam's running estimates of one parameter's gradient mean `m` and uncentred variance `v`.
    public struct Moments: Sendable, Equatable {
        public var m: [Float]
        public var v: [Float]
        public init(m: [Float], v: [Float]) {
            precondition(m.count == v.count, "Adam moments of different sizes")
            self.m = m
            self.v = v
        }
    }

    /// Everything Adam changes as it steps: the step count (bias correction) and the moments.
    public struct State: Sendable, Equatable {
        /// Number of steps taken so far.
        public var stepCount: Int = 0
        /// Moments by parameter name; a parameter that never had a gradient has none.
        public var moments: [String: Moments] = [:]
        public init(stepCount: Int = 0, moments: [String: Moments] = [:]) {
            self.stepCount = stepCount
            self.moments = moments
        }
    }

    public init(learningRate: Float = 0.001, beta1: Float = 0.9, beta2: Float = 0.999, epsilon: Float = 1e-8) {
        self.learningRate = learningRate
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
    }

    public func initialState() -> State { State() }

    public func step(_ weights: inout Weights, _ gradients: Gradients, _ adam: inout State) {
        adam.stepCount += 1
        let rule = Rule(adam: self, stepCount: adam.stepCount)
        for p in gradients.parameters {
            // Taken out of the dictionary while updated, so the arrays are uniquely referenced.
            var state = adam.moments.removeValue(forKey: p.name)
                ?? Moments(m: [Float](repeating: 0, count: p.count), v: [Float](repeating: 0, count: p.count))
            precondition(state.m.count == p.count, "\(p.name): Adam moments of \(state.m.count) for \(p.count) scalars")
            weights.withUnsafeMutableBufferPointer(of: p) { w in
                state.m.withUnsafeMutableBufferPointer { m in
                    state.v.withUnsafeMutableBufferPointer { v in
                        switch gradients[p]! {
                        case .dense(let g):
                            precondition(g.count == w.count)
                            g.scalars.withUnsafeBufferPointer { g in
                                rule.update(w.baseAddress!, m.baseAddress!, v.baseAddress!, g.baseAddress!, count: w.count)
                            }
                        case .sparse(let s):
                            let c = s.columns
                            s.values.withUnsafeBufferPointer { g in
                                for (slot, r) in s.rows.enumerated() {
                                    precondition(r >= 0 && (r + 1) * c <= w.count, "row \(r) out of range")
                                    rule.update(w.baseAddress! + r * c, m.baseAddress! + r * c, v.baseAddress! + r * c,
                                                g.baseAddress! + slot * c, count: c)
                                }
                            }
                        }
                    }
                }
            }
            adam.moments[p.name] = state
        }
    }

    /// One step's update: Adam's constants with both bias corrections folded into the step size,
    /// lr·√(1−β2ᵗ)/(1−β1ᵗ), and ε scaled to match, so the update equals lr · m̂ / (√v̂ + ε) exactly.
    struct Rule {
        let b1: Float, b2: Float, stepSize: Float, epsHat: Float

        init(adam: Adam, stepCount: Int) {
            b1 = adam.beta1
            b2 = adam.beta2
            let c1 = 1 - Foundation.pow(Double(adam.beta1), Double(stepCount))
            let c2 = 1 - Foundation.pow(Double(adam.beta2), Double(stepCount))
            stepSize = Float(Double(adam.learningRate) * c2.squareRoot() / c1)
            epsHat = Float(Double(adam.epsilon) * c2.squareRoot())
        }

        /// `m ← β1·m + (1−β1)·g`, `v ← β2·v + (1−β2)·g²`, `w ← w − step·m / (√v + ε̂)` over `count`
        /// scalars, eight lanes at a time (`Lanes`): the same operations in the same order as one
        /// scalar at a time (the square root and the division are correctly rounded either way),
        /// so the bits do not depend on the width. One scalar at a time, the square root and the
        /// division made Adam the largest serial part of a two-thread step.
        @inline(__always)
        func update(_ w: UnsafeMutablePointer<Float>, _ m: UnsafeMutablePointer<Float>, _ v: UnsafeMutablePointer<Float>,
                    _ g: UnsafePointer<Float>, count: Int) {
            let a1 = 1 - b1, a2 = 1 - b2
            for i in stride(from: 0, to: count, by: 8) {
                let n = min(8, count - i)
                let gi = Lanes.load(g + i, n)
                let mi = b1 * Lanes.load(m + i, n) + a1 * gi
                let vi = b2 * Lanes.load(v + i, n) + a2 * gi * gi
                Lanes.store(mi, m + i, n)
                Lanes.store(vi, v + i, n)
                Lanes.store(Lanes.load(w + i, n) - stepSize * mi / (vi.squareRoot() + epsHat), w + i, n)
            }
        }
    }
}
