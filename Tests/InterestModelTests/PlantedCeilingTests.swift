import Foundation
import InterestData
@testable import InterestModel
import Testing

/// The ceiling scorers (`planted`, `planted-cold`): the world they read is the one behind the
/// files, they are refused on data their truth.json does not describe, and they measure what
/// they should: a warm ceiling far above popularity, a cold one that gains nothing where almost
/// nothing transfers.
@Suite struct PlantedCeilingTests {
    static func latent(users: Int = 200, seed: UInt64 = 11) -> GeneratorParameters {
        GeneratorParameters(seed: seed, users: users, scenes: GeneratorParameters.plainScenes(6), itemsPerScene: 60,
                            meanInteractionsPerUser: 20, regime: .latent)
    }

    /// Writes `files` into a fresh folder, lets `edit` change it, and loads it.
    static func load(_ files: GeneratedFiles, edit: (String) throws -> Void = { _ in }) throws -> Dataset {
        let folder = NSTemporaryDirectory() + "mist-ceiling-test-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try files.write(to: folder)
        try edit(folder)
        return try Dataset.load(from: folder)
    }

    static func warmNDCG(_ scorer: some CaseScorer, _ dataset: Dataset, _ split: Split) -> Double {
        Evaluator.evaluate(scorer, cases: split.warmTestCases, dataset: dataset).overall.average(at: 10).ndcg
    }

