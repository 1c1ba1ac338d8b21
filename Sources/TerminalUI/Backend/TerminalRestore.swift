import CNCursesW
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Puts the terminal back in its normal mode on every way out of the program.
///
/// - quit and thrown errors: `Terminal.stop()` (called by `Program.run`'s `defer`);
/// - SIGINT, SIGTERM, SIGHUP, SIGQUIT: the handler calls `endwin` and exits with 128 + signal;
/// - crashes (SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE — a Swift runtime trap is
///   SIGILL on x86-64 and SIGTRAP on arm64): the handler calls `endwin`, restores the default
///   action and re-raises, so the process still dies of the signal (and dumps core if enabled).
///
/// Swift's own backtracer also catches crash signals and may take over the tty; run the UI
/// process with `SWIFT_BACKTRACE=enable=no` to leave crash handling to these handlers.
enum TerminalRestore {
    /// Whether curses is active, read by the signal handlers (a plain word: signal-safe to read).
    nonisolated(unsafe) static var cursesActive: sig_atomic_t = 0

    static let exitSignals: [Int32] = [SIGINT, SIGTERM, SIGHUP, SIGQUIT]
    static let crashSignals: [Int32] = [SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE]

    static func install() {
        for sig in exitSignals { setHandler(sig, exitHandler) }
        for sig in crashSignals { setHandler(sig, crashHandler) }
    }

    static func uninstall() {
        for sig in exitSignals + crashSignals { signal(sig, SIG_DFL) }
    }

    private static func setHandler(_ sig: Int32, _ handler: @escaping @convention(c) (Int32) -> Void) {
        var action = sigaction()
        #if canImport(Glibc)
        action.__sigaction_handler.sa_handler = handler
        #else
        action.__sigaction_u.__sa_handler = handler
        #endif
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        sigaction(sig, &action, nil)
    }

    /// endwin is not formally async-signal-safe, but it only writes the reset sequences and
    /// restores the tty modes; every curses program does this and the process exits right after.
    static func restoreNow() {
        if cursesActive != 0 {
            cursesActive = 0
            endwin()
        }
    }
}

private func exitHandler(_ sig: Int32) {
    TerminalRestore.restoreNow()
    _exit(128 + sig)
}

private func crashHandler(_ sig: Int32) {
    TerminalRestore.restoreNow()
    signal(sig, SIG_DFL)
    raise(sig)
}
