import InterestData
import TerminalUI
import Testing
@testable import Explorer

@Suite struct UsersScreenTests {
    @Test(arguments: [(80, 24), (132, 40)])
    func showsEveryColumnWithCJKNamesAligned(width: Int, height: Int) throws {
        let state = Fixtures.state(width: width, height: height)
        let frame = Fixtures.frame(state)
        let data = Fixtures.data
        // Header row: tabs, block, search line, then the table header.
        let header = 3
        let nameColumn = try #require(frame.column(of: "Name", inRow: header))
        let sceneColumn = try #require(frame.column(of: data.sceneLabels[0], inRow: header))
        // The first user (data order) is on the first table row, its CJK name under "Name".
        let u = 0
        let row = header + 1
        #expect(frame.column(of: data.userIDs[u], inRow: row) == 1)
        let name = data.userName(u)
        #expect(name.contains { $0.unicodeScalars.first!.value >= 0x4E00 }, "sample names are CJK")
        let shownName = String(name.prefix(2))
        #expect(frame.column(of: shownName, inRow: row) == nameColumn)
        // The count of the first scene ends at the same column on every row despite wide names:
        // each count is right-aligned in the 3 columns starting at the header's column.
        for r in 0..<5 {
            let user = Int(state.users.order[r])
            let count = String(data.directory.count(user: user, scene: 0))
            let y = header + 1 + r
            let end = sceneColumn + 3
            #expect((end - count.count..<end).map { frame[$0, y].symbol }.joined() == count)
        }
        // The selected row is highlighted.
        #expect(frame[2, row].attributes.contains(.reverse))
        #expect(frame.text.contains("Users · 1000 of 1000"))
    }

    @Test func tooSmallWindowSaysSo() {
        let frame = Fixtures.frame(Fixtures.state(width: 30, height: 8))
        #expect(frame.text.contains("too small (need 64×18)"))
        #expect(frame.text.contains("now 30×8"))
    }

    @Test func scrollingKeepsTheSelectionVisible() {
        var state = Fixtures.state()
        Fixtures.press(.character("G"), into: &state)
        #expect(state.users.scroll.selected == 999)
        let frame = Fixtures.frame(state)
        let last = Fixtures.data.userIDs[Int(state.users.order[999])]
        let y = frame.find(last)?.y
        #expect(y != nil)
        #expect(y.map { frame[2, $0].attributes.contains(.reverse) } == true)
        Fixtures.press(.character("g"), .down, .down, .character("j"), into: &state)
        #expect(state.users.scroll.selected == 3)
        Fixtures.press(.pageDown, into: &state)
        #expect(state.users.scroll.selected == 3 + state.usersVisibleRows - 1)
    }

    @Test func searchFiltersByIdOrNameAsYouType() {
        var state = Fixtures.state()
        let data = Fixtures.data
        Fixtures.press(.character("/"), into: &state)
        #expect(state.users.isSearching)
        for c in "Wang" { Fixtures.press(.character(c), into: &state) }
        let expected = (0..<data.directory.userCount).filter { data.userName($0).lowercased().contains("wang") || data.userIDs[$0].lowercased().contains("wang") }
        #expect(state.users.count == expected.count && !expected.isEmpty)
        #expect(state.users.order.allSatisfy { data.userName(Int($0)).contains("Wang") })
        // q types into the search instead of quitting.
        let commands = Fixtures.press(.character("q"), .backspace, .enter, into: &state)
        #expect(!commands.joined().contains { $0.isQuit })
        #expect(!state.users.isSearching && state.users.query == "Wang")
        let frame = Fixtures.frame(state)
        #expect(frame.text.contains("search: Wang"))
        Fixtures.press(.character("F"), into: &state)
        #expect(state.users.count == 1000)
        // By id.
        Fixtures.press(.character("/"), into: &state)
        for c in "u0001" { Fixtures.press(.character(c), into: &state) }
        #expect(state.users.order == [data.dataset.userIndex(id: "u0001")!])
        Fixtures.press(.escape, into: &state)
        #expect(state.users.count == 1000 && state.users.query.isEmpty)
    }

    @Test func sortsByAnyColumnAndFiltersByScene() {
        var state = Fixtures.state()
        let data = Fixtures.data
        Fixtures.press(.character("s"), into: &state)  // id
        #expect(state.users.sortColumn == .id)
        #expect(data.userIDs[Int(state.users.order[0])] == "u0001")
        Fixtures.press(.character("s"), .character("s"), into: &state)  // name, then scene 0
        #expect(state.users.sortColumn == .scene(0))
        Fixtures.press(.character("r"), into: &state)  // descending
        let counts = state.users.order.prefix(50).map { data.directory.count(user: Int($0), scene: 0) }
        #expect(counts == counts.sorted(by: >))
        #expect(Fixtures.frame(state).text.contains("sorted by \(data.sceneLabels[0]) ▼"))
        Fixtures.press(.character("f"), .character("f"), into: &state)  // active in scene 1
        #expect(state.users.sceneFilter == 1)
        #expect(state.users.order.allSatisfy { data.directory.isActive(user: Int($0), scene: 1) })
        #expect(state.users.count < 1000)
    }

    @Test func enterOpensTheSelectedUser() {
        var state = Fixtures.state()
        Fixtures.press(.down, .down, .enter, into: &state)
        #expect(state.screen == .interests)
        #expect(state.selectedUser == Int(state.users.order[2]))
        #expect(state.model?.explanation?.user == state.selectedUser)
    }

    @Test func mouseWheelScrolls() {
        var state = Fixtures.state()
        _ = update(&state, .mouse(.wheelDown(x: 5, y: 5)))
        _ = update(&state, .mouse(.wheelDown(x: 5, y: 5)))
        #expect(state.users.scroll.offset == 6)
        let frame = Fixtures.frame(state)
        #expect(frame.column(of: Fixtures.data.userIDs[Int(state.users.order[6])], inRow: 4) == 1)
    }
}

@Suite struct LeavingTheUsersTableTests {
    @Test func anotherScreenExplainsTheUserUnderTheCursor() {
        var state = Fixtures.state()
        Fixtures.press(.down, .down, .down, .character("3"), into: &state)
        #expect(state.selectedUser == Int(state.users.order[3]))
        #expect(Fixtures.frame(state).line(1).contains(Fixtures.data.userIDs[Int(state.users.order[3])]))
    }
}
