import Foundation
import ArgumentParser
import InterestModel

/// Parsers for numeric options that must be finite and inside a documented range. A bad value is
/// refused while the command line is read, with the range in the message ("negatives must be an
/// integer in 1…1000 (got 1000000000)"), before any data is read. `1e9` is read as the integer it
/// names so that the message is about its size, not its spelling.
enum Bounded {
    struct Refusal: Error, CustomStringConvertible {
        let description: String
    }

    static func integer(_ limit: HyperparameterLimit) -> @Sendable (String) throws -> Int {
        { text in
            guard let value = number(text) else {
                throw Refusal(description: "not a number; \(limit.name) must be an integer in \(limit.rangeText)")
            }
            if let problem = limit.problem(value) { throw Refusal(description: problem) }
            return Int(value)
        }
    }

    static func real(_ limit: HyperparameterLimit) -> @Sendable (String) throws -> Float {
        { text in
            guard let value = number(text) else {
                throw Refusal(description: "not a number; \(limit.name) must be in \(limit.rangeText)")
            }
            // A Double that overflows Float (1e39) becomes infinite and is refused as such.
            if let problem = limit.problem(Double(Float(value))) {
                throw Refusal(description: problem)
            }
            return Float(value)
        }
    }

    static func double(_ limit: HyperparameterLimit) -> @Sendable (String) throws -> Double {
        { text in
            guard let value = number(text) else {
                throw Refusal(description: "not a number; \(limit.name) must be in \(limit.rangeText)")
            }
            if let problem = limit.problem(value) { throw Refusal(description: problem) }
            return value
        }
    }

    /// The number `text` spells (an integer, or a decimal or exponent form), or nil.
    static func number(_ text: String) -> Double? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let integer = Int(trimmed) { return Double(integer) }
        guard let value = Double(trimmed) else { return nil }
        return value
    }
}

/// Ranges of options that are not model hyperparameters (docs/DATA-FORMAT.md and README).
enum OptionLimits {
    static let users = HyperparameterLimit(name: "--users", 1, 1_000_000, integer: true)
    static let itemsPerScene = HyperparameterLimit(name: "--items-per-scene", 1, 100_000, integer: true)
    static let interactionsPerUser = HyperparameterLimit(name: "--interactions-per-user", 0, 10_000, integer: false, minimumExcluded: true)
    /// users × interactions per user: what the generator holds in memory.
    static let maximumInteractions = 50_000_000.0
    static let concentration = HyperparameterLimit(name: "--concentration", 0, 100, integer: false, minimumExcluded: true)
    static let exploration = HyperparameterLimit(name: "--exploration", 0, 1, integer: false)
    static let diagonal = HyperparameterLimit(name: "--diagonal", 0.05, 0.92, integer: false, minimumExcluded: true)
    static let partner = HyperparameterLimit(name: "--partner", 0.03, 0.92, integer: false, minimumExcluded: true)
    static let popularityExponent = HyperparameterLimit(name: "--popularity-exponent", 0, 10, integer: false)
    static let maximumScenes = 64
    static let k = HyperparameterLimit(name: "-k", 1, 10_000, integer: true)
    static let problemLimit = HyperparameterLimit(name: "--limit", 1, 1_000_000, integer: true)
}
