import Foundation
import InterestData
import InterestModel
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

/// `mist recommend --what-if EDITS.json` gives what the model gives on the edited history, with
/// each item's rank before the edits.
@Suite struct WhatIfCommandTests {
    @Test func recommendAfterEditsMatchesTheModel() throws {
        let sample = CohortCommandTests.sample
        let dataset = try Dataset.load(from: sample)
        let (model, _) = try Checkpoint.load(from: URL(fileURLWithPath: sample + "/model.safetensors"), dataset: dataset)
        let tech = dataset.itemsByScene[Int(dataset.sceneIndex(id: "tech")!)]
        let json = #"{"edits": [{"add": {"item": "\#(dataset.itemID(tech[0]))", "sentiment": 1}}, {"hide": {"scene": "news"}}]}"#
        let file = NSTemporaryDirectory() + "mist-whatif-\(UUID().uuidString).json"
        try Data(json.utf8).write(to: URL(fileURLWithPath: file))
        defer { try? FileManager.default.removeItem(atPath: file) }
        let run = try HostileRunner.mist(["recommend", sample, "--user", "u0001", "--scene", "entertainment", "--what-if", file, "--json"], seconds: 120)
        #expect(run.status == 0, "\(run)")
        let output = try #require(try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any])
        let items = try #require(output["items"] as? [[String: Any]])

        let u = Int(dataset.userIndex(id: "u0001")!)
        let original = model.events(of: model.profile(ofUser: u, in: dataset, split: nil), in: dataset)
        let edits = try WhatIfEdit.parse(Data(json.utf8), in: dataset)
        let target = Int(dataset.sceneIndex(id: "entertainment")!)
        let after = model.traceTransfer(events: try WhatIfEdit.apply(edits, to: original, in: dataset), target: target, count: 10, in: dataset)
        let before = model.traceTransfer(events: original, target: target, count: 10, in: dataset)
        #expect(items.map { $0["item"] as? String } == after.recommendations.map { dataset.itemID(Int32($0.item)) })
        // Scores are Floats written as JSON numbers: equal once read back as Floats.
        #expect(items.map { ($0["score"] as? Double).map(Float.init) } == after.recommendations.map(\.score))
        for item in items {
            let id = item["item"] as! String
            let earlier = before.recommendations.firstIndex { dataset.itemID(Int32($0.item)) == id }.map { $0 + 1 }
            #expect(item["rank_before"] as? Int == earlier)
        }
        #expect(after != before)
    }
}
