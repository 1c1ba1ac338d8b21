import ArgumentParser
import InterestData

/// `mist split DIR --out FILE`: writes the temporal and cold-target split, one row per interaction.
struct SplitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "split",
        abstract: "Write the temporal and cold-target split (user_id,item_id,timestamp,role per interaction).")

    @Argument(help: "Dataset folder.")
    var directory: String

    @Option(help: "Split file to write.")
    var out: String

    @Option(parsing: .unconditional, help: "Seed of the cold-target draw (0…2^64−1; the same default as train, evaluate and the explorer).")
    var seed: UInt64 = Split.defaultSeed

    @Flag(help: "Print a JSON summary.")
    var json = false

    func run() async throws {
        let dataset = try DatasetOpening.load(directory)
        try OutputPathGuard.check(output: out, dataset: directory)
        let split = Split(dataset: dataset, seed: seed)
        try split.write(to: out, for: dataset)
        let counts = split.roleCounts
        if json {
            var roles: [String: Any] = [:]
            for role in Role.allCases { roles["\(role)"] = counts[role, default: 0] }
            try JSONOutput.print(["out": out, "seed": seed, "roles": roles,
                                  "cases": ["warm-test": split.warmTestCases.count, "validation": split.validationCases.count,
                                            "cold": split.coldCases.count]])
        } else {
            print("wrote \(out): " + Role.allCases.map { "\($0) \(counts[$0, default: 0])" }.joined(separator: ", "))
            print("cases: warm test \(split.warmTestCases.count), validation \(split.validationCases.count), cold target \(split.coldCases.count), cold validation \(split.coldValidationCases.count)")
        }
    }
}
