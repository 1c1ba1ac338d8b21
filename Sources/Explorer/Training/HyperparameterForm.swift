import Foundation
import InterestModel
import TerminalUI

/// The editable hyperparameters of the training screen: a list of fields, each a key path into
/// `Hyperparameters` with a step for ←/→ and a parser for typed values.
public struct HyperparameterForm: Sendable {
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
    }

    public static let fields: [Field] = [
        integer("dimension d", \.dimension, step: 8, minimum: 1),
        integer("heads H", \.heads, step: 1, minimum: 1),
        integer("history L", \.historyLength, step: 10, minimum: 1),
        integer("iterations K", \.iterations, step: 1, minimum: 1),
        real("beta β", \.beta, step: 0.05, minimum: 0, maximum: 1),
        choice("attention", \.attention, AttentionKind.allCases),
        choice("transfer", \.transfer, TransferMode.allCases),
        real("learning rate", \.learningRate, step: 0.0005, minimum: 0.0001, maximum: 1),
        integer("batch size", \.batchSize, step: 32, minimum: 1),
        real("l2 λ", \.l2, step: 0.00005, minimum: 0, maximum: 1),
        integer("negatives", \.negatives, step: 1, minimum: 1),
        real("scene dropout", \.hideProbability, step: 0.05, minimum: 0, maximum: 1),
        integer("max epochs", \.maxEpochs, step: 1, minimum: 1),
        integer("patience", \.patience, step: 1, minimum: 1),
        integer("threads", \.threads, step: 1, minimum: 1),
        Field(name: "seed", get: { String($0.seed) }, set: { h, text in
            guard let v = UInt64(text) else { return false }; h.seed = v; return true
        }, step: { h, d in h.seed = d < 0 ? (h.seed == 0 ? 0 : h.seed - 1) : h.seed + 1 }),
    ]

    public var field: Field { Self.fields[selected] }

    public mutating func move(_ delta: Int) {
        selected = min(max(0, selected + delta), Self.fields.count - 1)
    }

    public mutating func step(_ direction: Int) { Self.fields[selected].step(&values, direction) }

    /// Starts typing into the selected field, prefilled with its value.
    public mutating func beginEditing() { editing = TextInput(field.get(values)) }

    /// Applies the typed text; returns a problem to show when it is not a valid value.
    public mutating func commitEditing() -> String? {
        guard let text = editing?.text else { return nil }
        editing = nil
        var candidate = values
        guard field.set(&candidate, text.trimmingCharacters(in: .whitespaces)) else {
            return "\(field.name): \"\(text)\" is not a valid value"
        }
        if let problem = candidate.problems().first { return problem }
        values = candidate
        return nil
    }

    static func integer(_ name: String, _ path: WritableKeyPath<Hyperparameters, Int> & Sendable, step: Int, minimum: Int) -> Field {
        Field(name: name, get: { String($0[keyPath: path]) }, set: { h, text in
            guard let v = Int(text), v >= minimum else { return false }
            h[keyPath: path] = v; return true
        }, step: { h, d in h[keyPath: path] = max(minimum, h[keyPath: path] + d * step) })
    }

    static func real(_ name: String, _ path: WritableKeyPath<Hyperparameters, Float> & Sendable, step: Float, minimum: Float, maximum: Float) -> Field {
        Field(name: name, get: { formatSetting($0[keyPath: path]) }, set: { h, text in
            guard let v = Float(text), v >= minimum, v <= maximum else { return false }
            h[keyPath: path] = v; return true
        }, step: { h, d in
            let next = (h[keyPath: path] + Float(d) * step) / step
            h[keyPath: path] = min(maximum, max(minimum, next.rounded() * step))
        })
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
