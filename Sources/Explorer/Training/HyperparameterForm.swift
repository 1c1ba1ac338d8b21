import Foundation
import InterestModel
import TerminalUI

/// The editable hyperparameters of the training screen: a list of fields, each a key path into
/// `Hyperparameters` with a step for ←/→; ranges and the check of typed values are
/// `HyperparameterCatalog`'s, shared with `mist train` and `mist evaluate`.
public struct HyperparameterForm: Sendable, Equatable {
    public var values: Hyperparameters
    public var selected = 0
    /// The text being typed into the selected field, when editing.
    public var editing: TextInput?

    public init(_ values: Hyperparameters) { self.values = values }

    public struct Field: Sendable {
        public let name: String
        let get: @Sendable (Hyperparameters) -> String
        /// Applies a typed value, or says what is wrong with it (`HyperparameterCatalog`'s message,
        /// the one `mist train` gives for the same value).
        let set: @Sendable (inout Hyperparameters, String) throws(HyperparameterProblem) -> Void
        /// ←/→: one step down or up.
        let step: @Sendable (inout Hyperparameters, Int) -> Void
    }

    /// The form's fields: what each shows, its step, and the catalog entry that defines its range
    /// and checks typed values.
    public static let fields: [Field] = [
        integer("dimension d", HyperparameterCatalog.dimension, step: 8),
        integer("heads H", HyperparameterCatalog.heads, step: 1),
        integer("history L", HyperparameterCatalog.historyLength, step: 10),
        integer("iterations K", HyperparameterCatalog.iterations, step: 1),
        real("beta β", HyperparameterCatalog.beta, step: 0.05),
        choice("attention", HyperparameterCatalog.attention),
        choice("transfer", HyperparameterCatalog.transfer),
        toggle("item path", \.itemPath),
        toggle("interest path", \.interestPath),
        toggle("topic path", \.topicPath),
        choice("objective", HyperparameterCatalog.objective),
        choice("select on", HyperparameterCatalog.selection),
        real("learning rate", HyperparameterCatalog.learningRate, step: 0.0005),
        integer("batch size", HyperparameterCatalog.batchSize, step: 32),
        real("l2 λ", HyperparameterCatalog.l2, step: 0.00005),
        integer("negatives", HyperparameterCatalog.negatives, step: 1),
        real("scene dropout", HyperparameterCatalog.hideProbability, step: 0.05),
        integer("max epochs", HyperparameterCatalog.maxEpochs, step: 1),
        integer("patience", HyperparameterCatalog.patience, step: 1),
        integer("threads", HyperparameterCatalog.threads, step: 1),
        Field(name: "seed", get: { String($0.seed) }, set: { h, text throws(HyperparameterProblem) in
            h.seed = try HyperparameterCatalog.seed.parse(text)
        }, step: { h, d in h.seed = d < 0 ? (h.seed == 0 ? 0 : h.seed - 1) : h.seed + 1 }),
    ]

    public var field: Field { Self.fields[selected] }

    public mutating func move(_ delta: Int) {
        selected = min(max(0, selected + delta), Self.fields.count - 1)
    }

    /// ←/→ with the same checks as typing: the value moves to the next one in that direction that
    /// passes `Hyperparameters.problems()` (heads 2 → 4 with d = 32, skipping 3), or stays and
    /// the problem is returned when there is none within reach.
    @discardableResult
    public mutating func step(_ direction: Int) -> String? {
        var candidate = values
        var firstProblem: String?
        for _ in 0..<64 {
            let before = candidate
            Self.fields[selected].step(&candidate, direction)
            guard let problem = candidate.problems().first else { values = candidate; return nil }
            if firstProblem == nil { firstProblem = problem }
            if candidate == before { break }  // at the end of the range
        }
        return firstProblem
    }

    /// Starts typing into the selected field, prefilled with its value.
    public mutating func beginEditing() { editing = TextInput(field.get(values)) }

    /// Applies the typed text; returns a problem to show when it is not a valid value: the
    /// catalog's sentence for a value out of its range or not a number (the same as `mist train`'s),
    /// else the first of `Hyperparameters.problems()` (heads must divide the dimension, …).
    public mutating func commitEditing() -> String? {
        guard let text = editing?.text else { return nil }
        editing = nil
        var candidate = values
        do { try field.set(&candidate, text) } catch { return error.description }
        if let problem = candidate.problems().first { return problem }
        values = candidate
        return nil
    }

    /// An integer field inside its catalog range (typed values outside it are refused; ←/→ stop
    /// at its ends and cannot overflow, whatever the current value).
    static func integer(_ name: String, _ setting: NumericHyperparameter<Int>, step: Int) -> Field {
        let path = setting.path, limit = setting.limit
        return Field(name: name, get: { String($0[keyPath: path]) }, set: { h, text throws(HyperparameterProblem) in
            h[keyPath: path] = try setting.parse(text)
        }, step: { h, d in
            h[keyPath: path] = Int(limit.stepped(Double(h[keyPath: path]), by: Double(step), steps: d))
        })
    }

    /// A real field inside its catalog range, finite.
    static func real(_ name: String, _ setting: NumericHyperparameter<Float>, step: Float) -> Field {
        let path = setting.path, limit = setting.limit
        return Field(name: name, get: { formatSetting($0[keyPath: path]) }, set: { h, text throws(HyperparameterProblem) in
            h[keyPath: path] = try setting.parse(text)
        }, step: { h, d in
            h[keyPath: path] = Float(limit.stepped(Double(h[keyPath: path]), by: Double(step), steps: d))
        })
    }

    /// A term of the model that is on or off (v2's item path, v3's topic path, the interest path): "on" / "off".
    static func toggle(_ name: String, _ path: WritableKeyPath<Hyperparameters, Bool> & Sendable) -> Field {
        Field(name: name, get: { $0[keyPath: path] ? "on" : "off" }, set: { h, text throws(HyperparameterProblem) in
            switch text.trimmingCharacters(in: .whitespaces).lowercased() {
            case "on", "yes", "true", "1": h[keyPath: path] = true
            case "off", "no", "false", "0": h[keyPath: path] = false
            default: throw HyperparameterProblem("\(name) must be on or off (got \"\(text)\")")
            }
        }, step: { h, _ in h[keyPath: path].toggle() })
    }

    /// A value from a list (attention kind, transfer, objective, selection); ←/→ cycle through it.
    static func choice<T>(_ name: String, _ setting: ChoiceHyperparameter<T>) -> Field {
        let path = setting.path, all = Array(T.allCases)
        return Field(name: name, get: { $0[keyPath: path].rawValue }, set: { h, text throws(HyperparameterProblem) in
            h[keyPath: path] = try setting.parse(text)
        }, step: { h, d in
            let i = all.firstIndex(of: h[keyPath: path]) ?? 0
            h[keyPath: path] = all[(i + d + all.count) % all.count]
        })
    }
}

/// A setting as the form shows it: short, without float noise ("0.002", "0.0001", "1e-05"), as
/// `mist train --help` shows defaults.
func formatSetting(_ value: Float) -> String { HyperparameterCatalog.text(value) }
