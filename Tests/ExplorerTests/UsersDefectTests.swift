import InterestData
import InterestModel
import TerminalUI
import Testing
@testable import Explorer

/// Issue 10's defects on the Users screen: where the bars are capped, a legend for the ●○ column,
/// and the cursor's user after a sort or filter.
@Suite struct UsersDefectTests {
    /// Bars were capped at the 95th percentile without saying so (54 and 155 looked the same).
    @Test func usersBarsSayWhereTheyAreCapped() throws {
        var state = Fixtures.state(width: 200, height: 60)
        let d = Fixtures.data.directory
        let cap = Int(d.barScale)
        let frame = Fixtures.frame(state)
        #expect(frame.line(2).contains("bars: full at \(cap) (95th pct), ▸ beyond"))
        // The heaviest user of scene 0, sorted to the top: its bar ends with ▸.
        Fixtures.press(.character("s"), .character("s"), .character("s"), .character("r"), .character("g"), into: &state)
        #expect(state.users.sortColumn == .scene(0))
        let top = Int(state.users.order[0])
        #expect(d.count(user: top, scene: 0) > cap)
        let row = Fixtures.frame(state).line(4)
        #expect(row.contains("▸"))
    }

    /// After a sort the cursor's user stays selected and in view, and a notice says so; when a
    /// filter leaves the user out, the cursor goes to the top and the notice says that.
    @Test func afterASortTheCursorsUserStaysInViewAndItIsSaid() throws {
        var state = Fixtures.state()
        for _ in 0..<30 { Fixtures.press(.down, into: &state) }
        let user = try #require(state.users.selectedUser)
        let id = Fixtures.data.userIDs[user]
        Fixtures.press(.character("s"), .character("s"), .character("s"), into: &state)  // by scene 0
        #expect(state.users.selectedUser == user)
        #expect(state.status?.text.hasPrefix("the cursor stays on \(id)") == true)
        let frame = Fixtures.frame(state)
        let y = try #require(frame.find(id)?.y)
        #expect(frame[2, y].attributes.contains(.reverse))
        // A filter without this user: to the top, said.
        let missing = try #require((0..<4).first { !Fixtures.data.directory.isActive(user: user, scene: $0) })
        for _ in 0...missing { Fixtures.press(.character("f"), into: &state) }
        #expect(state.users.sceneFilter == missing)
        #expect(state.users.scroll.selected == 0)
        #expect(state.status?.text == "\(id) is not active in \(Fixtures.data.sceneLabels[missing]): the cursor went to the top")
    }

    /// The ●○ column had no legend.
    @Test func activeColumnHasALegend() {
        let frame = Fixtures.frame(Fixtures.state())
        #expect(frame.line(2).contains("Active ● has history ○ none · bars: full at"))
    }
}
