import Foundation
import InterestModel
import TerminalUI

/// The editable hyperparameters of the training screen: a list of fields, each a key path into
/// `Hyperparameters` with a step for ←/→ and a parser for typed values.
public struct HyperparameterForm: Sendable, Equatable {
    public var values: Hyperparameters
    public var selected = 0
    /// The text being typed into the selected field, when editing.
    public var editing: TextInput?

    public init(_ values: Hyperparameters) { self.values = values }

    public struct Field: Sendable {
        public let name: String
        let get: @Sendable (Hyperparameters) -> String
        /// Applies a typed value; nil when the text is not a valid value.
        let set: @Sendable (inout Hyperparameters, String) -> Bool
        /// ←/→: one step down or up.
        let step: @Sendable (inout Hyperparameters, Int) -> Void
        /// The documented range, for messages.
        var range: String? = nil
    }

    public static let fields: [Field] = [
        integer("dimension d", \.dimension, step: 8, HyperparameterLimits.dimension),
        integer("heads H", \.heads, step: 1, HyperparameterLimits.heads),
        integer("history L", \.historyLength, step: 10, HyperparameterLimits.historyLength),
        integer("iterations K", \.iterations, step: 1, HyperparameterLimits.iterations),
        real("beta β", \.beta, step: 0.05, HyperparameterLimits.beta),
        choice("attention", \.attention, AttentionKind.allCases),
        choice("transfer", \.transfer, TransferMode.allCases),
        toggle("item path", \.itemPath),
        toggle("interest path", \.interestPath),
        choice("objective", \.objective, TrainingObjective.allCases),
        choice("select on", \.selection, SelectionCases.allCases),
        real("learning rate", \.learningRate, step: 0.0005, HyperparameterLimits.learningRate),
        integer("batch size", \.batchSize, step: 32, HyperparameterLimits.batchSize),
        real("l2 λ", \.l2, step: 0.00005, HyperparameterLimits.l2),
        integer("negatives", \.negatives, step: 1, HyperparameterLimits.negatives),
        real("scene dropout", \.hideProbability, step: 0.05, HyperparameterLimits.hideProbability),
        integer("max epochs", \.maxEpochs, step: 1, HyperparameterLimits.maxEpochs),
        integer("patience", \.patience, step: 1, HyperparameterLimits.patience),
        integer("threads", \.threads, step: 1, HyperparameterLimits.threads),
        Field(name: "seed", get: { String($0.seed) }, set: { h, text in
            guard let v = UInt64(text) else { return false }; h.seed = v; return true
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

    /// Applies the typed text; returns a problem to show when it is not a valid value.
    public mutating func commitEditing() -> String? {
        guard let text = editing?.text else { return nil }
        editing = nil
        var candidate = values
        guard field.set(&candidate, text.trimmingCharacters(in: .whitespaces)) else {
            return "\(field.name): \"\(text)\" is not a valid value" + (field.range.map { " (\($0))" } ?? "")
        }
        if let problem = candidate.problems().first { return problem }
        values = candidate
        return nil
    }

    /// An integer field inside `limit` (typed values outside it are refused; ←/→ stop at its ends
    /// and cannot overflow, whatever the current value).
    static func integer(_ name: String, _ path: WritableKeyPath<Hyperparameters, Int> & Sendable, step: Int,
                        _ limit: HyperparameterLimit) -> Field {
        Field(name: name, get: { String($0[keyPath: path]) }, set: { h, text in
            guard let v = Int(text), limit.contains(Double(v)) else { return false }
            h[keyPath: path] = v; return true
        }, step: { h, d in
            h[keyPath: path] = Int(limit.stepped(Double(h[keyPath: path]), by: Double(step), steps: d))
        }, range: "an integer in \(limit.rangeText)")
    }

    /// A real field inside `limit`, finite.
    static func real(_ name: String, _ path: WritableKeyPath<Hyperparameters, Float> & Sendable, step: Float,
                     _ limit: HyperparameterLimit) -> Field {
        Field(name: name, get: { formatSetting($0[keyPath: path]) }, set: { h, text in
            guard let v = Float(text), limit.contains(Double(v)) else { return false }
            h[keyPath: path] = v; return true
        }, step: { h, d in
            h[keyPath: path] = Float(limit.stepped(Double(h[keyPath: path]), by: Double(step), steps: d))
        }, range: limit.minimumExcluded ? limit.rangeText : "in \(limit.rangeText)")
    }

    /// A term of the model that is on or off (v2's item path, the interest path): "on" / "off".
    static func toggle(_ name: String, _ path: WritableKeyPath<Hyperparameters, Bool> & Sendable) -> Field {
        Field(name: name, get: { $0[keyPath: path] ? "on" : "off" }, set: { h, text in
            switch text.lowercased() {
            case "on", "yes", "true", "1": h[keyPath: path] = true
            case "off", "no", "false", "0": h[keyPath: path] = false
            default: return false
            }
            return true
        }, step: { h, _ in h[keyPath: path].toggle() })
    }

    static func choice<T: RawRepresentable<String> & CaseIterable & Equatable & Sendable>(
        _ name: String, _ path: WritableKeyPath<Hyperparameters, T> & Sendable, _ all: [T]
    ) -> Field {
        Field(name: name, get: { $0[keyPath: path].rawValue }, set: { h, text in
            guard let v = T(rawValue: text) else { return false }
            h[keyPath: path] = v; return true
        }, step: { h, d in
            let i = all.firstIndex(of: h[keyPath: path]) ?? 0
            h[keyPath: path] = all[(i + d + all.count) % all.count]
        })
    }
}

/// A setting as the form shows it: short, without float noise ("0.002", "0.0001", "1e-05").
func formatSetting(_ value: Float) -> String {
    // Through Double with 6 significant digits: Float 0.002 is 0.0020000000949… exactly.
    String(format: "%g", Double(String(format: "%.6g", Double(value))) ?? Double(value))
}
