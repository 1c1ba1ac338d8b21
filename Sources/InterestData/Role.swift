/// What the split does with one interaction (MODEL-SPEC, Split).
public enum Role: UInt8, Sendable, CaseIterable, CustomStringConvertible {
    /// Used for training (as input and, when y ≥ 0, as target).
    case train
    /// Held out to choose hyperparameters and epochs; never trained on.
    case validation
    /// Held out for the warm test; never trained on.
    case test
    /// An interaction of a cold-target user's hidden scene: never trained on, ranked at test time.
    case cold
    /// A negative interaction after the first validation item of its (user, scene): unused.
    case dropped
    /// An interaction of a cold-validation user's hidden scene (the second seeded draw of the
    /// claims protocol): never trained on, ranked to choose epochs and hyperparameters for
    /// cold-target claims. Declared last so that older roles keep their byte in fingerprints.
    case coldValidation

    /// The name written in split files.
    public var description: String {
        switch self {
        case .train: return "train"
        case .validation: return "validation"
        case .test: return "test"
        case .cold: return "cold"
        case .dropped: return "dropped"
        case .coldValidation: return "cold-validation"
        }
    }

    /// The role named `name` in a split file, or nil.
    public init?(name: String) {
        guard let role = Role.allCases.first(where: { $0.description == name }) else { return nil }
        self = role
    }
}

/// The three kinds of evaluation case.
public enum CaseKind: String, Sendable, CaseIterable {
    /// The last interactions of a (user, scene) with its own earlier history available.
    case warmTest = "warm-test"
    /// The validation interactions of a (user, scene).
    case validation
    /// A cold-target user's hidden scene, ranked from their other scenes alone.
    case cold
    /// A cold-validation user's hidden scene, ranked like a cold case; for model selection only.
    case coldValidation = "cold-validation"
}

/// One ranking task: rank every item of `scene` for `user`, given `history`, and find `targets`.
public struct EvaluationCase: Sendable, Equatable {
    public var user: Int32
    public var scene: Int32
    public var kind: CaseKind
    /// Distinct target items, in order of first appearance.
    public var targets: [Int32]
    /// Interaction indices the model may use, in the user's chronological order.
    public var history: [Int32]

    public init(user: Int32, scene: Int32, kind: CaseKind, targets: [Int32], history: [Int32]) {
        self.user = user; self.scene = scene; self.kind = kind; self.targets = targets; self.history = history
    }
}
