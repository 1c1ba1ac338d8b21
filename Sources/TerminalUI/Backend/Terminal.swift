import CNCursesW
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why the terminal could not be opened.
public enum TerminalError: Error, CustomStringConvertible {
    case notATerminal
    case cannotInitialize(term: String)
    /// The terminal type cannot position the cursor (TERM=dumb, or a terminfo entry without `cup`).
    case cannotAddressCursor(term: String)

    public var description: String {
        switch self {
        case .notATerminal: return "the explorer needs a terminal: standard input and output must be a tty"
        case .cannotInitialize(let term): return "curses cannot drive this terminal (TERM=\(term)); try TERM=xterm-256color"
        case .cannotAddressCursor(let term):
            return "TERM=\(term) cannot move the cursor, so a full-screen explorer cannot be drawn; run it in a terminal such as TERM=xterm-256color, or use the command-line tools (mist recommend, inspect, evaluate)"
        }
    }
}

/// The curses backend: the only code in mist that calls curses, and only from the UI thread.
///
/// `start()` sets the locale (so wide characters print), enters raw mode (Ctrl-C arrives as a
/// key, so the app can ask before quitting), hides the cursor, enables the mouse wheel and
/// colours (respecting `NO_COLOR`), and installs the signal handlers of `TerminalRestore`.
/// `draw` writes only the cells that changed since the last frame; `stop` restores the terminal.
/// Run the process with `SWIFT_BACKTRACE=enable=no` so a crash leaves the tty to our handlers.
public final class Terminal: TerminalDevice {
    public private(set) var colorMode: ColorMode = .none
    private var previous: Buffer?
    private var pairs: [ColorPairKey: Int32] = [:]
    private var nextPair: Int32 = 1
    private var maxPairs: Int32 = 0
    private var screen: OpaquePointer?
    private var active = false
    private var scratch: [wchar_t] = []
    /// The locale is not UTF-8 (LANG=C): curses cannot show wide characters, so borders, bars
    /// and every other non-ASCII symbol are drawn with ASCII stand-ins (as htop does).
    public private(set) var asciiOnly = false

    /// Why the screen looks poorer than it should, for the app to show (nil when all is well).
    public var warning: String? {
        asciiOnly ? "the locale is not UTF-8 (\(Terminal.localeName)): Chinese text cannot be shown, borders and bars use ASCII; run with LANG=C.UTF-8" : nil
    }

    /// What is wrong with the process's locale for the explorer, or nil when it is UTF-8. Sets
    /// the locale from the environment, as `start()` does.
    public static func localeWarning() -> String? {
        setlocale(LC_ALL, "")
        return localeIsUTF8() ? nil
            : "the locale is not UTF-8 (\(localeName)): Chinese text cannot be shown, borders and bars use ASCII; run with LANG=C.UTF-8"
    }

    /// Whether LC_CTYPE (after `setlocale(LC_ALL, "")`) uses UTF-8.
    static func localeIsUTF8() -> Bool {
        guard let codeset = nl_langinfo(nl_item(CODESET)) else { return false }
        let name = String(cString: codeset).uppercased()
        return name == "UTF-8" || name == "UTF8"
    }

    static var localeName: String {
        for name in ["LC_ALL", "LC_CTYPE", "LANG"] { if let value = environment(name), !value.isEmpty { return "\(name)=\(value)" } }
        return "no LANG set"
    }
    /// Milliseconds `pollEvent(wait: true)` waits for input.
    public let pollInterval: Int32

    private struct ColorPairKey: Hashable { let fg: Int32; let bg: Int32 }

    private init(pollInterval: Int32) { self.pollInterval = pollInterval }

