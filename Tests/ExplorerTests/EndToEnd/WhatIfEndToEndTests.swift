import Foundation
import InterestData
import InterestModel
import Testing
@testable import Explorer

/// The real `mist` in tmux (issue 11's walk, its what-if part): open a user's transfer, enter
/// what-if, hide a scene and see the top 10 change; leaving says the edit is discarded.
@Suite(.enabled(if: TmuxDriver.tmuxAvailable, "tmux is not installed"), .serialized)
struct WhatIfEndToEndTests {
    @Test func hidingASceneChangesTheTopTen() throws {
        let tmux = try TmuxDriver(arguments: [try TmuxDriver.mistBinary(), "explore", Fixtures.sampleDirectory],
                                  width: 120, height: 36, environment: ["NO_COLOR": ""])
        defer { tmux.close() }
        try tmux.waitFor(text: "Users · 1000 of 1000")
        try tmux.send("/")
        try tmux.type("u0001")
        try tmux.send("Enter")
        try tmux.send("4")
        try tmux.waitFor(text: "Transfer · u0001")
        // The last step: at k = 0 a cold target is ranked by item bias alone.
        try tmux.send("l", "l")
        try tmux.waitFor(text: "step k = 2 of 2")
        let dataset = Fixtures.data.dataset
        let model = WhatIfFixtures.model, u = WhatIfFixtures.user
        let own = model.traceTransfer(events: model.events(of: model.profile(ofUser: u, in: dataset, split: nil), in: dataset), target: 0, count: 10, in: dataset)
        let first = dataset.itemID(Int32(own.recommendations[0].item))
        try tmux.waitFor(text: first)

        try tmux.send("W")
        try tmux.waitFor(text: "what-if · 0 edits")
        try tmux.send("H")
        try tmux.waitFor(text: "What-if · hide or show a scene")
        try tmux.type("tech")
        try tmux.send("Enter")
        try tmux.waitFor(text: "what-if · 1 edit")
        let screen = try tmux.waitFor(text: "out: \(first) (was #1)")
        #expect(screen.contains("move = from before"))

        try tmux.send("W")
        try tmux.waitFor(text: "left what-if: the 1 edit is discarded")
        #expect(!(try tmux.screen()).contains("what-if · 1 edit"))
        try tmux.send("q")
        #expect(try tmux.waitForExit().status == 0)
    }
}
