import InterestData
@testable import InterestModel
import Testing

/// A dataset with one scene has no cross-scene transfer: the attention report must say so
/// instead of trapping on a missing "strongest other source".
struct OneSceneTests {
    static func dataset() -> Dataset {
        var itemIDs = ByteInterner()
        for v in 0..<4 { _ = itemIDs.intern("item-\(v)") }
        var userIDs = ByteInterner()
        for u in 0..<2 { _ = userIDs.intern("u\(u)") }
        let rows: [(Int32, Int32, Int8)] = [(0, 0, 1), (0, 1, 1), (1, 2, 1), (1, 3, -1), (0, 2, 0)]
        return Dataset(
            scenes: [Scene(id: "only", name: "only")], topics: ["a", "b"],
            items: ItemTable(ids: itemIDs, scene: [0, 0, 0, 0], topic: [0, 1, 0, 1], title: Array(repeating: "", count: 4)),
            users: UserTable(ids: userIDs, name: ["", ""], attributeNames: [], attributes: [[], []]),
            interactions: InteractionTable(user: rows.map(\.0), item: rows.map(\.1), timestamp: rows.indices.map { Int64($0) },
                                           feedback: rows.map(\.2), line: rows.indices.map { Int32($0 + 2) }))
    }

    @Test func oneSceneHasNoStrongestSourceAndNoSpearman() {
        let data = Self.dataset()
        var h = TinyModel.hyperparameters()
        h.heads = 1
        let model = TransferModel(parameters: ModelParameters(hyperparameters: h, itemCount: 4, topicCount: 2, sceneCount: 1), dataset: data)
        let summary = model.averageAttention(in: data, split: nil)
        #expect(summary.users == 2)
        #expect(summary.strongestSource == [nil])
        #expect(summary.spearman(against: [[1]]) == nil)
    }

    @Test func strongestSourceSkipsTheTargetAndBreaksTiesByLowerIndex() {
        let summary = AttentionSummary(sceneCount: 3, users: 1, average: Array(repeating: 0, count: 9),
                                       hiddenTarget: [0.9, 0.05, 0.05, 0.5, 0, 0.5, 0.1, 0.8, 0.1])
        #expect(summary.strongestSource == [1, 0, 1])
        let spearman = summary.spearman(against: [[0, 1, 1], [2, 0, 1], [0, 5, 0]])
        #expect(spearman != nil && spearman!.isFinite)
    }
}
