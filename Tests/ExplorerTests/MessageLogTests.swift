import InterestData
import InterestModel
import TerminalUI
import Testing
@testable import Explorer

/// Issue 10, "Messages": every notice and error goes to a log (`!`) with its time and whole
/// text; the status line shows the latest, shortened with "…", and clears when the cause is gone.
@Suite struct MessageLogTests {
    static let long = "the checkpoint could not be loaded because the file ends before the tensor \"encoder.gru.weight\" does "
        + "(4096 of 131072 bytes): /tmp/a/very/long/folder/name/that/goes/on/model.safetensors was cut short while being written; "
        + "write it again or pick another checkpoint"

    @Test func theStatusLineShortensAndTheLogKeepsTheWholeTextWithItsTime() throws {
        var state = Fixtures.state()
        state.clock = 3 * 3600 + 4 * 60 + 5.7  // 03:04:05 UTC
        _ = update(&state, .failed(Self.long))
        let status = Fixtures.frame(state).line(23)
        #expect(status.contains("…"))
        #expect(status.contains("(! full text)"))
        #expect(status.displayWidth == 80)
        // Cut at a word: the character before "…" ends a word of the text.
        let head = try #require(status.components(separatedBy: "…").first).trimmingCharacters(in: .whitespaces)
        #expect(Self.long.hasPrefix(head) && " :,".contains(Self.long.dropFirst(head.count).first ?? "x"))

        state.clock = 3 * 3600 + 5 * 60
        _ = update(&state, .checkpointSaved(path: "/tmp/m.safetensors"))
        Fixtures.press(.character("!"), into: &state)
        #expect(state.showsLog)
        let frame = Fixtures.frame(state)
        #expect(frame.text.contains("03:04:05"))
        #expect(frame.text.contains("03:05:00"))
        #expect(frame.text.contains("Messages · 2"))
        // Nothing cut: every word of the long text is somewhere in the log.
        let words = Self.long.split(separator: " ").map(String.init)
        let logText = frame.lines.joined(separator: " ")
        for word in words { #expect(logText.contains(word), "\(word)") }
        #expect(!body(frame).contains("…"))
        Fixtures.press(.escape, into: &state)
        #expect(!state.showsLog)
        Fixtures.press(.character("!"), .character("!"), into: &state)
        #expect(!state.showsLog)
    }

    @Test func theLogScrollsWhenItIsLongerThanTheScreen() {
        var state = Fixtures.state()
        for i in 0..<40 { _ = update(&state, .failed("failure number \(i)")) }
        Fixtures.press(.character("!"), into: &state)
        // Newest at the bottom first.
        #expect(body(Fixtures.frame(state)).contains("failure number 39"))
        #expect(!body(Fixtures.frame(state)).contains("failure number 0 "))
        Fixtures.press(.character("g"), into: &state)
        #expect(body(Fixtures.frame(state)).contains("failure number 0 "))
        #expect(!body(Fixtures.frame(state)).contains("failure number 39"))
        Fixtures.press(.pageDown, .character("G"), into: &state)
        #expect(body(Fixtures.frame(state)).contains("failure number 39"))
    }

    /// A refused setting stays in the status line until the value is fixed (no timer), then clears.
    @Test func anErrorAboutABadFormValueClearsWhenTheValueIsFixed() {
        var state = Fixtures.state()
        Fixtures.press(.character("5"), .enter, .backspace, .backspace, .character("3"), .character("1"), into: &state)
        let effects = Fixtures.press(.enter, into: &state)[0]
        #expect(state.status?.isError == true)
        #expect(state.status?.text.contains("multiple") == true || state.status?.text.contains("divide") == true)
        #expect(effects.isEmpty, "the error stays while the value is wrong: no timer clears it")
        // Moving around the form does not fix anything.
        Fixtures.press(.down, .up, into: &state)
        #expect(state.status != nil)
        // Typing a good value does.
        Fixtures.press(.enter, .backspace, .backspace, .character("4"), .character("8"), .enter, into: &state)
        #expect(state.training.form.values.dimension == 48)
        #expect(state.status == nil)
        #expect(state.log.count == 1 && state.log[0].isError)

        // → refused (no head count above 8 divides d = 8): cleared by the next change of the values.
        state.training.form.values.dimension = 8
        state.training.form.values.heads = 8
        state.training.form.selected = 1
        Fixtures.press(.right, into: &state)
        #expect(state.training.form.values.heads == 8)
        #expect(state.status?.isError == true)
        Fixtures.press(.left, into: &state)
        #expect(state.training.form.values.heads == 4)
        #expect(state.status == nil)
    }

    @Test func aNoModelErrorClearsWhenAModelArrives() {
        var state = Fixtures.state(withModel: false)
        Fixtures.press(.character("5"), .character("e"), into: &state)
        #expect(state.status?.text.hasPrefix("no model") == true)
        _ = update(&state, .checkpointLoaded(Fixtures.model, CheckpointInfo(hyperparameters: Fixtures.model.hyperparameters, splitSeed: nil), path: "m.safetensors"))
        #expect(state.status?.text == "loaded m.safetensors")
    }

    @Test func typingShowsOnlyTypingHintsAndEveryScreenHasHintsThatFit() {
        var state = Fixtures.state()
        Fixtures.press(.character("/"), into: &state)
        let typing = Fixtures.frame(state).line(23)
        #expect(!typing.contains("q quit"))
        #expect(typing.contains("Enter accept") && typing.contains("Esc cancel"))
        Fixtures.press(.escape, into: &state)
        for size in [(80, 24), (200, 60)] {
            _ = update(&state, .resized(width: size.0, height: size.1))
            for key in "12345" {
                Fixtures.press(.character(key), into: &state)
                let line = Fixtures.frame(state).line(size.1 - 1)
                #expect(line.contains("? help"), "\(state.screen) \(size)")
                #expect(!line.contains("…"), "hints are whole: \(line)")
                let hints = line.trimmingCharacters(in: .whitespaces).components(separatedBy: " · ")
                #expect(hints.count >= 3, "\(state.screen): \(line)")
            }
        }
        // Interests, whose keys are all arrows, shows them.
        Fixtures.press(.character("2"), into: &state)
        #expect(Fixtures.frame(state).line(59).contains("↑ previous user"))
        // The help overlay lists the log key.
        #expect(KeyMaps.markdown().contains("| `!` | message log"))
    }

    /// The lines between the tab bar and the status line.
    func body(_ frame: Buffer) -> String { frame.lines.dropFirst().dropLast().joined(separator: "\n") }
}
