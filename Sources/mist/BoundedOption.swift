import Foundation
import ArgumentParser
import InterestModel

/// Parsers for numeric options that are not hyperparameters (those are in `HyperparameterOptions`)
/// and must be finite and inside a documented range. A bad value is refused while the command line
/// is read, with the range in the message ("--users must be an integer in 1…1000000 (got -5)"),
/// before any data is read; the check and its message are `HyperparameterLimit`'s, as for
/// hyperparameters.
enum Bounded {
    static func integer(_ limit: HyperparameterLimit) -> @Sendable (String) throws -> Int {
        { text in Int(try limit.value(parsing: text)) }
    }

    static func double(_ limit: HyperparameterLimit) -> @Sendable (String) throws -> Double {
        { text in try limit.value(parsing: text) }
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
    static let resamples = HyperparameterLimit(name: "--resamples", 10, 10_000, integer: true)
}
