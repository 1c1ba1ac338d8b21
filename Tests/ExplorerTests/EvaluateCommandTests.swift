import Foundation
import Testing

/// `mist evaluate`'s bad inputs: clear errors, or a clear "no cold-target cases" row, never a crash
/// or a division by zero (issue: cold-target transfer, "Bad input").
@Suite struct EvaluateCommandTests {
    static func mist(_ arguments: String...) throws -> (status: Int32, output: String) {
        try TmuxDriver.run([try TmuxDriver.mistBinary()] + arguments)
    }

    @Test func zeroRepeatsAndImpossibleCombinationsAreRefusedWithTheReason() throws {
        let zero = try Self.mist("evaluate", "sample-data", "--repeats", "0")
        #expect(zero.status != 0 && zero.output.contains("repeats must be an integer in 1…100 (got 0)"))
        let withModel = try Self.mist("evaluate", "sample-data", "--model", "sample-data/model.safetensors", "--repeats", "2")
        #expect(withModel.status != 0 && withModel.output.contains("leave --model out"))
        let unknown = try Self.mist("evaluate", "sample-data", "--models", "popularity,nonsense", "--epochs", "1")
        #expect(unknown.status != 0 && unknown.output.contains("unknown model \"nonsense\""))
        #expect(!unknown.output.contains("Fatal error"))
    }

    @Test func aDatasetWithoutEligibleColdUsersSaysSoAndStillEvaluatesWarmCases() throws {
        // Every user is active in one scene only: no cold-target draw is possible.
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("mist-no-cold-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try "scene_id,name\na,A\nb,B\n".write(to: directory.appendingPathComponent("scenes.csv"), atomically: true, encoding: .utf8)
        let items = (1...6).map { "a\($0),a,t\($0 % 2)\nb\($0),b,t\($0 % 2)" }.joined(separator: "\n")
        try "item_id,scene_id,topic\n\(items)\n".write(to: directory.appendingPathComponent("items.csv"), atomically: true, encoding: .utf8)
        var rows = ["user_id,item_id,timestamp,rating"]
        for u in 0..<8 {
            let scene = u % 2 == 0 ? "a" : "b"
            for j in 0..<5 { rows.append("u\(u),\(scene)\((u + j) % 6 + 1),\(100 * u + j),5") }
        }
        try (rows.joined(separator: "\n") + "\n").write(to: directory.appendingPathComponent("interactions.csv"), atomically: true, encoding: .utf8)

        let saved = directory.appendingPathComponent("comparison.json").path
        let result = try Self.mist("evaluate", directory.path, "--models", "popularity,ease,attention-dot+items+softmax", "--epochs", "1",
                                   "--json-out", saved)
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.contains("no cold-target cases"))
        #expect(!result.output.contains("nan") && !result.output.contains("inf"))
        // `mist report` prints the same table from the saved JSON, without training anything.
        let report = try Self.mist("report", saved)
        #expect(report.status == 0)
        let table = report.output.split(separator: "\n").prefix(5).joined(separator: "\n")
        #expect(table.contains("popularity") && result.output.contains(table))
    }

    @Test func theCeilingsRunBesidePopularityAloneAndRefuseDataTheirTruthDoesNotDescribe() throws {
        // sample-data is `mist generate --seed 7`: its truth.json carries the generator's parameters.
        let result = try Self.mist("evaluate", "sample-data", "--models", "planted,planted-cold,popularity")
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.contains("no full model (ceilings and baselines only)"))
        #expect(result.output.contains("planted (ceiling)") && result.output.contains("planted-cold (ceiling)"))
        #expect(result.output.contains("planted-cold over popularity"))
        // No transfer model was trained, and no ceiling stands in for a baseline in the verdicts.
        #expect(!result.output.contains("epoch") && !result.output.contains("best baseline"))
        // sample-data is topic-regime data: planted-estimated estimates the users' topic interests there.
        let topic = try Self.mist("evaluate", "sample-data", "--models", "planted-estimated,popularity", "--repeats", "1")
        #expect(topic.status == 0, "\(topic.output)")
        #expect(topic.output.contains("planted-estimated (ceiling)") && topic.output.contains("planted-estimated over popularity"), "\(topic.output)")
        #expect(!topic.output.contains("nan") && !topic.output.contains("best baseline"))

        // The same data with one interaction's rating changed: truth.json no longer describes it.
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("mist-edited-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        for name in ["scenes.csv", "items.csv", "users.csv", "truth.json"] {
            try FileManager.default.copyItem(atPath: "sample-data/" + name, toPath: directory.appendingPathComponent(name).path)
        }
        var lines = try String(contentsOfFile: "sample-data/interactions.csv", encoding: .utf8).components(separatedBy: "\n")
        var fields = lines[1].components(separatedBy: ",")
        fields[fields.count - 1] = fields.last == "5" ? "1" : "5"
        lines[1] = fields.joined(separator: ",")
        try lines.joined(separator: "\n").write(to: directory.appendingPathComponent("interactions.csv"), atomically: true, encoding: .utf8)
        let edited = try Self.mist("evaluate", directory.path, "--models", "planted,popularity")
        #expect(edited.status != 0)
        #expect(edited.output.contains("truth.json's generator parameters (seed 7, regime topic, 1000 users) do not reproduce this dataset"),
                "\(edited.output)")
    }
}
