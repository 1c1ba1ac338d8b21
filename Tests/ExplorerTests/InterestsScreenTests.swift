import InterestData
import TerminalUI
import Testing
@testable import Explorer

@Suite struct InterestsScreenTests {
    @Test(arguments: [(80, 24), (132, 40)])
    func showsTheThreeLayersPerScene(width: Int, height: Int) throws {
        var state = Fixtures.state(width: width, height: height)
        let data = Fixtures.data
        // A user active in several scenes.
        let u = try #require((0..<data.directory.userCount).first { data.directory.activeSceneCount(user: $0) >= 3 })
        state.users.scroll.select(state.users.order.firstIndex(of: Int32(u))!, count: state.users.count, visibleRows: state.usersVisibleRows)
        Fixtures.press(.character("2"), into: &state)
        #expect(state.selectedUser == u)
        let frame = Fixtures.frame(state)
        #expect(frame.text.contains(data.userTitle(u)))
        let explanation = try #require(state.model?.explanation)
        let first = try #require(explanation.scenes.first { $0.isActive })
        let c = first.sentimentCounts
        #expect(frame.text.contains("+\(c[2])  ·\(c[1])  −\(c[0])"))
        // The top topic of that scene with its share.
        let top = try #require(first.topicShares.enumerated().max { $0.element < $1.element })
        #expect(frame.text.contains(formatNumber(Double(top.element), decimals: 2)))
        // The newest item is listed with its sentiment mark.
        let newest = try #require(first.recent.last)
        let title = data.dataset.items.title[Int(newest.item)]
        let mark = newest.feedback > 0 ? "+" : newest.feedback < 0 ? "−" : "·"
        #expect(frame.text.contains("\(mark) \(String(title.prefix(8)))"))
        #expect(frame.text.contains("similarity of the scene interest vectors"))
        if width >= 132 { #expect(frame.text.contains("1.00")) }  // a scene with itself
    }

    @Test func worksWithoutAModelFromTheDataAlone() throws {
        var state = Fixtures.state(withModel: false)
        let data = Fixtures.data
        Fixtures.press(.enter, into: &state)
        #expect(state.screen == .interests)
        let u = try #require(state.selectedUser)
        let frame = Fixtures.frame(state)
        let active = data.directory.activeScenes(user: u)
        // Active scenes come first.
        #expect(frame.line(2).contains(data.dataset.scenes[active[0]].name))
        #expect(frame.text.contains("topics") && frame.text.contains("recent"))
        #expect(frame.text.contains("No model yet"))
    }

    @Test func upAndDownStepThroughUsersInTableOrder() {
        var state = Fixtures.state()
        Fixtures.press(.enter, .down, .down, into: &state)
        #expect(state.selectedUser == Int(state.users.order[2]))
        #expect(state.model?.explanation?.user == state.selectedUser)
        Fixtures.press(.up, into: &state)
        #expect(state.selectedUser == Int(state.users.order[1]))
    }
}
