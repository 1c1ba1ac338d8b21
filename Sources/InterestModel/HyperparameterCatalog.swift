import Foundation

/// A hyperparameter value that was typed wrong or is out of its range, as one readable sentence
/// ("dimension must be an integer in 1…1024 (got 2000)"). `mist` and the explorer's Training form
/// show the same sentence for the same bad value.
public struct HyperparameterProblem: Error, Equatable, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// One numeric hyperparameter: its option key, help, default, range and the one check of a typed
/// value. `mist train`/`evaluate` build their options from it and the explorer's form validates
/// with it.
public struct NumericHyperparameter<Value: Sendable>: Sendable {
    /// The long option without its dashes: "dimension", "history-length", "hide".
    public let key: String
    /// What it is, without the range or the default ("Embedding width d").
    public let help: String
    /// Said after the range in the help ("dividing the dimension").
    public let note: String?
    public let limit: HyperparameterLimit
    public let path: WritableKeyPath<Hyperparameters, Value> & Sendable
    let fromDouble: @Sendable (Double) -> Value
    let toDouble: @Sendable (Value) -> Double
    let isFloat: Bool

    /// The value `Hyperparameters()` has.
    public var defaultValue: Value { Hyperparameters()[keyPath: path] }

    /// The help `mist` shows: "Embedding width d (1…1024; default 32)."
    public var helpText: String {
        "\(help) (\(limit.rangeText)\(note.map { ", \($0)" } ?? ""); default \(HyperparameterCatalog.show(toDouble(defaultValue), integer: limit.isInteger)))."
    }

    /// The one check of a typed value: the value, or the sentence that says what is wrong.
    public func parse(_ text: String) throws(HyperparameterProblem) -> Value {
        fromDouble(try limit.value(parsing: text, float: isFloat))
    }

    /// The problem of a value already held, if any.
    public func problem(of h: Hyperparameters) -> String? { limit.problem(toDouble(h[keyPath: path])) }
}

/// One hyperparameter chosen from a list (attention kind, transfer, objective, selection).
public struct ChoiceHyperparameter<Value: RawRepresentable<String> & CaseIterable & Equatable & Sendable>: Sendable {
    public let key: String
    public let help: String
    public let path: WritableKeyPath<Hyperparameters, Value> & Sendable

    public var defaultValue: Value { Hyperparameters()[keyPath: path] }
    public var helpText: String { help + "." }
    public var values: [String] { Value.allCases.map(\.rawValue) }

    public func parse(_ text: String) throws(HyperparameterProblem) -> Value {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard let value = Value(rawValue: trimmed) else {
            throw HyperparameterProblem("\(key) must be one of \(values.joined(separator: ", ")) (got \"\(trimmed)\")")
        }
        return value
    }
}

/// The seed: any 64-bit unsigned integer.
public struct SeedHyperparameter: Sendable {
    public let key = "seed"
    public let help = "Seed for initialisation, shuffling, dropout and negatives"
    public var defaultValue: UInt64 { Hyperparameters().seed }
    public var helpText: String { "\(help) (0…2^64−1; default \(defaultValue))." }

    public func parse(_ text: String) throws(HyperparameterProblem) -> UInt64 {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard let value = UInt64(trimmed) else {
            throw HyperparameterProblem("seed must be an integer in 0…\(UInt64.max) (got \"\(trimmed)\")")
        }
        return value
    }
}

/// A setting said by a name or a switch rather than by a value of its own field: the model
/// version (which sets the item path and the objective) and the ablation switches.
public struct HyperparameterSwitch: Sendable {
    public let key: String
    public let help: String
    public var helpText: String { help + "." }
}

/// Every hyperparameter's option key, help, default and range, defined once (issue 12). The
/// options of `mist train` and `mist evaluate`, their validation, the explorer's Training form and
/// `Hyperparameters.problems()` (hence checkpoint loading) all read this table; docs/MODEL.md's
/// "Limits" lists it.
public enum HyperparameterCatalog {
    static func integer(_ key: String, _ name: String, _ path: WritableKeyPath<Hyperparameters, Int> & Sendable,
                        _ minimum: Double, _ maximum: Double, help: String, note: String? = nil) -> NumericHyperparameter<Int> {
        NumericHyperparameter(key: key, help: help, note: note, limit: HyperparameterLimit(name, minimum, maximum, integer: true),
                              path: path, fromDouble: { Int($0) }, toDouble: { Double($0) }, isFloat: false)
    }

    static func real(_ key: String, _ name: String, _ path: WritableKeyPath<Hyperparameters, Float> & Sendable,
                     _ minimum: Double, _ maximum: Double, minimumExcluded: Bool = false, help: String,
                     note: String? = nil) -> NumericHyperparameter<Float> {
        NumericHyperparameter(key: key, help: help, note: note,
                              limit: HyperparameterLimit(name, minimum, maximum, integer: false, minimumExcluded: minimumExcluded),
                              path: path, fromDouble: { Float($0) }, toDouble: { Double($0) }, isFloat: true)
    }

