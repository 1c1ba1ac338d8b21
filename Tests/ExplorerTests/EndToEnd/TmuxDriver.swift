import Foundation

/// Runs a real program inside a private tmux server so an end-to-end test can type keys and read
/// the screen, as a user would. Every wait polls the screen with a deadline; nothing sleeps blindly.
///
/// The program runs under a small shell wrapper that, after the program ends, records its exit
/// status and whether the tty is back in canonical mode with echo (i.e. the program restored the
/// terminal), so a test can assert a clean exit.
struct TmuxDriver {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// What the wrapper recorded when the program ended.
    struct Exit: Equatable {
        let status: Int32
        /// `icanon` and `echo` were on again after the program ended.
        let terminalRestored: Bool
    }

    let socket: String
    let workDirectory: URL
    private var exitFile: URL { workDirectory.appendingPathComponent("exit") }
    private var pidFile: URL { workDirectory.appendingPathComponent("pid") }

    /// The `mist` binary built next to the test bundle (SwiftPM builds it because ExplorerTests
    /// depends on the `mist` target), or `MIST_BINARY` when set.
    static func mistBinary() throws -> String {
        if let explicit = ProcessInfo.processInfo.environment["MIST_BINARY"] { return explicit }
        let testExecutable = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
        let candidate = URL(fileURLWithPath: testExecutable).deletingLastPathComponent()
            .appendingPathComponent("mist").path
        guard FileManager.default.isExecutableFile(atPath: candidate) else {
            throw Failure(description: "mist binary not found at \(candidate); set MIST_BINARY")
        }
        return candidate
    }

    static var tmuxAvailable: Bool {
        (try? run(["tmux", "-V"]).status) == 0
    }

    /// Starts `arguments` in a detached tmux session of the given size.
    init(arguments: [String], width: Int, height: Int, environment: [String: String] = [:],
         currentDirectory: String? = nil) throws
    {
        socket = "mist-e2e-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        workDirectory = FileManager.default.temporaryDirectory.appendingPathComponent(socket)
        try FileManager.default.createDirectory(at: workDirectory, withIntermediateDirectories: true)
        var env = ["LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "TERM": "xterm-256color",
                   "SWIFT_BACKTRACE": "enable=no"]
        env.merge(environment) { _, new in new }
        let assignments = env.sorted { $0.key < $1.key }.map { "\($0.key)=\(Self.shellQuoted($0.value))" }
        // The inner shell records its pid and then becomes the program (exec), so `signal(_:)`
        // reaches the program itself while the outer shell stays to record how it ended.
        let recordPid = "echo $$ > \(Self.shellQuoted(pidFile.path)); exec \"$0\" \"$@\""
        let command = (["sh", "-c", Self.shellQuoted(recordPid), "env"] + assignments
            + arguments.map(Self.shellQuoted)).joined(separator: " ")
        let cd = currentDirectory.map { "cd \(Self.shellQuoted($0)) && " } ?? ""
        let wrapper = """
            \(cd)\(command); status=$?; \
            modes=$(stty -a 2>/dev/null | tr ' ;' '\\n\\n' | grep -xE -- '-?(icanon|echo)' | tr '\\n' ' '); \
            echo "$status $modes" > \(Self.shellQuoted(exitFile.path)); sleep 600
            """
        let result = try Self.run([
            "tmux", "-L", socket, "-f", "/dev/null", "new-session", "-d",
            "-x", String(width), "-y", String(height), "sh", "-c", wrapper,
        ])
        guard result.status == 0 else {
            throw Failure(description: "tmux new-session failed: \(result.output)")
        }
    }

    /// Sends tmux key names (`Down`, `Enter`, `Tab`, `C-c`, `q`, …).
    func send(_ keys: String...) throws {
        _ = try Self.run(["tmux", "-L", socket, "send-keys", "-t", "0"] + keys)
    }

    /// Types text literally (no key-name interpretation).
    func type(_ text: String) throws {
        _ = try Self.run(["tmux", "-L", socket, "send-keys", "-t", "0", "-l", text])
    }

