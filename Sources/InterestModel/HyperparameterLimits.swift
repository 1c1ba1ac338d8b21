import Foundation

/// The documented range of one numeric hyperparameter (docs/MODEL.md, "Limits"). The one table
/// behind `Hyperparameters.problems()`, the command-line options of `mist train`/`evaluate` and
/// the explorer's Training form (typing and ←/→ alike), so that every way in agrees.
public struct HyperparameterLimit: Sendable {
    /// What people call it in messages ("dimension", "learning rate").
    public let name: String
    public let minimum: Double
    public let maximum: Double
    /// Whether the minimum itself is excluded (learning rate must be > 0).
    public let minimumExcluded: Bool
    public let isInteger: Bool

    /// A limit for another numeric option (the generator's, `-k`, …), with the same messages.
    public init(name: String, _ minimum: Double, _ maximum: Double, integer: Bool, minimumExcluded: Bool = false) {
        self.init(name, minimum, maximum, integer: integer, minimumExcluded: minimumExcluded)
    }

    init(_ name: String, _ minimum: Double, _ maximum: Double, integer: Bool, minimumExcluded: Bool = false) {
        self.name = name
        self.minimum = minimum
        self.maximum = maximum
        self.isInteger = integer
        self.minimumExcluded = minimumExcluded
    }

    /// The range as messages and docs show it: "1…1024", "(0, 1e+30]".
    public var rangeText: String {
        func number(_ x: Double) -> String {
            if isInteger || (x == x.rounded() && abs(x) < 1e7) { return String(Int(x)) }
            return String(format: "%g", x).replacingOccurrences(of: "e+", with: "e")
        }
        if minimumExcluded { return "greater than \(number(minimum)) and at most \(number(maximum))" }
        return "\(number(minimum))…\(number(maximum))"
    }

    /// Whether `value` is finite and inside the range.
    public func contains(_ value: Double) -> Bool {
        guard value.isFinite else { return false }
        if isInteger && value != value.rounded() { return false }
        return (minimumExcluded ? value > minimum : value >= minimum) && value <= maximum
    }

    /// One readable sentence when `value` is out of range, else nil.
    public func problem(_ value: Double) -> String? {
        guard !contains(value) else { return nil }
        let range = minimumExcluded ? rangeText : "in \(rangeText)"
        return "\(name) must be \(isInteger ? "an integer " : "")\(range) (got \(Self.show(value)))"
    }

    public func problem(_ value: Int) -> String? { problem(Double(value)) }
    public func problem(_ value: Float) -> String? { problem(Double(value)) }

    /// `value` moved by `steps` × `step` and kept inside the range (the form's ←/→); never traps.
    public func stepped(_ value: Double, by step: Double, steps: Int) -> Double {
        let start = contains(value) ? value : min(max(value.isFinite ? value : minimum, minimum), maximum)
        var next = start + Double(steps) * step
        if !step.isZero, !isInteger { next = (next / step).rounded() * step }
        if minimumExcluded && next <= minimum { next = start }
        return min(max(next, minimum), maximum)
    }

    static func show(_ value: Double) -> String {
        if value.isFinite && value == value.rounded() && abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }
}

/// Every hyperparameter's limit, and the checks between them.
public enum HyperparameterLimits {
    public static let dimension = HyperparameterLimit("dimension", 1, 1024, integer: true)
    public static let historyLength = HyperparameterLimit("history length", 1, 1000, integer: true)
    public static let heads = HyperparameterLimit("heads", 1, 64, integer: true)
    public static let iterations = HyperparameterLimit("iterations", 1, 16, integer: true)
    public static let beta = HyperparameterLimit("beta", 0, 1, integer: false)
    /// Huge rates are allowed on purpose: they diverge, and a diverged run reports the step and
    /// writes nothing. Only non-finite or non-positive rates are refused.
    public static let learningRate = HyperparameterLimit("learning rate", 0, Double(Float(1e30)), integer: false, minimumExcluded: true)
    public static let batchSize = HyperparameterLimit("batch size", 1, 65_536, integer: true)
    public static let l2 = HyperparameterLimit("l2", 0, 1000, integer: false)
    public static let negatives = HyperparameterLimit("negatives", 1, 1000, integer: true)
    public static let hideProbability = HyperparameterLimit("hide probability", 0, 1, integer: false)
    public static let maxEpochs = HyperparameterLimit("max epochs", 1, 10_000, integer: true)
    public static let patience = HyperparameterLimit("patience", 1, 10_000, integer: true)
    public static let threads = HyperparameterLimit("threads", 1, 64, integer: true)
    public static let embeddingStandardDeviation = HyperparameterLimit("embedding standard deviation", 0, 10, integer: false, minimumExcluded: true)

    /// Every range problem of `h`, then the problems between fields (heads must divide dimension).
    public static func problems(of h: Hyperparameters) -> [String] {
        var found: [String] = []
        func check(_ limit: HyperparameterLimit, _ value: Double) { if let p = limit.problem(value) { found.append(p) } }
        check(dimension, Double(h.dimension))
        check(heads, Double(h.heads))
        check(historyLength, Double(h.historyLength))
        check(iterations, Double(h.iterations))
        check(beta, Double(h.beta))
        check(learningRate, Double(h.learningRate))
        check(batchSize, Double(h.batchSize))
        check(l2, Double(h.l2))
        check(negatives, Double(h.negatives))
        check(hideProbability, Double(h.hideProbability))
        check(maxEpochs, Double(h.maxEpochs))
        check(patience, Double(h.patience))
        check(threads, Double(h.threads))
        check(embeddingStandardDeviation, Double(h.embeddingStandardDeviation))
        if h.heads >= 1 && h.dimension >= 1 && h.dimension % h.heads != 0 {
            found.append("dimension \(h.dimension) is not a multiple of heads \(h.heads)")
        }
        if !h.interestPath && !h.itemPath { found.append("a model needs the interest path, the item path or both") }
        return found
    }
}
