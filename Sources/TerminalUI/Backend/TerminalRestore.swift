import CNCursesW
import Synchronization
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
/// While curses owns the screen, standard error goes to an unlinked temporary file instead of
/// the tty: a stray warning from another thread cannot scribble over the frame, and a crash
/// message (Swift prints "Fatal error: …" before trapping) is not lost in the alternate screen.
/// When the terminal is restored, by any of the paths above, what was captured is copied back
/// to the real standard error, so it appears below the restored shell prompt.
///
/// Swift's own backtracer also catches crash signals and may take over the tty; run the UI
/// process with `SWIFT_BACKTRACE=enable=no` to leave crash handling to these handlers.
///
/// The state the handlers share with the program is four `Atomic<Int32>`s, not plain globals: a
/// process-directed signal may run its handler on any thread (the trainer's included), so a plain
/// variable would be a data race, and the handler and the program may both try to restore at
/// once (a SIGINT during `Terminal.stop()`). Lock-free atomics are async-signal-safe (a single
/// load, store or exchange instruction on x86-64 and arm64), and `exchange` makes each restoring
/// step happen exactly once, whoever gets there first. Static `let`s are initialised lazily
/// (`swift_once`, which may lock), so `install()` touches all four before any handler exists.
enum TerminalRestore {
    /// Whether curses is active (1) or not (0), read by the signal handlers.
    static let cursesActive = Atomic<Int32>(0)

    /// The real standard error while it is captured, else -1.
    static let savedStandardError = Atomic<Int32>(-1)
    /// The unlinked file standard error is captured into, else -1.
    static let capturedStandardError = Atomic<Int32>(-1)

    static let exitSignals: [Int32] = [SIGINT, SIGTERM, SIGHUP, SIGQUIT]
    static let crashSignals: [Int32] = [SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE]

    /// Set to 1 by SIGCONT: the terminal must be put back in raw mode and redrawn (see
    /// `Terminal.pollEvent`).
    static let continued = Atomic<Int32>(0)

    static func install() {
        // Initialise the statics now, so that no handler is the first to touch one (see above).
        _ = cursesActive.load(ordering: .relaxed)
        _ = continued.load(ordering: .relaxed)
        _ = savedStandardError.load(ordering: .relaxed)
        _ = capturedStandardError.load(ordering: .relaxed)
        for sig in exitSignals { setHandler(sig, exitHandler) }
        for sig in crashSignals { setHandler(sig, crashHandler) }
        setHandler(SIGCONT, continueHandler)
    }

    static func uninstall() {
        for sig in exitSignals + crashSignals + [SIGCONT] { signal(sig, SIG_DFL) }
    }

    /// Whether this process's group owns the terminal (async-signal-safe: tcgetpgrp, getpgrp).
    static func isForeground() -> Bool {
        let owner = tcgetpgrp(STDIN_FILENO)
        return owner < 0 || owner == getpgrp()
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

    /// Points fd 2 at an unlinked temporary file (keeping the real one to restore later).
    static func captureStandardError() {
        guard savedStandardError.load(ordering: .sequentiallyConsistent) < 0 else { return }
        var template = Array("/tmp/mist-stderr-XXXXXX".utf8CString)
        let file = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard file >= 0 else { return }
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
        let saved = dup(STDERR_FILENO)
        guard saved >= 0, dup2(file, STDERR_FILENO) >= 0 else {
            close(file)
            if saved >= 0 { close(saved) }
            return
        }
        // The file first: whoever takes `savedStandardError` (below) then finds it.
        capturedStandardError.store(file, ordering: .sequentiallyConsistent)
        savedStandardError.store(saved, ordering: .sequentiallyConsistent)
    }

    /// Puts the real standard error back and replays what was captured onto it, once: of the
    /// program and a handler running at the same time, only the one that takes the saved
    /// descriptor does it. Uses only async-signal-safe calls (dup2, lseek, read, write, close).
    static func releaseStandardError() {
        let saved = savedStandardError.exchange(-1, ordering: .sequentiallyConsistent)
        guard saved >= 0 else { return }
        let file = capturedStandardError.exchange(-1, ordering: .sequentiallyConsistent)
        dup2(saved, STDERR_FILENO)
        close(saved)
        guard file >= 0 else { return }
        lseek(file, 0, SEEK_SET)
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 4096) { chunk in
            while true {
                let n = read(file, chunk.baseAddress, chunk.count)
                if n <= 0 { break }
                _ = write(STDERR_FILENO, chunk.baseAddress, n)
            }
        }
        close(file)
    }

    /// endwin is not formally async-signal-safe, but it only writes the reset sequences and
    /// restores the tty modes; every curses program does this and the process exits right after.
    ///
    /// It never blocks on the tty: SIGTTOU and SIGTTIN are ignored first (a background process
    /// that writes to the tty or changes its modes is otherwise stopped, here inside the
    /// handler, forever), and a process that is not in the foreground leaves the tty alone (the
    /// shell restored its own modes when the job stopped; the screen belongs to another job).
    static func restoreNow() {
        signal(SIGTTOU, SIG_IGN)
        signal(SIGTTIN, SIG_IGN)
        if cursesActive.exchange(0, ordering: .sequentiallyConsistent) != 0 {
            if isForeground() { endwin() }
        }
        releaseStandardError()
    }
}

private func continueHandler(_ sig: Int32) {
    TerminalRestore.continued.store(1, ordering: .sequentiallyConsistent)
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
