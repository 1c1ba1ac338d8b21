/// The temporal and cold-target split of a dataset (MODEL-SPEC, Split): a role per interaction and
/// the evaluation cases derived from the roles. Built from a seed, or read back from a split file.
public struct Split: Sendable {
    /// Role of each interaction, in input order.
    public let roles: [Role]
    /// The hidden scene of each cold-target user, or −1 for other users.
    public let coldScene: [Int32]
    /// The hidden scene of each cold-validation user, or −1 for other users.
    public let coldValidationScene: [Int32]
    /// The seed the split was drawn with (nil when read from a file).
    public let seed: UInt64?
    public let warmTestCases: [EvaluationCase]
    public let validationCases: [EvaluationCase]
    public let coldCases: [EvaluationCase]
    /// Cold-validation cases (empty in a v1 split): choose epochs and settings for cold claims.
    public let coldValidationCases: [EvaluationCase]

    /// The seed every command and the explorer use when none is given, so that `mist split`,
    /// `mist train`, `mist evaluate` and the explorer's Training screen draw the same split.
    public static let defaultSeed: UInt64 = 42

    /// Draws the split of `dataset` with `seed` (the seed only decides the cold-target and
    /// cold-validation users and their hidden scenes; the temporal part has no randomness).
    /// `coldValidation: false` draws a v1 split (MODEL-SPEC before the claims protocol), whose
    /// cold-target draw is the same.
    public init(dataset: Dataset, seed: UInt64 = Split.defaultSeed, coldValidation: Bool = true) {
        var roles = TemporalSplit.roles(of: dataset)
        let draws = ColdTargetDraw.draw(dataset: dataset, seed: seed, coldValidation: coldValidation)
        var hidden = HiddenScenes(userCount: dataset.userCount)
        for (u, t) in draws.cold {
            for i in dataset.history(ofUser: u, scene: t) { roles[Int(i)] = .cold }
            hidden.cold[Int(u)] = t
        }
        for (u, t) in draws.coldValidation {
            for i in dataset.history(ofUser: u, scene: t) { roles[Int(i)] = .coldValidation }
            hidden.coldValidation[Int(u)] = t
        }
        self.init(dataset: dataset, roles: roles, hidden: hidden, seed: seed)
    }

    /// A split from given roles (e.g. read from a file); the hidden scenes are where the cold and
    /// cold-validation roles are. Throws when the roles cannot come from the protocol (see
    /// `SplitConsistency`).
    public init(dataset: Dataset, roles: [Role], file: String = "split.csv") throws(DataError) {
        let hidden = try SplitConsistency.check(dataset: dataset, roles: roles, file: file)
        self.init(dataset: dataset, roles: roles, hidden: hidden, seed: nil)
    }

    private init(dataset: Dataset, roles: [Role], hidden: HiddenScenes, seed: UInt64?) {
        self.roles = roles
        self.coldScene = hidden.cold
        self.coldValidationScene = hidden.coldValidation
        self.seed = seed
        let cases = EvaluationCases(dataset: dataset, roles: roles, hidden: hidden)
        warmTestCases = cases.warmTest
        validationCases = cases.validation
        coldCases = cases.cold
        coldValidationCases = cases.coldValidation
    }

    /// Whether the split has the cold-validation draw (a v1 split does not).
    public var hasColdValidation: Bool { !coldValidationCases.isEmpty }

    /// The cases of one kind.
    public func cases(_ kind: CaseKind) -> [EvaluationCase] {
        switch kind {
        case .warmTest: return warmTestCases
        case .validation: return validationCases
        case .cold: return coldCases
        case .coldValidation: return coldValidationCases
        }
    }

    /// Number of interactions with each role.
    public var roleCounts: [Role: Int] {
        var counts: [Role: Int] = [:]
        for role in roles { counts[role, default: 0] += 1 }
        return counts
    }
}

/// The hidden scene of each user in the cold-target and the cold-validation draw (−1: none).
struct HiddenScenes {
    var cold: [Int32]
    var coldValidation: [Int32]

    init(userCount: Int) {
        cold = Array(repeating: -1, count: userCount)
        coldValidation = Array(repeating: -1, count: userCount)
    }
}
