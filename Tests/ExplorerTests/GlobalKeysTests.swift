import TerminalUI
import Testing
@testable import Explorer

@Suite struct GlobalKeysTests {
    @Test func tabsDigitsAndEscapeSwitchScreens() {
        var state = Fixtures.state()
        Fixtures.press(.tab, into: &state)
        #expect(state.screen == .interests)
        Fixtures.press(.backTab, .backTab, into: &state)
        #expect(state.screen == .cases)
        Fixtures.press(.backTab, into: &state)
        #expect(state.screen == .training)
        for screen in Screen.allCases {
            Fixtures.press(.character(Character(String(screen.rawValue + 1))), into: &state)
            #expect(state.screen == screen)
            #expect(Fixtures.frame(state).line(0).contains(screen.tabTitle))
        }
        Fixtures.press(.escape, into: &state)
        #expect(state.screen == .users)
    }

    @Test func helpOverlayListsTheKeysOfTheCurrentScreen() {
        var state = Fixtures.state(width: 132, height: 40)
        Fixtures.press(.character("3"), .character("?"), into: &state)
        #expect(state.showsHelp)
        let text = Fixtures.frame(state).text
        for binding in KeyMaps.screen(.attention).bindings {
            #expect(text.contains(binding.description), "help lists \(binding.description)")
        }
        // Keys do nothing else while help is up; ? or Esc closes it.
        Fixtures.press(.down, .character("q"), into: &state)
        #expect(state.attention.row == 0 && state.showsHelp)
        Fixtures.press(.escape, into: &state)
        #expect(!state.showsHelp && state.screen == .attention)
    }

    @Test func quitAsksOnlyWhileTrainingRuns() {
        var idle = Fixtures.state()
        #expect(Fixtures.press(.character("q"), into: &idle)[0] == [.quit])
        var again = Fixtures.state()
        #expect(Fixtures.press(.ctrlC, into: &again)[0] == [.quit])

        var training = Fixtures.state()
        Fixtures.press(.character("5"), into: &training)
        #expect(Fixtures.press(.character("t"), into: &training)[0].contains { $0.isJob })
        #expect(training.training.isActive)
        #expect(Fixtures.press(.character("q"), into: &training)[0].isEmpty)
        #expect(training.isConfirmingQuit)
        #expect(Fixtures.frame(training).text.contains("Training is running. Quit anyway?"))
        Fixtures.press(.character("n"), into: &training)
        #expect(!training.isConfirmingQuit)
        Fixtures.press(.ctrlC, into: &training)
        #expect(Fixtures.press(.character("y"), into: &training)[0] == [.cancelTraining(run: training.training.run), .quit])
    }

    @Test func resizeBelowTheMinimumShowsTheMessageAndBackRestoresTheScreen() {
        var state = Fixtures.state()
        _ = update(&state, .resized(width: 40, height: 10))
        #expect(Fixtures.frame(state).text.contains("need 64×18"))
        _ = update(&state, .resized(width: 100, height: 30))
        #expect(Fixtures.frame(state).text.contains("Users · 1000 of 1000"))
    }

    @Test func statusMessagesExpire() {
        var state = Fixtures.state()
        _ = update(&state, .failed("could not load x: broken"))
        let id = state.status!.id
        #expect(Fixtures.frame(state).line(23).contains("could not load x: broken"))
        _ = update(&state, .clearStatus(id: id))
        #expect(state.status == nil)
    }
}
