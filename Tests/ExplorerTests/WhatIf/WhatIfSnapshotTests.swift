import InterestData
import InterestModel
import TerminalUI
import Testing
@testable import Explorer

/// Whole-screen snapshots of what-if mode at 80×24 and 200×60 (issue 11): Interests with an added
/// item, Transfer's rank moves and Attention's change after hiding a scene, and the item picker
/// with a search typed.
@Suite struct WhatIfSnapshotTests {
    /// u0001 in what-if on `screen` with `keys` pressed after W.
    func state(_ width: Int, _ height: Int, screen: Character, keys: [Key]) -> AppState {
        var state = WhatIfFixtures.state(width: width, height: height)
        Fixtures.press(.character(screen), .character("W"), into: &state)
        for key in keys { _ = update(&state, .key(key)) }
        // The status line shows the hints, not the last edit's message.
        state.status = nil
        return state
    }

    /// Adds the first match of "tech-1" (+1) from the tech catalogue.
    static let addTechItem: [Key] = [.character("+"), .tab] + "tech-1".map { .character($0) } + [.enter]
    /// Hides the sports scene (u0001's largest).
    static let hideSports: [Key] = [.character("H")] + "sports".map { .character($0) } + [.enter]

    @Test(arguments: [(80, 24), (200, 60)])
    func interestsShowBeforeAndAfter(width: Int, height: Int) {
        let state = state(width, height, screen: "2", keys: Self.addTechItem)
        let frame = Fixtures.frame(state)
        #expect(frame.text.contains("what-if · 1 edit"))
        #expect(frame.text.contains("→"))
        Snapshot.expect(frame, named: "whatif-interests-\(width)x\(height)")
    }

    @Test(arguments: [(80, 24), (200, 60)])
    func transferShowsRankMoves(width: Int, height: Int) {
        // At the last step (k = 0 scores a cold target by item bias alone, before and after alike).
        // Hiding tech, where most of the news target's attention comes from, pushes items out.
        let state = state(width, height, screen: "4", keys: [.character("H")] + "tech".map { .character($0) } + [.enter, .right, .right])
        let frame = Fixtures.frame(state)
        #expect(frame.text.contains("move = from before") && frame.text.contains(" out: news-115 (was #"))
        Snapshot.expect(frame, named: "whatif-transfer-\(width)x\(height)")
    }

    @Test(arguments: [(80, 24), (200, 60)])
    func attentionShowsTheChange(width: Int, height: Int) {
        let state = state(width, height, screen: "3", keys: Self.hideSports)
        let frame = Fixtures.frame(state)
        #expect(frame.text.contains("after − before"))
        Snapshot.expect(frame, named: "whatif-attention-\(width)x\(height)")
    }

    @Test(arguments: [(80, 24), (200, 60)])
    func itemPickerWithASearch(width: Int, height: Int) {
        let state = state(width, height, screen: "2", keys: [.character("+"), .tab] + "tech-1".map { .character($0) })
        let frame = Fixtures.frame(state)
        #expect(frame.text.contains("search: tech-1"))
        Snapshot.expect(frame, named: "whatif-picker-\(width)x\(height)")
    }
}
