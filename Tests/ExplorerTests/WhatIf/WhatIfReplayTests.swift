import Foundation
import InterestData
import InterestModel
import TerminalUI
import Testing
@testable import Explorer

/// The numbers on the what-if screens are the ones `mist recommend --what-if` gives on the
/// exported edits, and the ones the model gives on a dataset where the edits were really made.
@Suite struct WhatIfReplayTests {
    let dataset = Fixtures.data.dataset

    /// u0001 on Transfer in what-if with all four kinds of edit made through the pickers: adding
    /// the first tech item (+1), removing the user's own newest interaction and flipping the next
    /// one (the second rows: the added item is the newest now), hiding sports.
    func edited(width: Int = 80, height: Int = 24) -> AppState {
        var state = WhatIfFixtures.state(width: width, height: height)
        Fixtures.press(.character("4"), .character("W"), .character("+"), .tab, .enter, .character("-"), .down, .enter,
                       .character("~"), .down, .enter, .character("H"), into: &state)
        WhatIfFixtures.type("sports", into: &state)
        Fixtures.press(.enter, into: &state)
        return state
    }

    @Test func theScreenEqualsTheCLIOnTheExportedEdits() throws {
        var state = edited()
        let edits = try #require(state.whatIf?.edits)
        #expect(edits.count == 4)
        // E: the Ctrl-S prompt, with the file name proposed; the path typed over it.
        let opened = Fixtures.press(.character("E"), into: &state)
        #expect(opened == [[.proposeExportPath(name: "mist-whatif-u0001.json", id: state.export!.job.id)]])
        let file = NSTemporaryDirectory() + "mist-whatif-replay-\(UUID().uuidString).json"
        defer { try? FileManager.default.removeItem(atPath: file) }
        _ = update(&state, .key(.control("u")))
        WhatIfFixtures.type(file, into: &state)
        let written = Fixtures.press(.enter, into: &state)[0]
        #expect(written.count == 1)
        let messages = Fixtures.perform(written)
        guard case .exported(let paths, _)? = messages.first else { Issue.record("not exported: \(messages)"); return }
        #expect(paths == [file])
        // The file reads back as the same edits.
        let bytes = try Data(contentsOf: URL(fileURLWithPath: file))
        #expect(try WhatIfEdit.parse(bytes, in: dataset) == edits)

        // The CLI on that file: the same top 10 with the same scores, weights and earlier ranks.
        let run = try HostileRunner.mist(["recommend", Fixtures.sampleDirectory, "--user", "u0001", "--scene", "news", "--what-if", file, "--json"], seconds: 120)
        #expect(run.status == 0, "\(run)")
        let output = try #require(try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any])
        let items = try #require(output["items"] as? [[String: Any]])
        let trace = try #require(state.model?.trace), before = try #require(state.model?.whatIfBefore?.trace)
        #expect(trace.target == 0)
        #expect(items.map { $0["item"] as? String } == trace.recommendations.map { dataset.itemID(Int32($0.item)) })
        #expect(items.map { ($0["score"] as? Double).map(Float.init) } == trace.recommendations.map(\.score))
        #expect(items.map { $0["rank_before"] as? Int } == trace.recommendations.map { item in before.recommendations.firstIndex { $0.item == item.item }.map { $0 + 1 } })
        let weights = try #require(output["transfer_weights"] as? [String: Double])
        for s in 0..<dataset.sceneCount {
            #expect(weights[dataset.scenes[s].id].map(Float.init) == trace.transferMatrix[s])
        }
        #expect(trace != before)
        // The attention row on screen is the model's on the file's edits (the CLI's library path).
        let model = WhatIfFixtures.model, u = WhatIfFixtures.user
        let events = try WhatIfEdit.apply(try WhatIfEdit.parse(bytes, in: dataset), to: model.events(of: model.profile(ofUser: u, in: dataset, split: nil), in: dataset), in: dataset)
        let attention = model.explain(user: u, events: events).attention
        #expect(state.model?.explanation?.attention == attention)
        // And the screen shows them (at the last step, where the top 10 is the recommendation).
        Fixtures.press(.right, .right, into: &state)
        let frame = Fixtures.frame(state)
        #expect(frame.text.contains(formatNumber(Double(trace.recommendations[0].score), decimals: 3) + " "))
    }

    @Test func theTopTenEqualsTheModelOnADatasetWithTheEditsMade() throws {
        let state = edited()
        let edits = try #require(state.whatIf?.edits)
        guard case .add(let added, let feedback) = edits[0], case .remove(let removed) = edits[1],
              case .setSentiment(let flipped, let to) = edits[2], case .hide(let hidden) = edits[3] else {
            Issue.record("unexpected edits \(edits)"); return
        }
        #expect(feedback == 1)
        // The sample data with the same edits written into interactions.csv.
        let folder = NSTemporaryDirectory() + "mist-whatif-data-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for name in ["scenes.csv", "items.csv", "users.csv"] {
            try FileManager.default.copyItem(atPath: Fixtures.sampleDirectory + "/" + name, toPath: folder + "/" + name)
        }
        var lines = try String(contentsOfFile: Fixtures.sampleDirectory + "/interactions.csv", encoding: .utf8).split(separator: "\n").map(String.init)
        let header = lines.removeFirst()
        func fields(_ line: String) -> [String] { line.split(separator: ",").map(String.init) }
        let mine = { (line: String) in fields(line)[0] == "u0001" }
        // Chronological: the last of u0001's lines with an item is the interaction an edit changes.
        let order = lines.indices.filter { mine(lines[$0]) }.sorted { (Int(fields(lines[$0])[2])!, $0) < (Int(fields(lines[$1])[2])!, $1) }
        let latest = lines.map { Int(fields($0)[2])! }.max()!
        lines.append("u0001,\(dataset.itemID(added)),\(latest + 1),5")
        let removedLine = try #require(order.last { fields(lines[$0])[1] == dataset.itemID(removed) })
        let flippedLine = try #require(order.last { $0 != removedLine && fields(lines[$0])[1] == dataset.itemID(flipped) })
        var parts = fields(lines[flippedLine])
        parts[3] = to > 0 ? "5" : "1"
        lines[flippedLine] = parts.joined(separator: ",")
        lines.remove(at: removedLine)
        lines.removeAll { mine($0) && fields($0)[1].hasPrefix(dataset.scenes[hidden].id + "-") }
        try ([header] + lines).joined(separator: "\n").appending("\n").write(toFile: folder + "/interactions.csv", atomically: true, encoding: .utf8)

        let modified = ExplorerData(dataset: try Dataset.load(from: folder), directoryPath: folder)
        let real = WhatIfFixtures.state(data: modified)
        #expect(real.whatIf == nil)
        #expect(real.model?.trace == state.model?.trace)
        // (u0001's index differs: users are numbered as the interactions file meets them.)
        #expect(real.model?.explanation?.scenes == state.model?.explanation?.scenes)
        #expect(real.model?.explanation?.attention == state.model?.explanation?.attention)
        #expect(real.model?.trace?.recommendations.count == 10)
        #expect(state.model?.trace != state.model?.whatIfBefore?.trace)
    }
}
