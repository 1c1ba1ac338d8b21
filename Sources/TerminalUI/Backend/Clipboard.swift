import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Copies text to the clipboard of the terminal the explorer runs in, with OSC 52
/// (`ESC ] 52 ; c ; <base64> BEL`), which xterm, kitty, WezTerm, Alacritty, foot, iTerm2 and
/// Windows Terminal understand, also over ssh. There is no answer: the terminal may ignore it
/// (xterm needs `allowWindowOps`/`disallowedWindowOps` to permit it; the Linux console has none).
///
/// - `TERM=dumb`, `TERM=linux` (the console) and no TERM at all: refused with the reason.
/// - Inside tmux (`TMUX` set) the sequence is sent as it is: tmux takes it when
///   `set -g set-clipboard on` (tmux ≥ 2.6; the default `external` ignores applications), puts
///   the text in its paste buffer and passes it on to the outer terminal. It is not wrapped in
///   tmux's DCS passthrough, which needs `allow-passthrough` and would bypass tmux's buffer.
/// - Inside GNU screen (`STY` set, or TERM=screen* outside tmux) it is wrapped in screen's DCS
///   passthrough (`ESC P … ESC \`), since screen drops OSC 52 otherwise.
///
/// The bytes go straight to the terminal's file descriptor, outside curses' buffer (curses has
/// flushed its frame by then: this runs on the UI thread between frames).
public enum Clipboard {
    /// The plain OSC 52 sequence that sets the clipboard ("c") to `text`.
    public static func osc52(_ text: String) -> [UInt8] {
        Array("\u{1B}]52;c;".utf8) + Array(Data(text.utf8).base64EncodedString().utf8) + [0x07]
    }

    /// The bytes to send for `text` in a terminal described by `environment` (TERM, TMUX, STY), or
    /// why that terminal cannot take it.
    public static func sequence(for text: String, environment: [String: String]) -> Result<[UInt8], ClipboardRefusal> {
        let term = environment["TERM"] ?? ""
        if term.isEmpty || term == "dumb" { return .failure(ClipboardRefusal("TERM=\(term.isEmpty ? "(unset)" : term) has no clipboard (OSC 52)")) }
        if term == "linux" { return .failure(ClipboardRefusal("the Linux console (TERM=linux) has no clipboard (OSC 52)")) }
        let plain = osc52(text)
        let inTmux = !(environment["TMUX"] ?? "").isEmpty
        let inScreen = !(environment["STY"] ?? "").isEmpty || (!inTmux && term.hasPrefix("screen"))
        if inScreen && !inTmux { return .success(Array("\u{1B}P".utf8) + plain + Array("\u{1B}\\".utf8)) }
        return .success(plain)
    }

    /// Sends `text` to the terminal's clipboard; nil when sent, else why not (no terminal open,
    /// a terminal that cannot, a failed write).
    public static func copy(_ text: String, environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        guard TerminalRestore.cursesActive.load(ordering: .sequentiallyConsistent) != 0 else { return "no terminal is open" }
        switch sequence(for: text, environment: environment) {
        case .failure(let refusal): return refusal.reason
        case .success(let bytes): return writeToTerminal(bytes)
        }
    }

    /// Writes `bytes` to standard output (the terminal curses draws on), all of them.
    static func writeToTerminal(_ bytes: [UInt8]) -> String? {
        var written = 0
        while written < bytes.count {
            let n = bytes[written...].withUnsafeBytes { Foundation.write(STDOUT_FILENO, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                return String(cString: strerror(errno))
            }
            written += n
        }
        return nil
    }
}

/// Why the clipboard cannot be set in this terminal.
public struct ClipboardRefusal: Error, Equatable, Sendable {
    public let reason: String
    public init(_ reason: String) { self.reason = reason }
}
