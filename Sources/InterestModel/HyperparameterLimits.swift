import Foundation

/// The documented range of one numeric option (docs/MODEL.md, "Limits"). Hyperparameters' ranges
/// are defined in `HyperparameterCatalog`, the one table behind `Hyperparameters.problems()`, the
/// command-line options of `mist train`/`evaluate` and the explorer's Training form (typing and
/// ←/→ alike), so that every way in agrees.
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
        return "\(requirement) (got \(Self.show(value)))"
    }

    public func problem(_ value: Int) -> String? { problem(Double(value)) }

    /// The number `text` spells, checked against the range: one message for every way a value is
    /// typed (`mist` options and the explorer's form alike). `1e9` is read as the number it names
    /// so that a refusal is about its size, not its spelling. With `float`, the value is checked
    /// as the `Float` it will be stored as.
    public func value(parsing text: String, float: Bool = false) throws(HyperparameterProblem) -> Double {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard let value = Int(trimmed).map(Double.init) ?? Double(trimmed) else {
            throw HyperparameterProblem("\(requirement) (got \"\(trimmed)\", not a number)")
        }
        // A Double that overflows Float (1e39) becomes infinite and is refused as such.
        let checked = float ? Double(Float(value)) : value
        if !contains(checked) {
            // The number as typed ("got 1.1", not the Float's 1.100000023841858), unless it only
            // became out of range as a Float (1e39 is infinite).
            throw HyperparameterProblem("\(requirement) (got \(Self.show(checked.isFinite ? value : checked)))")
        }
        return checked
    }

    /// "dimension must be an integer in 1…1024", "learning rate must be greater than 0 and …".
    public var requirement: String {
        "\(name) must be \(isInteger ? "an integer " : "")\(minimumExcluded ? rangeText : "in \(rangeText)")"
    }
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

/// Every hyperparameter's limit (defined in `HyperparameterCatalog`), and the checks between them.
public enum HyperparameterLimits {
    public static var dimension: HyperparameterLimit { HyperparameterCatalog.dimension.limit }
    public static var historyLength: HyperparameterLimit { HyperparameterCatalog.historyLength.limit }
    public static var heads: HyperparameterLimit { HyperparameterCatalog.heads.limit }
    public static var iterations: HyperparameterLimit { HyperparameterCatalog.iterations.limit }
    public static var beta: HyperparameterLimit { HyperparameterCatalog.beta.limit }
    public static var learningRate: HyperparameterLimit { HyperparameterCatalog.learningRate.limit }
    public static var batchSize: HyperparameterLimit { HyperparameterCatalog.batchSize.limit }
    public static var l2: HyperparameterLimit { HyperparameterCatalog.l2.limit }
    public static var negatives: HyperparameterLimit { HyperparameterCatalog.negatives.limit }
    public static var hideProbability: HyperparameterLimit { HyperparameterCatalog.hideProbability.limit }
    public static var maxEpochs: HyperparameterLimit { HyperparameterCatalog.maxEpochs.limit }
    public static var patience: HyperparameterLimit { HyperparameterCatalog.patience.limit }
    public static var threads: HyperparameterLimit { HyperparameterCatalog.threads.limit }
    public static var embeddingStandardDeviation: HyperparameterLimit { HyperparameterCatalog.embeddingStandardDeviation.limit }

    /// Every range problem of `h`, then the problems between fields (heads must divide dimension).
    public static func problems(of h: Hyperparameters) -> [String] {
        var found = HyperparameterCatalog.rangeProblems(of: h)
        if h.heads >= 1 && h.dimension >= 1 && h.dimension % h.heads != 0 {
            found.append("dimension \(h.dimension) is not a multiple of heads \(h.heads)")
        }
        if !h.interestPath && !h.itemPath { found.append("a model needs the interest path, the item path or both") }
        return found
    }
}
