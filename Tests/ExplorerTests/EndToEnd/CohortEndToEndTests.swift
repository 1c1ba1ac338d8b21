import Foundation
import Testing

/// The walk through the real binary in tmux: filter a cohort on Users, average it on
/// Attention, then compare it with a second cohort and see A − B with its noise marks.
@Suite(.enabled(if: TmuxDriver.tmuxAvailable, "tmux is not installed"), .serialized)
struct CohortEndToEndTests {
    @Test func filterACohortThenCompareTwoCohortsAttention() throws {
        let tmux = try TmuxDriver(arguments: [try TmuxDriver.mistBinary(), "explore", Fixtures.sampleDirectory],
                                  width: 100, height: 30, environment: ["NO_COLOR": ""])
        defer { tmux.close() }
        try tmux.waitFor(text: "Users · 1000 of 1000")
        try tmux.type("c")
        try tmux.type("city ~ Hangzhou")
        try tmux.waitFor(text: "users · Enter applies")
        try tmux.send("Enter")
        try tmux.waitFor(text: "cohort: city ~ Hangzhou")
        // Attention: c starts from the Users screen's cohort.
        try tmux.type("3")
        try tmux.type("c")
        try tmux.waitFor(text: "Enter averages")
        try tmux.send("Enter")
        try tmux.waitFor(text: "Attention · cohort city ~ Hangzhou (")
        try tmux.type("C")
        try tmux.type("active in news")
        try tmux.waitFor(text: "Enter compares")
        try tmux.send("Enter")
        let screen = try tmux.waitFor(text: "A − B (* beyond noise)", timeout: 60)
        #expect(screen.contains("A: city ~ Hangzhou") && screen.contains("B: active in news"), "\(screen)")
        #expect(screen.contains("95% bootstrap interval of A − B excludes 0"), "\(screen)")
        try tmux.type("q")
    }
}
