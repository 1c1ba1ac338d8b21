import Foundation
import InterestData
import InterestModel
import Testing
@testable import Explorer

/// Issue 11's walk through the real `mist` in tmux, in one session as an analyst would go:
/// filter a cohort on Users, average it on Attention and compare it with a second cohort (A − B
/// with its noise marks), make a what-if edit on a user and see the top 10 change, then open a
/// cold-target case from the Cases screen (its scene hidden through what-if), and quit with the
/// terminal restored.
@Suite(.enabled(if: TmuxDriver.tmuxAvailable, "tmux is not installed"), .serialized)
struct AnalystWorkflowEndToEndTests {
    @Test func cohortsCompareWhatIfAndACase() throws {
        let tmux = try TmuxDriver(arguments: [try TmuxDriver.mistBinary(), "explore", Fixtures.sampleDirectory],
                                  width: 120, height: 36, environment: ["NO_COLOR": ""])
        defer { tmux.close() }
        try tmux.waitFor(text: "Users · 1000 of 1000")

        // A cohort on Users, with its live count.
        try tmux.type("c")
        try tmux.type("city ~ Hangzhou")
        try tmux.waitFor(text: "users · Enter applies")
        try tmux.send("Enter")
        try tmux.waitFor(text: "cohort: city ~ Hangzhou")
        let facts = CohortFacts(dataset: Fixtures.data.dataset)
        let hangzhou = try Cohort(parsing: "city ~ Hangzhou", in: Fixtures.data.dataset).users(in: facts)
        try tmux.waitFor(text: "Users · \(hangzhou.count) of 1000")

        // Its average attention (c starts from the Users screen's cohort), then two cohorts.
        try tmux.type("3")
        try tmux.type("c")
        try tmux.waitFor(text: "Enter averages")
        try tmux.send("Enter")
        try tmux.waitFor(text: "Attention · cohort city ~ Hangzhou (\(hangzhou.count) users)", timeout: 60)
        try tmux.type("C")
        try tmux.type("active in news")
        try tmux.waitFor(text: "Enter compares")
        try tmux.send("Enter")
        let compared = try tmux.waitFor(text: "A − B (* beyond noise)", timeout: 60)
        #expect(compared.contains("A: city ~ Hangzhou") && compared.contains("B: active in news"), "\(compared)")
        #expect(compared.contains("95% bootstrap interval of A − B excludes 0"), "\(compared)")

        // What-if on u0001's transfer into news: hiding tech moves the top 10.
        try tmux.type("1")
        try tmux.type("F")
        try tmux.waitFor(text: "Users · 1000 of 1000")
        try tmux.send("/")
        try tmux.type("u0001")
        try tmux.send("Enter")
        try tmux.send("4")
        try tmux.waitFor(text: "Transfer · u0001")
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
        let edited = try tmux.waitFor(text: "out: \(first) (was #1)")
        #expect(edited.contains("move = from before"))

        // A cold case: ranked in the background, opened on Transfer with its scene hidden.
        try tmux.send("6")
        let cases = try tmux.waitFor(text: "model wins", timeout: 120)
        #expect(cases.contains("Cases · cold-target test cases"), "\(cases)")
        try tmux.send("Enter")
        let opened = try tmux.waitFor(text: "that history hidden (what-if")
        #expect(opened.contains("Transfer · ") && opened.contains("what-if · 1 edit"), "\(opened)")

        try tmux.send("q")
        #expect(try tmux.waitForExit() == .init(status: 0, terminalRestored: true))
    }
}