    /// Opens the terminal in full-screen mode.
    /// - Parameter environment: read for `NO_COLOR` and `TERM` (defaults to the process's).
    public static func start(pollIntervalMilliseconds: Int32 = 50, noColor: String? = Terminal.environment("NO_COLOR")) throws -> Terminal {
        guard isatty(STDIN_FILENO) != 0, isatty(STDOUT_FILENO) != 0 else { throw TerminalError.notATerminal }
        setlocale(LC_ALL, "")
        // newterm, unlike initscr, returns nil on an unknown TERM instead of exiting the process.
        guard let screen = mist_newterm() else {
            throw TerminalError.cannotInitialize(term: environment("TERM") ?? "")
        }
        let terminal = Terminal(pollInterval: pollIntervalMilliseconds)
        terminal.screen = screen
        set_term(screen)
        guard mist_can_address_cursor() != 0 else {
            endwin()
            delscreen(screen)
            throw TerminalError.cannotAddressCursor(term: environment("TERM") ?? "")
        }
        terminal.asciiOnly = !Terminal.localeIsUTF8()
        TerminalRestore.cursesActive.store(1, ordering: .sequentiallyConsistent)
        TerminalRestore.install()
        TerminalRestore.captureStandardError()
        terminal.active = true
        raw()
        noecho()
        nonl()
        keypad(mist_stdscr(), true)
        // Home/End as tmux, screen and rxvt send them, whatever TERM claims, so they do not
        // arrive as Esc [ 1 ~ (tmux under TERM=xterm-256color sends these).
        for (sequence, code) in [("\u{1B}[1~", KEY_HOME), ("\u{1B}[4~", KEY_END), ("\u{1B}[7~", KEY_HOME), ("\u{1B}[8~", KEY_END)] {
            if key_defined(sequence) == 0 { define_key(sequence, code) }
        }
        set_escdelay(25)
        timeout(pollIntervalMilliseconds)
        curs_set(0)
        mouseinterval(0)
        mousemask(Terminal.capturedMouseEvents, nil)
        if has_colors() {
            start_color()
            use_default_colors()
        }
        terminal.colorMode = ColorMode.detect(colorCount: has_colors() ? Int(mist_colors()) : 0, noColor: noColor)
        terminal.maxPairs = mist_color_pairs()
        return terminal
    }

    /// The value of an environment variable.
    public static func environment(_ name: String) -> String? {
        getenv(name).map { String(cString: $0) }
    }

    public var size: (width: Int, height: Int) {
        (Int(getmaxx(mist_stdscr())), Int(getmaxy(mist_stdscr())))
    }

    public func stop() {
        guard active else { return }
        active = false
        TerminalRestore.cursesActive.store(0, ordering: .sequentiallyConsistent)
        curs_set(1)
        endwin()
        if let screen { delscreen(screen) }
        screen = nil
        TerminalRestore.releaseStandardError()
        TerminalRestore.uninstall()
    }

    deinit { stop() }

    // MARK: - Drawing

    public func draw(_ buffer: Buffer) {
        guard active else { return }
        if previous.map({ $0.width != buffer.width || $0.height != buffer.height }) ?? true {
            // First frame or new size: let curses forget what it believes is on screen.
            clearok(mist_stdscr(), true)
        }
        for run in CellDiff.changedRuns(from: previous, to: buffer) {
            var x = run.x
            for cell in run.cells {
                if !cell.isContinuation { write(cell, x: x, y: run.y) }
                x += 1
            }
        }
        refresh()
        previous = buffer
    }

    /// Forces the next `draw` to write every cell (after a resize or a screen corruption).
    public func invalidate() { previous = nil }