    func resize(width: Int, height: Int) throws {
        _ = try Self.run(["tmux", "-L", socket, "resize-window", "-t", "0",
                          "-x", String(width), "-y", String(height)])
    }

    /// The visible screen, one string per row.
    func screen() throws -> String {
        try Self.run(["tmux", "-L", socket, "capture-pane", "-p", "-t", "0"]).output
    }

    /// The program's process id, once the wrapper has recorded it.
    func pid() throws -> pid_t {
        try Self.poll(timeout: 10, otherwise: { "the program's pid was never recorded" }) {
            (try? String(contentsOf: pidFile, encoding: .utf8))
                .flatMap { pid_t($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        }
    }

    /// The tty of the pane the program runs in (to disturb it as a shell would).
    func paneTTY() throws -> String {
        try Self.run(["tmux", "-L", socket, "display-message", "-p", "-t", "0", "#{pane_tty}"]).output
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Sends a signal (e.g. SIGTERM) to the program, as `kill` from another terminal would.
    func signal(_ signal: Int32) throws {
        let pid = try pid()
        guard kill(pid, signal) == 0 else {
            throw Failure(description: "kill(\(pid), \(signal)) failed: \(String(cString: strerror(errno)))")
        }
    }

    /// Polls the screen until `predicate` holds; throws with the last screen on timeout.
    @discardableResult
    func waitFor(_ what: String, timeout: TimeInterval = 30, _ predicate: (String) -> Bool) throws -> String {
        var last = ""
        return try Self.poll(timeout: timeout, otherwise: { "timed out after \(Int(timeout)) s waiting for \(what); screen was:\n\(last)" }) {
            last = try screen()
            return predicate(last) ? last : nil
        }
    }

    @discardableResult
    func waitFor(text: String, timeout: TimeInterval = 30) throws -> String {
        try waitFor("\"\(text)\"", timeout: timeout) { $0.contains(text) }
    }

    /// Waits until the program has ended and returns what the wrapper recorded.
    func waitForExit(timeout: TimeInterval = 15) throws -> Exit {
        try Self.poll(timeout: timeout, otherwise: {
            "program did not exit within \(Int(timeout)) s; screen was:\n\((try? screen()) ?? "")"
        }) {
            guard let text = try? String(contentsOf: exitFile, encoding: .utf8), text.hasSuffix("\n") else { return nil }
            let fields = text.split(separator: " ", omittingEmptySubsequences: true)
                .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            return Exit(status: Int32(fields.first ?? "") ?? -1,
                        terminalRestored: fields.contains("icanon") && fields.contains("echo"))
        }
    }

    /// Tries `attempt` every 100 ms until it gives a value; after `timeout` seconds throws the
    /// message `otherwise` builds (built then, so it can show the last state seen).
    static func poll<T>(timeout: TimeInterval, otherwise: () -> String, _ attempt: () throws -> T?) throws -> T {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if let value = try attempt() { return value }
            usleep(100_000)
        }
        throw Failure(description: otherwise())
    }

    /// Ends the tmux server and removes the scratch folder; safe to call more than once.
    func close() {
        _ = try? Self.run(["tmux", "-L", socket, "kill-server"])
        try? FileManager.default.removeItem(atPath: "/tmp/tmux-\(getuid())/\(socket)")
        try? FileManager.default.removeItem(at: workDirectory)
    }

    static func shellQuoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// Runs a command and returns its status (−1 when a signal ended it) and combined output,
    /// through the one subprocess runner of the tests (`HostileRunner.run`): output goes through a
    /// file, not a pipe (`tmux new-session` forks a server that would inherit a pipe and never
    /// close it), and the child is reaped with posix_spawn + waitpid (Foundation's Process did not
    /// notice tmux's client exiting under the test runner and hung).
    @discardableResult
    static func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let outcome = try HostileRunner.run(arguments, seconds: 600)
        return (outcome.status ?? -1, outcome.output)
    }
}
