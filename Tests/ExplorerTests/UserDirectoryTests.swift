import InterestData
import InterestModel
import Testing
@testable import Explorer

@Suite struct UserDirectoryTests {
    /// The per-user figures of the users table agree with the dataset's own histories.
    @Test func countsActiveScenesAndDominantSceneMatchTheHistories() {
        let data = Fixtures.data, d = data.directory, dataset = data.dataset
        for u in stride(from: 0, to: dataset.userCount, by: 37) {
            var best = -1, bestCount = 0
            for s in 0..<dataset.sceneCount {
                let history = dataset.history(ofUser: Int32(u), scene: Int32(s))
                #expect(d.count(user: u, scene: s) == history.count)
                #expect(d.isActive(user: u, scene: s) == !history.isEmpty)
                if history.count > bestCount { best = s; bestCount = history.count }
            }
            #expect(Int(d.dominantScene[u]) == best)
            #expect(Int(d.totals[u]) == dataset.sequence(ofUser: Int32(u)).count)
        }
        #expect(d.barScale > 0)
    }

    /// Issue 10: one definition of "active" (history in the scene, whatever the feedback) for the
    /// users table's ●○, the scene filter, the model, `mist inspect` and `mist validate`. Before,
    /// the table marked u0831 inactive in 新闻 (two interactions there, both disliked) while the
    /// model and `inspect` called it active, and the 新闻 filter counted 676 users, `validate` 677.
    @Test func oneDefinitionOfActiveEverywhere() throws {
        let data = Fixtures.data, d = data.directory, dataset = data.dataset
        let u = Int(try #require(dataset.userIndex(id: "u0831")))
        let news = Int(try #require(dataset.sceneIndex(id: "news")))
        #expect(d.count(user: u, scene: news) == 2)
        #expect(d.isActive(user: u, scene: news))
        // The model (what `mist inspect` prints) agrees for this user and for a sample of users.
        let model = Fixtures.model
        for user in [u] + Array(stride(from: 0, to: dataset.userCount, by: 41)) {
            let explanation = model.explain(user: user, interactions: Array(dataset.sequence(ofUser: Int32(user))), in: dataset)
            for s in 0..<dataset.sceneCount {
                #expect(explanation.scenes[s].isActive == d.isActive(user: user, scene: s), "user \(user) scene \(s)")
            }
        }
        // The scene filter counts what `mist validate` counts.
        let statistics = DatasetStatistics(dataset)
        var state = Fixtures.state()
        Fixtures.press(.character("f"), into: &state)
        #expect(state.users.sceneFilter == news)
        #expect(state.users.count == statistics.scenes[news].users)
        #expect(state.users.count == 677)
        for s in 0..<dataset.sceneCount {
            #expect((0..<dataset.userCount).filter { d.isActive(user: $0, scene: s) }.count == statistics.scenes[s].users)
        }
        var byActive = [Int](repeating: 0, count: dataset.sceneCount + 1)
        for user in 0..<dataset.userCount { byActive[d.activeSceneCount(user: user)] += 1 }
        #expect(byActive == statistics.usersByActiveScenes)
        #expect(statistics.usersByActiveScenes == [0, 211, 331, 311, 147])
    }
}