    private func write(_ cell: Cell, x: Int, y: Int) {
        var attrs = mist_a_normal()
        if cell.attributes.contains(.bold) { attrs |= mist_a_bold() }
        if cell.attributes.contains(.dim) { attrs |= mist_a_dim() }
        if cell.attributes.contains(.reverse) { attrs |= mist_a_reverse() }
        if cell.attributes.contains(.underline) { attrs |= mist_a_underline() }
        if cell.attributes.contains(.italic) { attrs |= mist_a_italic() }
        let pair = colorPair(cell.foreground, cell.background)
        // A grapheme is a spacing character plus up to 4 combining ones (CCHARW_MAX is 5).
        // One scratch array for every cell: no allocation per cell on a full redraw.
        scratch.removeAll(keepingCapacity: true)
        if asciiOnly {
            scratch.append(wchar_t(bitPattern: AsciiFallback.scalar(for: cell.symbol).value))
        } else {
            for scalar in cell.symbol.unicodeScalars.prefix(5) { scratch.append(wchar_t(bitPattern: scalar.value)) }
        }
        if scratch.isEmpty { scratch.append(32) }
        scratch.append(0)
        _ = mist_put_cell(Int32(y), Int32(x), scratch, attrs, pair)
    }

    /// The colour pair for fg/bg in the current mode, allocated on first use.
    private func colorPair(_ fg: Color, _ bg: Color) -> Int32 {
        guard colorMode != .none else { return 0 }
        let key = ColorPairKey(fg: Terminal.cursesColor(fg.resolved(for: colorMode)), bg: Terminal.cursesColor(bg.resolved(for: colorMode)))
        if key.fg == -1 && key.bg == -1 { return 0 }
        if let pair = pairs[key] { return pair }
        guard nextPair < maxPairs else { return 0 }  // out of pairs: fall back to default colours
        let pair = nextPair
        nextPair += 1
        init_extended_pair(pair, key.fg, key.bg)
        pairs[key] = pair
        return pair
    }

    static func cursesColor(_ color: Color) -> Int32 {
        switch color {
        case .default, .rgb: return -1
        case .ansi(let n): return Int32(n)
        case .indexed(let n): return Int32(n)
        }
    }

    // MARK: - Stop and continue

    /// After SIGSTOP and `fg` (SIGCONT) the shell has put the tty back in line mode and drawn over
    /// the screen: once the process is in the foreground again, re-enter raw mode and redraw
    /// everything. In the background it waits (touching the tty there would stop it again).
    private func resumeAfterContinue() -> Event? {
        guard TerminalRestore.continued.load(ordering: .sequentiallyConsistent) != 0, TerminalRestore.isForeground() else {
            return nil
        }
        TerminalRestore.continued.store(0, ordering: .sequentiallyConsistent)
        reset_prog_mode()
        raw()
        noecho()
        nonl()
        keypad(mist_stdscr(), true)
        curs_set(0)
        clearok(mist_stdscr(), true)
        previous = nil
        let s = size
        return .resize(width: s.width, height: s.height)
    }

    // MARK: - Input

    /// Standard input reports a hang-up or an error (the pty of a killed tmux or closed window):
    /// `get_wch` then fails at once on every call, so the loop must stop rather than spin.
    public var inputClosed: Bool {
        var descriptor = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
        guard poll(&descriptor, 1, 0) >= 0 else { return errno != EINTR }
        return descriptor.revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0
    }

    public func pollEvent(wait: Bool) -> Event? {
        guard active else { return nil }
        if let resumed = resumeAfterContinue() { return resumed }
        timeout(wait ? pollInterval : 0)
        var value: wint_t = 0
        let status = get_wch(&value)
        if status == ERR { return nil }
        if status == KEY_CODE_YES {
            let code = Int32(bitPattern: UInt32(value))
            if code == KEY_RESIZE {
                previous = nil
                let s = size
                return .resize(width: s.width, height: s.height)
            }
            if code == KEY_MOUSE {
                var event = MEVENT()
                guard getmouse(&event) == OK else { return nil }
                return CursesKeys.mouse(state: event.bstate, x: Int(event.x), y: Int(event.y)).map { .mouse($0) }
            }
            return CursesKeys.key(forKeyCode: code).map { .key($0) }
        }
        return CursesKeys.key(forCharacter: UInt32(value)).map { .key($0) }
    }
}
