import Foundation
import Randomness

/// The distributions the generator draws from, defined on `SplitMix64` so that a seed fixes
/// every draw.
extension SplitMix64 {
    /// Standard normal (Box–Muller).
    mutating func normal() -> Double {
        let u1 = max(nextDouble(), 1e-300), u2 = nextDouble()
        return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }

    /// Gamma(shape, 1) by Marsaglia–Tsang, with the shape < 1 boost.
    mutating func gamma(shape: Double) -> Double {
        if shape < 1 {
            return gamma(shape: shape + 1) * pow(max(nextDouble(), 1e-300), 1 / shape)
        }
        let d = shape - 1.0 / 3.0, c = 1 / (9 * d).squareRoot()
        while true {
            var x: Double, v: Double
            repeat {
                x = normal()
                v = 1 + c * x
            } while v <= 0
            v = v * v * v
            let u = nextDouble()
            if u < 1 - 0.0331 * x * x * x * x { return d * v }
            if log(max(u, 1e-300)) < 0.5 * x * x + d * (1 - v + log(v)) { return d * v }
        }
    }

    /// A draw from the symmetric Dirichlet distribution of dimension `count`.
    mutating func dirichlet(concentration: Double, count: Int) -> [Double] {
        var values = (0..<count).map { _ in gamma(shape: concentration) }
        let total = values.reduce(0, +)
        if total <= 0 { return Array(repeating: 1 / Double(count), count: count) }
        for k in values.indices { values[k] /= total }
        return values
    }

    /// An index drawn with probability proportional to `weights` (non-negative, not all zero).
    mutating func categorical(_ weights: [Double]) -> Int {
        let total = weights.reduce(0, +)
        var target = nextDouble() * total
        for (k, w) in weights.enumerated() {
            target -= w
            if target < 0 { return k }
        }
        return weights.lastIndex { $0 > 0 } ?? 0
    }

    /// A seeded Fisher–Yates shuffle.
    mutating func shuffle<T>(_ values: inout [T]) {
        guard values.count > 1 else { return }
        for k in stride(from: values.count - 1, to: 0, by: -1) {
            values.swapAt(k, int(below: k + 1))
        }
    }
}
