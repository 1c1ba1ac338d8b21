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

@Suite struct CursesKeyTests {
    @Test func functionKeyCodesBecomeKeys() {
        #expect(CursesKeys.key(forKeyCode: 0o403) == .up)  // KEY_UP
        #expect(CursesKeys.key(forKeyCode: 0o522) == .pageDown)  // KEY_NPAGE
        #expect(CursesKeys.key(forKeyCode: 0o541) == .backTab)  // KEY_BTAB
        #expect(CursesKeys.key(forKeyCode: 0o410 + 5) == .function(5))  // KEY_F(5)
        #expect(CursesKeys.key(forKeyCode: 0o550) == .end)  // KEY_END
        #expect(CursesKeys.key(forKeyCode: 0o552) == .home)  // KEY_FIND: Home on vt220-style keypads
        #expect(CursesKeys.key(forCharacter: 0x79D1) == .character("科"))
        #expect(CursesKeys.key(forCharacter: 3) == .ctrlC)
    }

    @Test func wheelButtonsBecomeScrollEvents() {
        // Mouse protocol 2: button b's "pressed" bit is 2 << ((b - 1) * 5).
        #expect(CursesKeys.mouse(state: 2 << 15, x: 3, y: 4) == .wheelUp(x: 3, y: 4))
        #expect(CursesKeys.mouse(state: 2 << 20, x: 1, y: 2) == .wheelDown(x: 1, y: 2))
        #expect(CursesKeys.mouse(state: 2, x: 0, y: 0) == .press(x: 0, y: 0))
        #expect(CursesKeys.mouse(state: 1 << 5, x: 0, y: 0) == nil)  // button 2 released: ignored
    }
}
