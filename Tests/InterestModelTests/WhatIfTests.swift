import Foundation
import InterestData
import Testing
@testable import InterestModel

/// A what-if gives exactly what the model gives on a dataset where the edit was really made.
struct WhatIfTests {
    let model: TransferModel = {
        var m = TinyModel.model(TinyModel.hyperparameters())
        m.set(\.itemBias, (0..<9).map { Float($0) * 0.05 - 0.2 })
        return m
    }()
    let original = TinyDataset.make()

    /// User 0's top items in every scene and explanation, from `dataset`'s own interactions.
    func outcome(_ dataset: Dataset, events: [HistoryEvent]? = nil) -> ([TransferTrace], UserExplanation) {
        let history = events ?? model.events(of: model.profile(ofUser: 0, in: dataset, split: nil), in: dataset)
        let traces = (0..<3).map { model.traceTransfer(events: history, target: $0, count: 3, in: dataset) }
        return (traces, model.explain(user: 0, events: history))
    }

    func whatIf(_ edits: [WhatIfEdit]) throws -> ([TransferTrace], UserExplanation) {
        let events = model.events(of: model.profile(ofUser: 0, in: original, split: nil), in: original)
        return outcome(original, events: try WhatIfEdit.apply(edits, to: events, in: original))
    }

    @Test func eachEditEqualsTheDatasetWithTheEditMade() throws {
        var rows = TinyDataset.rows
        // add: a new, latest interaction of user 0 with item 8 (+1).
        let added = rows + [(0, 8, 1)]
        #expect(try whatIf([.add(item: 8, feedback: 1)]) == outcome(TinyDataset.make(rows: added)))
        // remove: user 0's interaction with item 4.
        rows = TinyDataset.rows.filter { !($0.0 == 0 && $0.1 == 4) }
        #expect(try whatIf([.remove(item: 4)]) == outcome(TinyDataset.make(rows: rows)))
        // sentiment: user 0's item 1 from −1 to +1.
        rows = TinyDataset.rows.map { $0.0 == 0 && $0.1 == 1 ? (0, 1, 1) : $0 }
        #expect(try whatIf([.setSentiment(item: 1, feedback: 1)]) == outcome(TinyDataset.make(rows: rows)))
        // hide: every interaction of user 0 in scene 1 (items 3, 4, 5).
        rows = TinyDataset.rows.filter { !($0.0 == 0 && (3...5).contains($0.1)) }
        let hidden = try whatIf([.hide(scene: 1)])
        #expect(hidden == outcome(TinyDataset.make(rows: rows)))
        #expect(!hidden.1.scenes[1].isActive)
        // And the edits change something.
        #expect(try whatIf([.add(item: 8, feedback: 1)]) != outcome(original))
    }

    @Test func filesAreReadWithErrorsNamingTheEdit() throws {
        let json = #"{"edits": [{"add": {"item": "item-8"}}, {"sentiment": {"item": "item-1", "to": 0}}, {"hide": {"scene": "tech"}}]}"#
        #expect(try WhatIfEdit.parse(Data(json.utf8), in: original) == [.add(item: 8, feedback: 1), .setSentiment(item: 1, feedback: 0), .hide(scene: 1)])
        func refusal(_ text: String) -> String {
            do { _ = try WhatIfEdit.parse(Data(text.utf8), in: original); return "accepted" } catch { return error.description }
        }
        #expect(refusal(#"{"edits": [{"add": {"item": "item-8"}}, {"add": {"item": "nope"}}]}"#) == #"edit 2: no item "nope" in the dataset"#)
        #expect(refusal(#"{"edits": [{"sentiment": {"item": "item-1", "to": 2}}]}"#) == #"edit 1: "to" must be -1, 0 or 1"#)
        #expect(refusal(#"{"edits": [{"paint": {}}]}"#) == #"edit 1: unknown edit "paint" (add, remove, sentiment, hide)"#)
        #expect(refusal("[]") == #"expected a JSON object with an "edits" array"#)
        let events = model.events(of: model.profile(ofUser: 2, in: original, split: nil), in: original)
        #expect(throws: WhatIfError(edit: 1, reason: "the user has no interaction with item item-8 to remove")) {
            try WhatIfEdit.apply([.remove(item: 8)], to: events, in: original)
        }
    }
}

/// A scene without history: the inferred interest is the transfer's own ranking, summarised by
/// the topics of its best items.
struct InferredInterestTests {
    @Test func inferredInterestIsTheTransfersRankingAndItsTopics() {
        let dataset = TinyDataset.make()
        var model = TinyModel.model(TinyModel.hyperparameters())
        model.set(\.itemBias, (0..<9).map { Float($0) * 0.05 - 0.2 })
        // User 2 has history only in scene 0 (items 1, 2, 0): scenes 1 and 2 are cold.
        let events = model.events(of: model.profile(ofUser: 2, in: dataset, split: nil), in: dataset)
        #expect(Set(events.map { dataset.items.scene[Int($0.item)] }) == [0])
        let guess = model.inferredInterest(events: events, scene: 2, count: 2, sampled: 3, in: dataset)
        let trace = model.traceTransfer(events: events, target: 2, count: 3, in: dataset)
        #expect(guess.topItems == Array(trace.recommendations.prefix(2)))
        #expect(guess.sampled == 3)
        #expect(abs(guess.topicShares.reduce(0) { $0 + $1.share } - 1) < 1e-12)
        for (topic, share) in guess.topicShares {
            let n = trace.recommendations.filter { Int(model.itemTopic[$0.item]) == topic }.count
            #expect(share == Double(n) / 3)
        }
        // Every share of a cold scene's score comes from the other scenes.
        #expect(guess.topItems.allSatisfy { $0.shares[2] == 0 })
    }
}
