import InterestData
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
                #expect(d.isActive(user: u, scene: s) == history.contains { dataset.interactions.feedback[Int($0)] >= 0 })
                if history.count > bestCount { best = s; bestCount = history.count }
            }
            #expect(Int(d.dominantScene[u]) == best)
            #expect(Int(d.totals[u]) == dataset.sequence(ofUser: Int32(u)).count)
        }
        #expect(d.barScale > 0)
    }
}
