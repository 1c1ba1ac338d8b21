import Foundation
import InterestData
import Testing

/// `mist inspect --cohort EXPR [--compare EXPR] --json` through the built binary.
@Suite struct CohortCommandTests {
    static let sample = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("sample-data").path

    @Test func comparesTwoCohortsAsJSON() throws {
        let a = "city = 杭州 Hangzhou and inactive in 新闻", b = "city = 杭州 Hangzhou and active in 新闻"
        let run = try HostileRunner.mist(["inspect", Self.sample, "--cohort", a, "--compare", b, "--resamples", "50", "--json"], seconds: 120)
        #expect(run.status == 0, "\(run)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any])
        let dataset = try Dataset.load(from: Self.sample)
        let facts = CohortFacts(dataset: dataset)
        let first = try #require(json["cohort"] as? [String: Any]), second = try #require(json["compare"] as? [String: Any])
        #expect(first["users"] as? Int == (try Cohort(parsing: a, in: dataset).users(in: facts).count))
        #expect(second["users"] as? Int == (try Cohort(parsing: b, in: dataset).users(in: facts).count))
        #expect(json["scene_ids"] as? [String] == dataset.scenes.map(\.id))
        let plainA = try #require(first["plain"] as? [[Double]]), plainB = try #require(second["plain"] as? [[Double]])
        let difference = try #require((json["difference"] as? [String: Any])?["plain"] as? [String: Any])
        let value = try #require(difference["value"] as? [[Double]])
        for t in 0..<4 { for s in 0..<4 { #expect(abs(value[t][s] - (plainA[t][s] - plainB[t][s])) < 1e-5) } }
        #expect((difference["beyond_noise"] as? [[Bool]])?.count == 4)
        #expect((json["bootstrap"] as? [String: Any])?["resamples"] as? Int == 50)
    }

    @Test func aBadExpressionIsRefusedWithItsPosition() throws {
        let run = try HostileRunner.mist(["inspect", Self.sample, "--cohort", "active in weather"], seconds: 60)
        #expect(run.isCleanRefusal, "\(run)")
        #expect(run.output.contains("--cohort \"active in weather\": position 11: no scene 'weather'"), "\(run.output)")
        let both = try HostileRunner.mist(["inspect", Self.sample, "--cohort", "active in news", "--user", "u0001"], seconds: 60)
        #expect(both.isCleanRefusal && both.output.contains("either --user or --cohort"), "\(both)")
    }
}