    public static let dimension = integer("dimension", "dimension", \.dimension, 1, 1024, help: "Embedding width d")
    public static let heads = integer("heads", "heads", \.heads, 1, 64, help: "Attention heads", note: "dividing the dimension")
    public static let historyLength = integer("history-length", "history length", \.historyLength, 1, 1000,
                                              help: "Interactions per scene read by the interest layers, L")
    public static let iterations = integer("iterations", "iterations", \.iterations, 1, 16, help: "Graph-transfer iterations K")
    public static let beta = real("beta", "beta", \.beta, 0, 1, help: "Share of the initial state kept per iteration, β")
    /// Huge rates are allowed on purpose: they diverge, and a diverged run reports the step and
    /// writes nothing. Only non-finite or non-positive rates are refused.
    public static let learningRate = real("learning-rate", "learning rate", \.learningRate, 0, Double(Float(1e30)),
                                          minimumExcluded: true, help: "Adam learning rate")
    public static let batchSize = integer("batch-size", "batch size", \.batchSize, 1, 65_536, help: "Examples per batch")
    public static let l2 = real("l2", "l2", \.l2, 0, 1000, help: "L2 weight on the item rows used")
    public static let negatives = integer("negatives", "negatives", \.negatives, 1, 1000, help: "Sampled negatives per positive")
    public static let hideProbability = real("hide", "hide probability", \.hideProbability, 0, 1,
                                             help: "Scene dropout: probability of hiding an example's target-scene history")
    public static let maxEpochs = integer("epochs", "max epochs", \.maxEpochs, 1, 10_000, help: "Maximum epochs")
    public static let patience = integer("patience", "patience", \.patience, 1, 10_000,
                                         help: "Epochs without validation improvement before stopping")
    public static let threads = integer("threads", "threads", \.threads, 1, 64, help: "Threads sharing each batch")
    /// Not an option: checkpoints record it and it is checked when they load.
    public static let embeddingStandardDeviation = real("embedding-standard-deviation", "embedding standard deviation",
                                                        \.embeddingStandardDeviation, 0, 10, minimumExcluded: true,
                                                        help: "Standard deviation of the initial embeddings")
    public static let seed = SeedHyperparameter()

    public static let version = HyperparameterSwitch(
        key: "model-version", help: "Model version: v3 (v2 plus a topic-level path), v2 (item-level path and softmax objective) or v1 (MODEL-SPEC's model exactly)")
    /// The version `Hyperparameters()` is.
    public static var defaultVersion: ModelVersion { Hyperparameters().version ?? .v3 }
    public static let noInterestPath = HyperparameterSwitch(
        key: "no-interest-path", help: "Ablation: leave the interest path out (the item path alone)")
    public static let noItemPath = HyperparameterSwitch(key: "no-item-path", help: "Ablation: leave the item path out of a v2 or v3 model")
    public static let noTopicPath = HyperparameterSwitch(key: "no-topic-path", help: "Ablation: leave the topic path out of a v3 model")

    public static let attention = ChoiceHyperparameter(key: "attention", help: "Attention scoring", path: \.attention)
    public static let transfer = ChoiceHyperparameter(key: "transfer", help: "Transfer between scenes (self: none)", path: \.transfer)
    public static let objective = ChoiceHyperparameter(
        key: "objective", help: "Ablation: training objective (default: the version's, softmax for v2 and v3, bpr for v1)", path: \.objective)
    public static let selection = ChoiceHyperparameter(
        key: "select-on", help: "Validation that picks the kept epoch: cold (cold-validation NDCG@10, ties warm) or warm",
        path: \.selection)

    /// Every range problem of `h`, in the form's order.
    public static func rangeProblems(of h: Hyperparameters) -> [String] {
        [dimension.problem(of: h), heads.problem(of: h), historyLength.problem(of: h), iterations.problem(of: h),
         beta.problem(of: h), learningRate.problem(of: h), batchSize.problem(of: h), l2.problem(of: h),
         negatives.problem(of: h), hideProbability.problem(of: h), maxEpochs.problem(of: h), patience.problem(of: h),
         threads.problem(of: h), embeddingStandardDeviation.problem(of: h)].compactMap { $0 }
    }

    /// A number as help texts and the explorer's form show it: "32", "0.002", "0.0001", "1e-05".
    static func show(_ value: Double, integer: Bool) -> String {
        integer ? String(Int(value)) : text(Float(value))
    }

    /// A real setting, short and without float noise: through 6 significant digits, since Float
    /// 0.002 is 0.0020000000949… exactly.
    public static func text(_ value: Float) -> String {
        String(format: "%g", Double(String(format: "%.6g", Double(value))) ?? Double(value))
    }
}
