import InterestData
import TerminalUI
import Testing
@testable import Explorer

/// Clicks and the wheel through `update` (no terminal). Positions are found in rendered frames,
/// so the hit tests and `render` agree on where things are.
@Suite struct MouseTests {
    /// The column where `needle` starts on row `y` of `buffer` (in cells, so CJK counts double).
    static func column(of needle: String, row y: Int, in buffer: Buffer, from start: Int = 0) -> Int? {
        for x in start..<buffer.width {
            var text = ""
            for column in x..<buffer.width where !buffer[column, y].isContinuation {
                text += buffer[column, y].symbol
                if text.count >= needle.count { break }
            }
            if text == needle { return x }
        }
        return nil
    }

    /// The row where `needle` first appears in columns `start…`, with its column.
    static func find(_ needle: String, in buffer: Buffer, from start: Int = 0) -> (x: Int, y: Int)? {
        for y in 0..<buffer.height { if let x = column(of: needle, row: y, in: buffer, from: start) { return (x, y) } }
        return nil
    }

    @Test(arguments: [(80, 24), (200, 60)])
    func clickingATabShowsItsScreen(width: Int, height: Int) throws {
        var state = Fixtures.state(width: width, height: height)
        for screen in [Screen.attention, .training, .interests, .users] {
            let x = try #require(Self.column(of: screen.tabTitle, row: 0, in: Fixtures.frame(state)))
            _ = update(&state, .mouse(.press(x: x + 1, y: 0)))
            #expect(state.screen == screen)
        }
    }

    @Test(arguments: [(80, 24), (200, 60)])
    func clickingAHeaderSortsAndAgainReverses(width: Int, height: Int) throws {
        var state = Fixtures.state(width: width, height: height)
        let header = MouseLayout.usersTable(state).area.y
        let all = try #require(Self.column(of: "All", row: header, in: Fixtures.frame(state)))
        _ = update(&state, .mouse(.press(x: all + 1, y: header)))
        #expect(state.users.sortColumn == .total && state.users.ascending)
        _ = update(&state, .mouse(.press(x: all + 1, y: header)))
        #expect(state.users.sortColumn == .total && !state.users.ascending)
        let frame = Fixtures.frame(state)
        #expect(frame.line(1).contains("sorted by All ▼"))
        // A scene's column, by its CJK label.
        let news = try #require(Self.column(of: "新闻", row: header, in: frame))
        _ = update(&state, .mouse(.press(x: news, y: header)))
        #expect(state.users.sortColumn == .scene(0) && state.users.ascending)
        let name = try #require(Self.column(of: "Name", row: header, in: Fixtures.frame(state)))
        _ = update(&state, .mouse(.press(x: name + 2, y: header)))
        #expect(state.users.sortColumn == .name)
    }

    @Test func clickingARowSelectsItAndTheWheelScrolls() throws {
        var state = Fixtures.state()
        let table = MouseLayout.usersTable(state).area
        _ = update(&state, .mouse(.press(x: 5, y: table.y + 3)))
        #expect(state.users.scroll.selected == 2)
        #expect(Fixtures.frame(state)[5, table.y + 3].attributes.contains(.reverse))
        _ = update(&state, .mouse(.wheelDown(x: 10, y: 10)))
        #expect(state.users.scroll.offset == 3 && state.users.scroll.selected == 3)
        // After scrolling, a click picks the row drawn there.
        _ = update(&state, .mouse(.press(x: 5, y: table.y + 1)))
        #expect(state.users.scroll.selected == 3)
        _ = update(&state, .mouse(.wheelUp(x: 10, y: 10)))
        #expect(state.users.scroll.offset == 0)
        // A click below the last user, or on the search row, changes nothing.
        let before = state
        _ = update(&state, .mouse(.press(x: 5, y: table.y - 1)))
        #expect(state == before)
    }

    @Test(arguments: [(80, 24, false), (200, 60, false), (80, 24, true), (200, 60, true)])
    func clickingAHeatmapCellMovesTheCursorThere(width: Int, height: Int, noColor: Bool) throws {
        var state = Fixtures.state(width: width, height: height)
        state.noColor = noColor
        Fixtures.press(.character("3"), into: &state)
        let maps = MouseLayout.attentionMaps(state)
        #expect(maps.count == 2)  // learned and planted (the sample has truth.json)
        for (map, (row, column)) in zip(maps, [(2, 1), (3, 0)]) {
            // The middle of the cell (cells grow to several lines and columns with the room).
            let x = map.area.x + map.labelWidth + 1 + column * map.cellWidth + map.cellWidth / 2, y = map.area.y + 1 + row * map.lines + (map.lines - 1) / 2
            _ = update(&state, .mouse(.press(x: x, y: y)))
            #expect(state.attention.row == row && state.attention.column == column)
            // The frame draws the cursor's brackets around the clicked cell.
            let frame = Fixtures.frame(state, colorMode: noColor ? .none : .indexed256)
            let open = (0...x).last { frame[$0, y].symbol == "[" }, close = (x..<frame.width).first { frame[$0, y].symbol == "]" }
            let opened = try #require(open), closed = try #require(close)
            #expect(closed - opened < map.cellWidth, "the click at \(x) is not inside the cursor cell on row \(y)")
        }
        // A row label sets the row only.
        _ = update(&state, .mouse(.press(x: maps[0].area.x, y: maps[0].area.y + 1 + (maps[0].lines - 1) / 2)))
        #expect(state.attention.row == 0 && state.attention.column == 0)
    }

