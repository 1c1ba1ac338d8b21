import Testing
@testable import TerminalUI

/// OSC 52: the exact bytes, and which terminals get them how.
@Suite struct ClipboardTests {
    static func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

    @Test func osc52IsEscBracket52ThenBase64ThenBel() {
        // "a\tb\n" is YQliCg== in base64; 新闻 (e6 96 b0 e9 97 bb) is 5paw6Ze7.
        #expect(Clipboard.osc52("a\tb\n") == [0x1B] + Self.bytes("]52;c;YQliCg==") + [0x07])
        #expect(Clipboard.osc52("新闻") == [0x1B] + Self.bytes("]52;c;5paw6Ze7") + [0x07])
        #expect(Clipboard.osc52("") == [0x1B] + Self.bytes("]52;c;") + [0x07])
    }

    @Test func terminalsThatCannotAreRefusedWithTheReason() {
        for term in ["dumb", "linux", ""] {
            guard case .failure(let refusal) = Clipboard.sequence(for: "x", environment: ["TERM": term]) else {
                Issue.record("TERM=\(term) should be refused"); continue
            }
            #expect(refusal.reason.contains("OSC 52"))
        }
        guard case .failure = Clipboard.sequence(for: "x", environment: [:]) else { Issue.record("no TERM should be refused"); return }
    }

    @Test func tmuxGetsThePlainSequenceAndScreenAPassthrough() {
        let plain = Clipboard.osc52("x")
        #expect(Clipboard.sequence(for: "x", environment: ["TERM": "xterm-256color"]) == .success(plain))
        // tmux takes OSC 52 itself with `set -g set-clipboard on`.
        #expect(Clipboard.sequence(for: "x", environment: ["TERM": "tmux-256color", "TMUX": "/tmp/tmux-0/default,1,0"]) == .success(plain))
        #expect(Clipboard.sequence(for: "x", environment: ["TERM": "screen-256color", "TMUX": "/tmp/tmux-0/default,1,0"]) == .success(plain))
        // GNU screen drops it unless wrapped in its DCS passthrough: ESC P … ESC \.
        #expect(Clipboard.sequence(for: "x", environment: ["TERM": "screen", "STY": "123.pts-0"]) == .success([0x1B, 0x50] + plain + [0x1B, 0x5C]))
    }

    @Test func withoutAnOpenTerminalNothingIsWritten() {
        #expect(Clipboard.copy("x", environment: ["TERM": "xterm"]) == "no terminal is open")
    }
}
