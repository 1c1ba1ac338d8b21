import ArgumentParser
import InterestData

/// `mist generate OUT`: writes a synthetic dataset with a planted scene-to-scene transfer matrix.
struct GenerateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Generate a synthetic dataset with a planted scene-to-scene transfer matrix (truth.json).")

    @Argument(help: "Output folder (created if missing).")
    var out: String

    @Option(help: "Number of users.")
    var users = 1000

    @Option(help: "Comma-separated scenes, each `id` or `id=display name` (default: news, tech, entertainment, sports in Chinese and English).")
    var scenes: String?

    @Option(help: "Seed for every random choice.")
    var seed: UInt64 = 7

    @Option(help: "Items per scene.")
    var itemsPerScene = 300

    @Option(help: "Mean interactions per user over all scenes.")
    var interactionsPerUser = 45.0

    @Option(help: "Planted weight of each target scene on itself (about; rows are jittered by the seed).")
    var diagonal = GeneratorParameters().diagonalWeight

    @Option(help: "Planted weight of each target scene on its partner scene, its strongest source.")
    var partner = GeneratorParameters().partnerWeight

    @Option(help: "Dirichlet concentration of latent interests (smaller = more focused users).")
    var concentration = GeneratorParameters().interestConcentration

    @Option(help: "Share of choices made by browsing rather than interest.")
    var exploration = GeneratorParameters().explorationRate

    @Option(help: "Zipf exponent of item popularity within a topic.")
    var popularityExponent = GeneratorParameters().popularityExponent

    @Option(help: "Generating mechanism: topic (the sample data's), latent or longtail (docs/REGIMES.md). The latent-factor regimes take their shape from the regime, not from --diagonal, --partner, --concentration or --popularity-exponent.")
    var regime: Regime = .topic

    @Flag(help: "Print a JSON summary.")
    var json = false

    func run() async throws {
        guard users > 0, itemsPerScene > 0, interactionsPerUser > 0, concentration > 0, popularityExponent >= 0 else {
            throw ValidationError("--users, --items-per-scene, --interactions-per-user and --concentration must be positive")
        }
        guard (0...1).contains(exploration), diagonal > 0.05, partner > 0.03, diagonal + partner <= 0.92 else {
            throw ValidationError("--exploration must be in 0…1; --diagonal and --partner positive with a sum of at most 0.92")
        }
        let sceneList = try scenes.map(Self.parseScenes) ?? GeneratorParameters.defaultScenes
        let parameters = GeneratorParameters(seed: seed, users: users, scenes: sceneList, itemsPerScene: itemsPerScene,
                                             meanInteractionsPerUser: interactionsPerUser,
                                             interestConcentration: concentration, explorationRate: exploration,
                                             diagonalWeight: diagonal, partnerWeight: partner,
                                             popularityExponent: popularityExponent, regime: regime)
        let files = SyntheticGenerator.generate(parameters)
        try files.write(to: out)
        let dataset = try Dataset.load(from: out)
        if json {
            print("{\"out\":\"\(out)\",\"users\":\(dataset.userCount),\"items\":\(dataset.itemCount),\"interactions\":\(dataset.interactionCount),\"fingerprint\":\"\(Fingerprint.hex(dataset.fingerprint))\"}")
        } else {
            print("wrote \(out): \(dataset.userCount) users, \(dataset.itemCount) items, \(dataset.interactionCount) interactions in \(dataset.sceneCount) scenes")
            print("planted transfer (row = target, columns = sources \(sceneList.map(\.id).joined(separator: ", "))):")
            for (t, row) in (dataset.truth?.transfer ?? []).enumerated() {
                print("  \(sceneList[t].id): " + row.map { String(format4: $0) }.joined(separator: " "))
            }
        }
    }

    static func parseScenes(_ text: String) throws -> [Scene] {
        let scenes = text.split(separator: ",").map { part -> Scene in
            let pieces = part.split(separator: "=", maxSplits: 1).map { String($0).trimmingCharacters(in: .whitespaces) }
            let id = pieces[0]
            let name = pieces.count > 1 ? pieces[1] : GeneratorParameters.defaultScenes.first { $0.id == id }?.name ?? id
            return Scene(id: id, name: name)
        }
        guard !scenes.isEmpty, Set(scenes.map(\.id)).count == scenes.count, !scenes.contains(where: { $0.id.isEmpty }) else {
            throw ValidationError("--scenes needs distinct, non-empty ids")
        }
        return scenes
    }
}

// Parsed from its raw value (topic, latent, longtail); --help lists them.
extension Regime: ExpressibleByArgument {}

extension String {
    /// A number with four decimals, without Foundation's format strings.
    init(format4 value: Double) {
        let scaled = Int((value * 10_000).rounded())
        let fraction = String(scaled % 10_000)
        self = "\(scaled / 10_000)." + String(repeating: "0", count: 4 - fraction.count) + fraction
    }
}
