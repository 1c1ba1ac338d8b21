import Foundation
import InterestData
import Testing
@testable import InterestModel

/// A crafted truth.json must not make the ceilings regenerate something huge or trap the
/// generator: every field is checked against the dataset and the generator's domain first, and the
/// refusal names the field.
struct RegenerationGuardTests {
    /// The small latent dataset of `PlantedCeilingTests`, with its truth.json's generator object edited.
    func dataset(editing edit: @escaping (inout [String: Any]) -> Void) throws -> Dataset {
        let files = SyntheticGenerator.generate(PlantedCeilingTests.latent(users: 60))
        return try PlantedCeilingTests.load(files) { folder in
            let url = URL(fileURLWithPath: folder + "/truth.json")
            var truth = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
            var generator = truth["generator"] as! [String: Any]
            edit(&generator)
            truth["generator"] = generator
            try JSONSerialization.data(withJSONObject: truth).write(to: url)
        }
    }

    static let crafted: [(field: String, edit: @Sendable (inout [String: Any]) -> Void)] = [
        ("generator.users", { $0["users"] = -5 }),
        ("generator.users", { $0["users"] = 2_000_000_000 }),
        ("generator.itemsPerScene", { $0["itemsPerScene"] = 0 }),
        ("generator.itemsPerScene", { $0["itemsPerScene"] = Int.max / 2 }),
        ("generator.meanInteractionsPerUser", { $0["meanInteractionsPerUser"] = 1e12 }),
        ("generator.meanInteractionsPerUser", { $0["meanInteractionsPerUser"] = -1 }),
        ("generator.explorationRate", { $0["explorationRate"] = 2 }),
        ("generator.factors.rank", { g in var f = g["factors"] as! [String: Any]; f["rank"] = 1_000_000_000; g["factors"] = f }),
        ("generator.factors.affinityScale", { g in var f = g["factors"] as! [String: Any]; f["affinityScale"] = 1e300; g["factors"] = f }),
        ("generator.factors.activeSceneShares", { g in var f = g["factors"] as! [String: Any]; f["activeSceneShares"] = [Double](); g["factors"] = f }),
        ("generator.factors is missing", { $0["factors"] = nil }),
        ("generator.activeSceneShares", { $0["activeSceneShares"] = [-1.0, 0.5] }),
        ("generator.timeSpan", { $0["timeSpan"] = 0 }),
        ("generator.timeSpan", { $0["startTime"] = Int64.max - 5 }),
    ]

    @Test(arguments: 0..<crafted.count)
    func craftedParametersAreRefusedByField(index: Int) throws {
        let (field, edit) = Self.crafted[index]
        let dataset = try dataset(editing: edit)
        #expect {
            try PlantedWorld.regenerated(for: dataset)
        } throws: { error in
            let text = "\(error)"
            return text.contains("cannot reproduce this dataset") && text.contains(field)
        }
    }

    @Test func theUneditedParametersPass() throws {
        let dataset = try dataset(editing: { _ in })
        #expect(dataset.truth?.generator?.regenerationProblem(for: dataset) == nil)
        _ = try PlantedWorld.regenerated(for: dataset)
    }
}
