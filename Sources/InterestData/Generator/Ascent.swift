/// Maximises a smooth function of a few dozen unknowns by L-BFGS with a backtracking (Armijo)
/// line search: the optimiser of `TastePosterior` (at most S·r = 48 unknowns, one user at a time,
/// so no matrix is ever formed). Deterministic: the same start gives the same steps.
enum Ascent {
    struct Result {
        let x: [Double]
        let value: Double
        let gradient: [Double]
        let iterations: Int
        /// Whether the gradient fell under the tolerance (else the iteration cap or a stalled line search ended it).
        let converged: Bool
    }

    /// Stops when the largest gradient component is under `tolerance`, or when a line search can
    /// no longer increase the value (then the point is a maximum to rounding).
    static func maximize(start: [Double], tolerance: Double = 1e-6, maxIterations: Int = 500, memory: Int = 8,
                         _ f: ([Double]) -> (value: Double, gradient: [Double])) -> Result {
        var x = start
        var (value, gradient) = f(x)
        var steps: [[Double]] = [], changes: [[Double]] = [], curvatures: [Double] = []
        for iteration in 0..<maxIterations {
            if gradient.lazy.map(abs).max() ?? 0 < tolerance {
                return Result(x: x, value: value, gradient: gradient, iterations: iteration, converged: true)
            }
            // Two-loop recursion on the minimisation of −f: direction = −H·∇(−f) = H·∇f.
            var q = gradient
            var alphas = [Double](repeating: 0, count: steps.count)
            for i in steps.indices.reversed() {
                alphas[i] = curvatures[i] * dot(steps[i], q)
                for d in q.indices { q[d] -= alphas[i] * changes[i][d] }
            }
            // changes are of ∇(−f), so y = −Δ∇f; the initial scaling is sᵀy/yᵀy.
            if let s = steps.last, let y = changes.last { scale(&q, by: dot(s, y) / dot(y, y)) } else {
                scale(&q, by: 1 / max(1, norm(gradient)))
            }
            for i in steps.indices {
                let beta = curvatures[i] * dot(changes[i], q)
                for d in q.indices { q[d] += steps[i][d] * (alphas[i] - beta) }
            }
            var direction = q
            var slope = dot(direction, gradient)
            if !(slope > 0) {
                // Not uphill (curvature information went stale): fall back to the gradient.
                direction = gradient.map { $0 / max(1, norm(gradient)) }
                slope = dot(direction, gradient)
                steps.removeAll(); changes.removeAll(); curvatures.removeAll()
            }
            var step = 1.0, accepted = false
            var next = x, nextValue = value, nextGradient = gradient
            for _ in 0..<60 {
                next = zip(x, direction).map { $0 + step * $1 }
                (nextValue, nextGradient) = f(next)
                if nextValue >= value + 1e-4 * step * slope { accepted = true; break }
                step /= 2
            }
            guard accepted, nextValue > value else {
                return Result(x: x, value: value, gradient: gradient, iterations: iteration, converged: false)
            }
            let s = zip(next, x).map { $0 - $1 }
            let y = zip(gradient, nextGradient).map { $0 - $1 }
            let sy = dot(s, y)
            if sy > 1e-12 {
                steps.append(s); changes.append(y); curvatures.append(1 / sy)
                if steps.count > memory { steps.removeFirst(); changes.removeFirst(); curvatures.removeFirst() }
            }
            x = next; value = nextValue; gradient = nextGradient
        }
        return Result(x: x, value: value, gradient: gradient, iterations: maxIterations, converged: false)
    }

    static func dot(_ a: [Double], _ b: [Double]) -> Double {
        var sum = 0.0
        for i in a.indices { sum += a[i] * b[i] }
        return sum
    }

    static func norm(_ a: [Double]) -> Double { dot(a, a).squareRoot() }

    static func scale(_ a: inout [Double], by factor: Double) {
        for i in a.indices { a[i] *= factor }
    }
}