    @Test(arguments: [Regime.topic, .latent])
    func theWorldComesWithTheSameFilesAndNamesTheDatasetsUsersAndItems(regime: Regime) throws {
        let parameters = regime == .topic
            ? GeneratorParameters(seed: 11, users: 150, itemsPerScene: 40, meanInteractionsPerUser: 20) : Self.latent()
        let (files, world) = SyntheticGenerator.generatePlanted(parameters)
        #expect(files.files == SyntheticGenerator.generate(parameters).files)
        let dataset = try Self.load(files)
        #expect(world.userIDs.count == parameters.users && world.sceneIDs == dataset.scenes.map(\.id))
        for u in 0..<Int32(dataset.userCount) { #expect(world.userIDs.contains(dataset.userID(u))) }
        #expect(world.itemIDs == (0..<Int32(dataset.itemCount)).map(dataset.itemID))
        for (s, range) in world.sceneItems.enumerated() {
            #expect(dataset.itemsByScene[s].map { world.itemIDs[Int($0)] } == Array(world.itemIDs[range]))
            // A choice distribution: the probabilities of a scene's items sum to one.
            let p = world.logChoiceScores(user: 0, scene: s, target: .known).reduce(0) { $0 + exp($1) }
            #expect(abs(p - 1) < 1e-9)
        }
        // Regenerated from truth.json, the world is the same one.
        let regenerated = try PlantedWorld.regenerated(for: dataset)
        #expect(regenerated.logChoiceScores(user: 7, scene: 1, target: .known) == world.logChoiceScores(user: 7, scene: 1, target: .known))
    }

    /// Warm NDCG@10 of `planted`, `planted-cold` and popularity on data generated from `parameters`
    /// (split seed 42), with the world regenerated from its truth.json.
    static func warmNDCGs(_ parameters: GeneratorParameters) throws -> (planted: Double, cold: Double, popularity: Double) {
        let dataset = try load(SyntheticGenerator.generate(parameters))
        let split = Split(dataset: dataset, seed: 42)
        let world = try PlantedWorld.regenerated(for: dataset)
        return (warmNDCG(try PlantedCeiling(.planted, world: world, dataset: dataset), dataset, split),
                warmNDCG(try PlantedCeiling(.plantedCold, world: world, dataset: dataset), dataset, split),
                warmNDCG(PopularityBaseline(dataset: dataset, split: split), dataset, split))
    }

    @Test func plantedBeatsPopularityByAWideMarginOnWarmCases() throws {
        let (planted, cold, popularity) = try Self.warmNDCGs(Self.latent())
        print("warm NDCG@10: planted \(planted), planted-cold \(cold), popularity \(popularity)")
        #expect(planted > 1.6 * popularity, "planted \(planted) vs popularity \(popularity)")
        // Knowing the target's own taste is worth more than knowing only the sources.
        #expect(planted > cold && cold > popularity)
    }

    @Test func plantedColdGainsLittleOverPopularityWhereAlmostNothingTransfers() throws {
        var parameters = Self.latent()
        // Every target keeps 95% of its taste (the generator's cap): the sources say almost nothing.
        parameters.factors!.diagonalWeight = 0.95
        parameters.factors!.diagonalJitter = 0
        let (planted, cold, popularity) = try Self.warmNDCGs(parameters)
        print("identity-ish T, warm NDCG@10: planted \(planted), planted-cold \(cold), popularity \(popularity)")
        #expect(cold < 1.15 * popularity, "planted-cold \(cold) vs popularity \(popularity)")
        #expect(planted > 1.6 * popularity)
    }

    @Test func dataTruthJSONDoesNotDescribeIsRefusedWithTheReason() throws {
        let files = SyntheticGenerator.generate(Self.latent(users: 60))
        // One rating changed in interactions.csv: the generator's parameters no longer reproduce it.
        let edited = try Self.load(files) { folder in
            let path = folder + "/interactions.csv"
            var lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            var fields = lines[1].split(separator: ",").map(String.init)
            fields[3] = fields[3] == "5" ? "1" : "5"
            lines[1] = fields.joined(separator: ",")
            try lines.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
        }
        #expect {
            try PlantedWorld.regenerated(for: edited)
        } throws: { error in
            let text = "\(error)"
            return text.contains("truth.json's generator parameters (seed 11, regime latent, 60 users) do not reproduce this dataset")
        }
        // The comparison says which models and why, before anything is scored.
        let request = ComparisonRequest(models: ["planted-cold", "popularity"], hyperparameters: Hyperparameters(), full: "")
        #expect {
            _ = try Comparison.run(dataset: edited, splits: [Split(dataset: edited, seed: 42)], request: request)
        } throws: { error in
            "\(error)".contains("the planted ceilings (planted, planted-cold, planted-estimated) cannot be used on this dataset: truth.json's")
        }
        // truth.json without mist's generator parameters, and no truth.json at all.
        let foreign = try Self.load(files) { folder in
            let truth = Truth(scenes: GeneratorParameters.plainScenes(6).map(\.id),
                              transfer: (0..<6).map { t in (0..<6).map { $0 == t ? 1.0 : 0 } })
            let data = try JSONEncoder().encode(truth)
            try data.write(to: URL(fileURLWithPath: folder + "/truth.json"))
        }
        #expect(throws: PlantedWorldError.self) { try PlantedWorld.regenerated(for: foreign) }
        #expect { try PlantedWorld.regenerated(for: foreign) } throws: { "\($0)".contains("truth.json carries no `generator` parameters") }
        #expect { try PlantedWorld.regenerated(for: TinyDataset.make()) } throws: { "\($0)".contains("needs the dataset's truth.json") }
    }

    @Test func aComparisonOfCeilingsAndPopularityTrainsNoModelAndGivesTheCeilingsLifts() throws {
        let dataset = try Self.load(SyntheticGenerator.generate(Self.latent()))
        let splits = Comparison.draws(of: dataset, firstSeed: 42, repeats: 2)
        let request = ComparisonRequest(models: ["planted", "planted-cold", "popularity"], hyperparameters: Hyperparameters(), full: "")
        let (comparison, models) = try Comparison.run(dataset: dataset, splits: splits, request: request)
        #expect(models.isEmpty && comparison.full.isEmpty && comparison.lifts.isEmpty)
        for name in request.models { #expect(comparison.row(model: name, cases: "cold")?.count ?? 0 > 0, "\(name)") }
        let lift = try #require(comparison.ceilingLift("planted-cold", over: "popularity", metric: "ndcg"))
        let cold = try #require(comparison.row(model: "planted-cold", cases: "cold")).ndcg
        let popularity = try #require(comparison.row(model: "popularity", cases: "cold")).ndcg
        #expect(abs(lift.value - (cold / popularity - 1)) < 1e-9 && lift.count == comparison.row(model: "popularity", cases: "cold")!.count)
        // A ceiling's lift is over models that are not ceilings; no ceiling is a baseline.
        #expect(comparison.ceilingLift("planted", over: "planted-cold", metric: "ndcg") == nil)
        #expect(comparison.ceilingLifts!.allSatisfy { $0.lift.over == "popularity" })
        #expect(Set(Comparison.ceilings).isDisjoint(with: Comparison.baselines + Comparison.models))
        // Saved and read back (`mist report`), the ceilings' lifts are kept.
        let decoded = try JSONDecoder().decode(Comparison.self, from: JSONEncoder().encode(comparison))
        #expect(decoded == comparison)
        // A transfer model in the list needs to be the full model.
        let mixed = ComparisonRequest(models: ["planted", "self"], hyperparameters: Hyperparameters(), full: "")
        #expect { _ = try Comparison.run(dataset: dataset, splits: splits, request: mixed) } throws: { "\($0)".contains("self is a transfer model") }
    }
}
