import InterestData
import InterestModel
import TerminalUI
import Testing
@testable import Explorer

/// Whole-screen snapshots of the Transfer screen into a cold target (issue 11): the title says the
/// user has no history there, each edge shows α and the effective weight M the score uses, and
/// the top-10 has item ids and topics when the window is wide enough.
@Suite struct TransferSnapshotTests {
    /// The first user of the sample data with history somewhere but none in scene 0.
    static func coldInFirstScene() -> Int? {
        let dataset = Fixtures.data.dataset
        return (0..<dataset.userCount).first { u in
            dataset.history(ofUser: Int32(u), scene: 0).isEmpty
                && (1..<dataset.sceneCount).contains { !dataset.history(ofUser: Int32(u), scene: Int32($0)).isEmpty }
        }
    }

    @Test(arguments: [(80, 24), (200, 60)])
    func coldTargetShowsMBesideAlphaAndItemColumns(width: Int, height: Int) throws {
        var state = Fixtures.state(width: width, height: height)
        let u = try #require(Self.coldInFirstScene())
        state.select(user: u)
        // Step k = 2: the cold node holds only what the transfer brought in (at k = 0 it is empty).
        Fixtures.press(.character("4"), .right, .right, into: &state)
        #expect(state.transfer.target == 0 && state.transfer.step == 2)
        let frame = Fixtures.frame(state)
        #expect(frame.text.contains("cold: no history here"))
        Snapshot.expect(frame, named: "transfer-cold-target-\(width)x\(height)")
    }
}

/// Interests for a user with a scene without history: the scene shows what the model infers
/// there, marked "inferred from other scenes" (issue 11).
@Suite struct InferredInterestSnapshotTests {
    @Test(arguments: [(80, 24), (200, 60)])
    func coldSceneShowsWhatTheModelInfers(width: Int, height: Int) throws {
        var state = Fixtures.state(width: width, height: height)
        let dataset = Fixtures.data.dataset
        let u = try #require(TransferSnapshotTests.coldInFirstScene())
        state.select(user: u)
        Fixtures.press(.character("2"), into: &state)
        let guess = try #require(state.model?.inferred[0])
        let frame = Fixtures.frame(state)
        #expect(frame.text.contains("inferred from other scenes:"))
        #expect(frame.text.contains(dataset.topics[guess.topicShares[0].topic].split(separator: " ")[0]))
        Snapshot.expect(frame, named: "interests-inferred-\(width)x\(height)")
    }
}