    @Test(arguments: [(80, 24), (200, 60)])
    func withoutAModelAClickMovesTheCursorOnThePlantedMatrix(width: Int, height: Int) throws {
        var state = Fixtures.state(width: width, height: height, withModel: false)
        Fixtures.press(.character("3"), into: &state)
        let map = try #require(MouseLayout.attentionMaps(state).first)
        let x = map.area.x + map.labelWidth + 1 + 2 * map.cellWidth + 1, y = map.area.y + 1 + 3
        _ = update(&state, .mouse(.press(x: x, y: y)))
        #expect(state.attention.row == 3 && state.attention.column == 2)
        let frame = Fixtures.frame(state)
        let open = (0...x).last { frame[$0, y].symbol == "[" }, close = (x..<frame.width).first { frame[$0, y].symbol == "]" }
        let opened = try #require(open), closed = try #require(close)
        #expect(closed - opened < map.cellWidth)
        #expect(frame.text.contains("planted: \(Fixtures.data.sceneLabels[2]) → \(Fixtures.data.sceneLabels[3])"))
    }

    @Test func clickingASettingSelectsItAndTheWheelMovesThroughThem() throws {
        var state = Fixtures.state()
        Fixtures.press(.character("5"), into: &state)
        let heads = try #require(Self.find("heads H", in: Fixtures.frame(state)))
        _ = update(&state, .mouse(.press(x: heads.x, y: heads.y)))
        #expect(state.training.form.selected == 1)
        _ = update(&state, .mouse(.wheelDown(x: heads.x, y: heads.y)))
        #expect(state.training.form.selected == 2)
    }

    @Test func theWheelScrollsTheInterestsScenes() {
        var state = Fixtures.state()
        Fixtures.press(.character("2"), into: &state)
        _ = update(&state, .mouse(.wheelDown(x: 10, y: 10)))
        #expect(state.interestScroll == 1)
        _ = update(&state, .mouse(.wheelUp(x: 10, y: 10)))
        _ = update(&state, .mouse(.wheelUp(x: 10, y: 10)))
        #expect(state.interestScroll == 0)
    }

    @Test func dialogsAndHelpTakeNoClicks() {
        var state = Fixtures.state()
        Fixtures.press(.character("?"), into: &state)
        var before = state
        _ = update(&state, .mouse(.press(x: 20, y: 0)))
        #expect(state == before)
        Fixtures.press(.character("?"), .control("s"), into: &state)
        before = state
        _ = update(&state, .mouse(.press(x: 20, y: 0)))
        #expect(state == before)
    }
}

/// The wheel over the message log and over the open run list.
@Suite struct WheelTests {
    @Test func wheelScrollsTheMessageLog() {
        var state = Fixtures.state(width: 80, height: 24)
        for i in 0..<40 { _ = state.say("notice number \(i) with enough words to be a line of its own in the log") }
        Fixtures.press(.character("!"), into: &state)
        #expect(state.showsLog)
        let bottom = state.logScroll
        _ = update(&state, .mouse(.wheelUp(x: 10, y: 10)))
        let up = state.logScroll
        #expect(up != bottom && up < MessageLogView.lineCount(state))
        _ = update(&state, .mouse(.wheelUp(x: 10, y: 10)))
        #expect(state.logScroll == up - 3)
        _ = update(&state, .mouse(.wheelDown(x: 10, y: 10)))
        #expect(state.logScroll == up)
    }

    @Test func wheelMovesInTheOpenRunList() {
        var state = RunsScreenTests.runsView(width: 200, height: 60)
        #expect(state.runs.isFocused && state.runs.cursor == 0)
        let form = MouseLayout.trainingForm(state)
        _ = update(&state, .mouse(.wheelDown(x: form.right + 5, y: form.y + 2)))
        #expect(state.runs.cursor == 1)
        _ = update(&state, .mouse(.wheelUp(x: form.right + 5, y: form.y + 2)))
        #expect(state.runs.cursor == 0)
    }
}
