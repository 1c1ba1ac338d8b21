import Foundation
import InterestData
import InterestModel
import Testing

/// `mist cases DATA --json` through the built binary: the same report as `ColdCaseReport.make`
/// (which the Cases screen runs too), now that `make` also reports progress and can be cancelled.
@Suite struct CasesCommandTests {
    @Test func printsColdCaseReportMakesRanksAsJSON() throws {
        let sample = CohortCommandTests.sample
        let run = try HostileRunner.mist(["cases", sample, "--depth", "20", "--json"], seconds: 180)
        #expect(run.status == 0, "\(run)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any])
        let dataset = try Dataset.load(from: sample)
        let (model, info) = try Checkpoint.load(from: URL(fileURLWithPath: sample + "/model.safetensors"), dataset: dataset)
        let split = info.split(seed: info.splitSeed ?? Split.defaultSeed, in: dataset)
        let name = Comparison.name(of: model.hyperparameters)
        let report = try ColdCaseReport.make(model: model, name: name, split: split, dataset: dataset, depth: 20, threads: model.hyperparameters.threads)
        #expect(json["cases"] as? Int == report.cases.count && json["wins"] as? Int == report.wins && json["losses"] as? Int == report.losses)
        #expect(json["models"] as? [String] == report.models)
        let rows = try #require(json["rows"] as? [[String: Any]])
        #expect(rows.count == report.cases.count)
        for (row, c) in zip(rows, report.cases) {
            #expect(row["user"] as? String == dataset.userID(c.user))
            let ranks = try #require(row["ranks"] as? [String: [Any]])
            for (m, model) in report.models.enumerated() {
                #expect(ranks[model]?.map { $0 as? Int } == c.ranks[m])
            }
        }
    }
}
