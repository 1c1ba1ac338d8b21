import Testing
import Foundation
@testable import TerminalUI

/// A terminal that replays scripted events and records the frames it was asked to draw.
/// A nil event is a poll on which nothing arrived (a quiet moment that lets the loop redraw).
final class ScriptedTerminal: TerminalDevice {
    var size: (width: Int, height: Int)
    let colorMode: ColorMode = .basic16
    var events: [Event?]
    var frames: [Buffer] = []
    var stopped = false
    /// Set to make the terminal "hang up" once the scripted events are used up.
    var hangsUpWhenDone = false
    var inputClosed: Bool { hangsUpWhenDone && events.isEmpty }

    init(width: Int, height: Int, events: [Event?]) {
        self.size = (width, height)
        self.events = events
    }

    func draw(_ buffer: Buffer) { frames.append(buffer) }

    /// How many times the loop asked for input.
    var polls = 0

    func pollEvent(wait: Bool) -> Event? {
        polls += 1
        guard !events.isEmpty else {
            if wait { usleep(1000) }  // like curses' timeout: time passes while nothing arrives
            return nil
        }
        guard let event = events.removeFirst() else { return nil }
        if case .resize(let w, let h) = event { size = (w, h) }
        return event
    }

    func stop() { stopped = true }
}

@Suite struct ProgramTests {
    struct Counter { var count = 0; var size = (0, 0); var log: [String] = [] }
    enum Message: Sendable { case increment, quit, resized(Int, Int), fromWorker(String), later }
    /// The test program's only effect: a worker thread that reports `text`.
    enum Work: Sendable, Equatable { case report(String) }

    static let keys = KeyMap<Message>([
        KeyBinding([.character("+")], "add one", action: .increment),
        KeyBinding([.character("q")], "quit", action: .quit),
    ])

    func program(workerText: String? = nil) -> Program<Counter, Message, Work> {
        let mailbox = Mailbox<Message>()
        return Program(
            minimumSize: (20, 3),
            mailbox: mailbox,
            update: { state, message in
                switch message {
                case .increment:
                    state.count += 1
                    if let workerText, state.count == 1 {
                        return .effect(.report(workerText))
                    }
                    return .none
                case .quit: return .quit
                case .resized(let w, let h): state.size = (w, h); return .none
                case .fromWorker(let text): state.log.append(text); return .after(milliseconds: 0, .later)
                case .later: state.log.append("later"); return .quit
                }
            },
            render: { state, buffer in buffer.write("count \(state.count)", x: 0, y: 0) },
            message: { event, _ in
                switch event {
                case .key(let key): return Self.keys.action(for: key)
                case .resize(let w, let h): return .resized(w, h)
                case .mouse: return nil
                }
            },
            perform: { work in
                // Effects are data; the handler owns the thread that carries this one out.
                guard case .report(let text) = work else { return }
                let thread = Thread { mailbox.send(.fromWorker(text)) }
                thread.start()
            })
    }

    @Test func keysUpdateStateAndQuitEndsTheLoop() {
        let terminal = ScriptedTerminal(width: 30, height: 5, events: [
            .key(.character("+")), .key(.character("+")), nil, .key(.character("q")), .key(.character("+")),
        ])
        let final = program().run(Counter(), on: terminal, maxTicks: 100)
        #expect(final.count == 2)  // the "+" after "q" is never handled
        #expect(final.size == (30, 5))
        #expect(terminal.frames.count == 1)  // the first size and the burst of two keys cost one frame
        #expect(terminal.frames.last!.lines[0] == "count 2" + String(repeating: " ", count: 23))
    }

    /// A terminal that went away (a killed tmux, a closed window) ends the loop: before, polling
    /// its dead input returned at once forever and kept a core busy.
    @Test func aHungUpTerminalEndsTheLoop() {
        let terminal = ScriptedTerminal(width: 30, height: 5, events: [.key(.character("+")), nil])
        terminal.hangsUpWhenDone = true
        let final = program().run(Counter(), on: terminal, maxTicks: 10_000)
        #expect(final.count == 1)
        #expect(terminal.events.isEmpty)
        // Without the check the loop would have polled for all 10 000 ticks; it stops at the
        // first empty poll after the hang-up.
        #expect(terminal.polls < 10, "polled \(terminal.polls) times")
    }

    @Test func tooSmallWindowShowsTheMessageAndResizeRecovers() {
        let terminal = ScriptedTerminal(width: 12, height: 3, events: [nil, .resize(width: 25, height: 4), nil, .key(.character("q"))])
        let final = program().run(Counter(), on: terminal, maxTicks: 100)
        #expect(final.size == (25, 4))
        #expect(terminal.frames.first!.text.contains("need 20×3"))
        #expect(terminal.frames.last!.lines[0].hasPrefix("count 0"))
        #expect(terminal.frames.last!.colorMode == .basic16)
    }

    @Test func workerMessagesArriveThroughTheMailbox() {
        let terminal = ScriptedTerminal(width: 30, height: 5, events: [.key(.character("+"))])
        // The worker thread's message arrives through the mailbox; handling it schedules a timer
        // whose message quits.
        let state = program(workerText: "epoch 1").run(Counter(), on: terminal, maxTicks: 2000)
        #expect(state.count == 1)
        #expect(state.log == ["epoch 1", "later"])
    }

    @Test func mailboxIsSafeAcrossThreads() async {
        let mailbox = Mailbox<Int>()
        await withTaskGroup(of: Void.self) { group in
            for t in 0..<4 { group.addTask { for i in 0..<250 { mailbox.send(t * 1000 + i) } } }
        }
        let received = mailbox.drain()
        #expect(received.count == 1000)
        #expect(Set(received).count == 1000)
        #expect(mailbox.isEmpty)
    }

    @Test func sentMessagesRunInOrderBeforeLaterInput() {
        enum M: Sendable { case start, step(Int), key }
        let program = Program<[String], M, NoEffect>(
            update: { log, m in
                switch m {
                case .start: log.append("start"); return .batch([.send(.step(1)), .send(.step(2))])
                case .step(let n): log.append("step \(n)"); return n == 2 ? .quit : .none
                case .key: log.append("key"); return .none
                }
            },
            render: { _, _ in },
            message: { event, _ in if case .key(.character("s")) = event { return .start }; return .key })
        let terminal = ScriptedTerminal(width: 10, height: 2, events: [.key(.character("s")), .key(.character("x"))])
        let log = program.run([], on: terminal, maxTicks: 50)
        // The resize first, then start, its two steps in order, and quit before "x" is handled.
        #expect(log == ["key", "start", "step 1", "step 2"])
    }

    @Test func eachEventIsMappedWithTheStateItArrivesIn() {
        // "m" toggles a mode; in that mode "x" means something else. Both arrive in one burst.
        enum M: Sendable { case toggle, plain, special }
        let program = Program<(mode: Bool, log: [String]), M, NoEffect>(
            update: { state, m in
                switch m {
                case .toggle: state.mode.toggle()
                case .plain: state.log.append("plain")
                case .special: state.log.append("special"); return .quit
                }
                return .none
            },
            render: { _, _ in },
            message: { event, state in
                guard case .key(.character(let c)) = event else { return nil }
                if c == "m" { return .toggle }
                return state.mode ? .special : .plain
            })
        let terminal = ScriptedTerminal(width: 10, height: 2, events: [.key(.character("x")), .key(.character("m")), .key(.character("x"))])
        let final = program.run((false, []), on: terminal, maxTicks: 50)
        #expect(final.log == ["plain", "special"])
    }
}
