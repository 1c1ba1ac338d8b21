/// The temporal and cold-target split of a dataset (MODEL-SPEC, Split): a role per interaction and
/// the evaluation cases derived from the roles. Built from a seed, or read back from a split file.
public struct Split: Sendable {
    /// Role of each interaction, in input order.
    public let roles: [Role]
    /// The hidden scene of each cold-target user, or −1 for other users.
    public let coldScene: [Int32]
    /// The seed the split was drawn with (nil when read from a file).
    public let seed: UInt64?
    public let warmTestCases: [EvaluationCase]
    public let validationCases: [EvaluationCase]
    public let coldCases: [EvaluationCase]

    /// The seed every command and the explorer use when none is given, so that `mist split`,
    /// `mist train`, `mist evaluate` and the explorer's Training screen draw the same split.
    public static let defaultSeed: UInt64 = 42

    /// Draws the split of `dataset` with `seed` (the seed only decides the cold-target users and
    /// their hidden scenes; the temporal part has no randomness).
    public init(dataset: Dataset, seed: UInt64 = Split.defaultSeed) {
        var roles = TemporalSplit.roles(of: dataset)
        let cold = ColdTargetDraw.draw(dataset: dataset, seed: seed)
        for (u, t) in cold {
            for i in dataset.history(ofUser: u, scene: t) { roles[Int(i)] = .cold }
        }
        var coldScene = [Int32](repeating: -1, count: dataset.userCount)
        for (u, t) in cold { coldScene[Int(u)] = t }
        self.init(dataset: dataset, roles: roles, coldScene: coldScene, seed: seed)
    }

    /// A split from given roles (e.g. read from a file); the cold scenes are where the cold roles
    /// are. Throws when the roles cannot come from the protocol (see `SplitConsistency`).
    public init(dataset: Dataset, roles: [Role], file: String = "split.csv") throws(DataError) {
        let coldScene = try SplitConsistency.check(dataset: dataset, roles: roles, file: file)
        self.init(dataset: dataset, roles: roles, coldScene: coldScene, seed: nil)
    }

    private init(dataset: Dataset, roles: [Role], coldScene: [Int32], seed: UInt64?) {
        self.roles = roles
        self.coldScene = coldScene
        self.seed = seed
        let cases = EvaluationCases(dataset: dataset, roles: roles, coldScene: coldScene)
        warmTestCases = cases.warmTest
        validationCases = cases.validation
        coldCases = cases.cold
    }

    /// The cases of one kind.
    public func cases(_ kind: CaseKind) -> [EvaluationCase] {
        switch kind {
        case .warmTest: return warmTestCases
        case .validation: return validationCases
        case .cold: return coldCases
        }
    }

    /// Number of interactions with each role.
    public var roleCounts: [Role: Int] {
        var counts: [Role: Int] = [:]
        for role in roles { counts[role, default: 0] += 1 }
        return counts
    }
}
