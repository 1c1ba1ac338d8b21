import Testing
@testable import TerminalUI

@Suite struct KeyMapTests {
    enum Action: Equatable { case up, down, quit, help }

    static let map = KeyMap<Action>([
        KeyBinding([.up, .character("k")], "move up", action: .up, section: "Move"),
        KeyBinding([.down, .character("j")], "move down", action: .down, section: "Move"),
        KeyBinding([.character("?")], "help", action: .help),
        KeyBinding([.character("q"), .ctrlC], "quit", action: .quit),
    ])

    @Test func dispatchesEveryListedKey() {
        #expect(Self.map.action(for: .up) == .up)
        #expect(Self.map.action(for: .character("k")) == .up)
        #expect(Self.map.action(for: .character("j")) == .down)
        #expect(Self.map.action(for: .control("c")) == .quit)
        #expect(Self.map.action(for: .character("x")) == nil)
    }

    @Test func helpListsExactlyTheDispatchedKeys() {
        // Every key named in help dispatches to that binding's action, and nothing is missing.
        for binding in Self.map.bindings {
            for key in binding.keys { #expect(Self.map.action(for: key) == binding.action) }
        }
        let sections = Self.map.helpSections
        #expect(sections.map(\.section) == ["Move", ""])
        #expect(sections[0].entries.map(\.keys) == ["↑ k", "↓ j"])
        #expect(sections[1].entries.map(\.keys) == ["?", "q Ctrl-C"])
    }

    @Test func screenKeysShadowGlobalKeys() {
        let screen = KeyMap<Action>([KeyBinding([.character("q")], "close", action: .help)])
        let merged = screen.merged(with: Self.map)
        #expect(merged.action(for: .character("q")) == .help)
        #expect(merged.action(for: .ctrlC) == .quit)
    }

    @Test func rawBytesBecomeKeys() {
        #expect(Key.fromCharacter("\r") == .enter)
        #expect(Key.fromCharacter("\n") == .enter)
        #expect(Key.fromCharacter("\t") == .tab)
        #expect(Key.fromCharacter(Unicode.Scalar(3)) == .ctrlC)
        #expect(Key.fromCharacter(Unicode.Scalar(127)) == .backspace)
        #expect(Key.fromCharacter(Unicode.Scalar(27)) == .escape)
        #expect(Key.fromCharacter("科") == .character("科"))
        #expect(Key.backTab.description == "Shift-Tab")
    }
}
