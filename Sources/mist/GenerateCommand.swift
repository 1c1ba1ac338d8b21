import ArgumentParser
import Foundation
import InterestData

/// `mist generate OUT`: writes a synthetic dataset with a planted scene-to-scene transfer matrix.
struct GenerateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Generate a synthetic dataset with a planted scene-to-scene transfer matrix (truth.json).")

    @Argument(help: "Output folder (created if missing).")
    var out: String

    @Option(parsing: .unconditional, help: "Number of users (1…1000000).", transform: Bounded.integer(OptionLimits.users))
    var users = 1000

    @Option(help: "Comma-separated scenes, each `id` or `id=display name` (default: news, tech, entertainment, sports in Chinese and English).")
    var scenes: String?

    @Option(parsing: .unconditional, help: "Seed for every random choice (0…2^64−1).")
    var seed: UInt64 = 7

    @Option(parsing: .unconditional, help: "Items per scene (1…100000).", transform: Bounded.integer(OptionLimits.itemsPerScene))
    var itemsPerScene = 300

    @Option(parsing: .unconditional, help: "Mean interactions per user over all scenes (> 0, at most 10000; users × this at most 50 million).",
            transform: Bounded.double(OptionLimits.interactionsPerUser))
    var interactionsPerUser = 45.0

    @Option(parsing: .unconditional, help: "Planted weight of each target scene on itself (about; rows are jittered by the seed; > 0.05).",
            transform: Bounded.double(OptionLimits.diagonal))
    var diagonal = GeneratorParameters().diagonalWeight

    @Option(parsing: .unconditional, help: "Planted weight of each target scene on its partner scene, its strongest source (> 0.03; diagonal + partner at most 0.92).",
            transform: Bounded.double(OptionLimits.partner))
    var partner = GeneratorParameters().partnerWeight

    @Option(parsing: .unconditional, help: "Dirichlet concentration of latent interests (smaller = more focused users; > 0, at most 100).",
            transform: Bounded.double(OptionLimits.concentration))
    var concentration = GeneratorParameters().interestConcentration

    @Option(parsing: .unconditional, help: "Share of choices made by browsing rather than interest (0…1).", transform: Bounded.double(OptionLimits.exploration))
    var exploration = GeneratorParameters().explorationRate

    @Option(parsing: .unconditional, help: "Zipf exponent of item popularity within a topic (0…10).", transform: Bounded.double(OptionLimits.popularityExponent))
    var popularityExponent = GeneratorParameters().popularityExponent

    @Option(help: "Generating mechanism: topic (the sample data's), latent or longtail (docs/REGIMES.md). The latent-factor regimes take their shape from the regime, not from --diagonal, --partner, --concentration or --popularity-exponent.")
    var regime: Regime = .topic

    @Flag(help: "Print a JSON summary.")
    var json = false

    @Flag(help: "Replace OUT even when it is a folder that is not empty (the whole folder is replaced).")
    var force = false

    /// Every option in its range (checked while parsing) and the ones that depend on each other.
    func validate() throws {
        guard diagonal + partner <= 0.92 else {
            throw ValidationError("--diagonal plus --partner must be at most 0.92 (got \(diagonal + partner))")
        }
        guard Double(users) * interactionsPerUser <= OptionLimits.maximumInteractions else {
            throw ValidationError("--users × --interactions-per-user must be at most 50000000 interactions (got \(Double(users) * interactionsPerUser))")
        }
        if let scenes { _ = try Self.parseScenes(scenes) }
    }

    func run() async throws {
        let sceneList = try scenes.map(Self.parseScenes) ?? GeneratorParameters.defaultScenes
        let parameters = GeneratorParameters(seed: seed, users: users, scenes: sceneList, itemsPerScene: itemsPerScene,
                                             meanInteractionsPerUser: interactionsPerUser,
                                             interestConcentration: concentration, explorationRate: exploration,
                                             diagonalWeight: diagonal, partnerWeight: partner,
                                             popularityExponent: popularityExponent, regime: regime)
        let files = SyntheticGenerator.generate(parameters)
        try files.writeFolder(to: out, replacing: force)
        let dataset = try DatasetOpening.load(out)
        if json {
            try JSONOutput.print(["out": out, "users": dataset.userCount, "items": dataset.itemCount,
                                  "interactions": dataset.interactionCount, "fingerprint": Fingerprint.hex(dataset.fingerprint)])
        } else {
            print("wrote \(out): \(dataset.userCount) users, \(dataset.itemCount) items, \(dataset.interactionCount) interactions in \(dataset.sceneCount) scenes")
            print("planted transfer (row = target, columns = sources \(sceneList.map(\.id).joined(separator: ", "))):")
            for (t, row) in (dataset.truth?.transfer ?? []).enumerated() {
                print("  \(sceneList[t].id): " + row.map { String(format4: $0) }.joined(separator: " "))
            }
        }
    }

    /// `id` or `id=display name`, comma-separated: 1 to 64 distinct, non-empty ids without
    /// control characters.
    static func parseScenes(_ text: String) throws -> [Scene] {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false)
        var scenes: [Scene] = []
        for (k, part) in parts.enumerated() {
            let pieces = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                .map { String($0).trimmingCharacters(in: .whitespaces) }
            let id = pieces.first ?? ""
            guard !id.isEmpty else { throw ValidationError("--scenes: scene \(k + 1) of \"\(text)\" has an empty id (expected id or id=name, comma-separated)") }
            let name = pieces.count > 1 && !pieces[1].isEmpty ? pieces[1] : GeneratorParameters.defaultScenes.first { $0.id == id }?.name ?? id
            guard !(id + name).unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
                throw ValidationError("--scenes: scene \(k + 1) contains a control character")
            }
            scenes.append(Scene(id: id, name: name))
        }
        guard scenes.count <= OptionLimits.maximumScenes else {
            throw ValidationError("--scenes: at most \(OptionLimits.maximumScenes) scenes (got \(scenes.count))")
        }
        guard Set(scenes.map(\.id)).count == scenes.count else { throw ValidationError("--scenes needs distinct ids") }
        return scenes
    }
}

// Parsed from its raw value (topic, latent, longtail); --help lists them.
extension Regime: ExpressibleByArgument {}

extension String {
    /// A number with four decimals, without Foundation's format strings.
    init(format4 value: Double) {
        guard value.isFinite, abs(value) < 1e14 else { self = "\(value)"; return }
        let scaled = Int((value * 10_000).rounded())
        let magnitude = scaled.magnitude
        let fraction = String(magnitude % 10_000)
        self = (scaled < 0 ? "-" : "") + "\(magnitude / 10_000)." + String(repeating: "0", count: 4 - fraction.count) + fraction
    }
}
