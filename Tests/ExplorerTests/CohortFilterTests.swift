import InterestData
import TerminalUI
import Testing
@testable import Explorer

/// The Users screen filtered by a cohort (issue 11): `c`, type an expression with a live count,
/// Enter applies it; `!` in front inverts; `/!` inverts the search; F clears everything.
@Suite struct CohortFilterTests {
    static func type(_ text: String, into state: inout AppState) {
        for character in text { _ = update(&state, .key(.character(character))) }
    }

    @Test func typedCohortCountsLiveAndFiltersTheTable() throws {
        var state = Fixtures.state(width: 80, height: 24)
        let dataset = Fixtures.data.dataset
        let expression = "city ~ Hangzhou and inactive in 新闻"
        let expected = try Cohort(parsing: expression, in: dataset).users(in: CohortFacts(dataset: dataset))
        Fixtures.press(.character("c"), into: &state)
        #expect(state.users.isEditingCohort && state.activeKeyMap.bindings.map(\.description) == KeyMaps.cohortEntry.bindings.map(\.description))
        Self.type("city ~ Hangzhou and inactive", into: &state)
        #expect(state.users.cohortPreview.hasPrefix("position 29: expected 'in' and a scene"), "\(state.users.cohortPreview)")
        Self.type(" in 新闻", into: &state)
        #expect(state.users.cohortPreview == "\(expected.count) users · Enter applies")
        #expect(state.users.count == dataset.userCount, "typing does not filter yet")
        Fixtures.press(.enter, into: &state)
        #expect(!state.users.isEditingCohort && state.users.cohort?.text == expression)
        #expect(Set(state.users.order.map(Int.init)) == Set(expected))
        #expect(Fixtures.frame(state).text.contains("cohort: \(expression)  \(expected.count) users"))

        // Inverted: every other user.
        Fixtures.press(.character("c"), into: &state)
        _ = update(&state, .key(.home))
        Self.type("!", into: &state)
        Fixtures.press(.enter, into: &state)
        #expect(state.users.cohortInverted && state.users.count == dataset.userCount - expected.count)
        #expect(Set(state.users.order.map(Int.init)).isDisjoint(with: expected))

        // A wrong expression is refused on Enter and the old cohort stays.
        Fixtures.press(.character("c"), into: &state)
        Self.type(" and", into: &state)
        Fixtures.press(.enter, into: &state)
        #expect(state.users.isEditingCohort && state.status?.isError == true)
        Fixtures.press(.escape, into: &state)
        #expect(state.users.cohortInverted && state.users.count == dataset.userCount - expected.count)

        // F clears it all.
        Fixtures.press(.character("F"), into: &state)
        #expect(state.users.cohort == nil && state.users.count == dataset.userCount)
    }

    @Test func bangInTheSearchKeepsTheOthers() {
        var state = Fixtures.state(width: 80, height: 24)
        Fixtures.press(.character("/"), into: &state)
        Self.type("wang", into: &state)
        let matching = state.users.count
        Fixtures.press(.enter, .character("/"), .home, into: &state)
        Self.type("!", into: &state)
        #expect(state.users.query == "!wang" && state.users.count == Fixtures.data.dataset.userCount - matching)
    }

    /// A search or scene filter on top of a cohort narrows the count, and the cohort line says by what.
    @Test func theCohortLineSaysWhatElseNarrowsTheCount() {
        var state = Fixtures.state(width: 200, height: 60)
        Fixtures.press(.character("c"), into: &state)
        Self.type("joined < 2016", into: &state)
        Fixtures.press(.enter, .character("/"), into: &state)
        Self.type("wang", into: &state)
        Fixtures.press(.enter, into: &state)
        let line = Fixtures.frame(state).text.split(separator: "\n").first { $0.contains("cohort: ") }.map(String.init) ?? ""
        #expect(line.contains("cohort: joined < 2016 + search wang  \(state.users.count) users"), "\(line)")
    }

    @Test(arguments: [(80, 24), (200, 60)])
    func editingAndAppliedCohortSnapshots(width: Int, height: Int) {
        var state = Fixtures.state(width: width, height: height)
        Fixtures.press(.character("c"), into: &state)
        Self.type("joined < 2016 and 体育 >= 20", into: &state)
        Snapshot.expect(Fixtures.frame(state), named: "users-cohort-typing-\(width)x\(height)")
        Fixtures.press(.enter, into: &state)
        Snapshot.expect(Fixtures.frame(state), named: "users-cohort-applied-\(width)x\(height)")
    }
}
