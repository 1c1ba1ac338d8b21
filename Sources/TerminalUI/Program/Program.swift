import Foundation

/// The Elm-architecture run loop (as in bubbletea): one state, messages, a pure `update`, a pure
/// `render`, and a terminal that shows the rendered buffer.
///
/// Each tick the loop waits up to the terminal's poll interval for input, turns events into
/// messages with `message(for:)`, adds what workers posted to `mailbox` and timers that came due,
/// runs `update` on each, hands the `.effect` commands it returns to `perform`, and redraws when
/// anything happened. Below `minimumSize` it
/// draws `TooSmallMessage` instead of the app. Resizes reach the app as `.resize` events.
/// `.quit` returns from `run`, which restores the terminal on every way out.
public struct Program<State, Message: Sendable, Effect: Sendable> {
    public var update: (inout State, Message) -> Command<Message, Effect>
    public var render: (State, inout Buffer) -> Void
    /// Maps terminal input to a message; nil ignores it. It sees the state so a key can mean
    /// different things on different screens (look it up in the screen's `KeyMap`).
    public var message: (Event, State) -> Message?
    public var minimumSize: (width: Int, height: Int)
    /// Where workers post messages; also usable before `run` starts.
    public let mailbox: Mailbox<Message>
    /// Carries out an app effect (called on the UI thread, in order; must not block): starts or
    /// stops the app's background work, which reports back through `mailbox`.
    public var perform: (Effect) -> Void

    public init(
        minimumSize: (width: Int, height: Int) = (0, 0),
        mailbox: Mailbox<Message> = Mailbox(),
        update: @escaping (inout State, Message) -> Command<Message, Effect>,
        render: @escaping (State, inout Buffer) -> Void,
        message: @escaping (Event, State) -> Message?,
        perform: @escaping (Effect) -> Void = { _ in }
    ) {
        self.update = update
        self.perform = perform
        self.render = render
        self.message = message
        self.minimumSize = minimumSize
        self.mailbox = mailbox
    }

    /// Opens the real terminal, runs until `.quit`, restores the terminal and returns the final
    /// state. Errors opening the terminal are thrown before anything is changed.
    public func run(_ initial: State) throws -> State {
        let terminal = try Terminal.start()
        defer { terminal.stop() }
        return run(initial, on: terminal)
    }

    /// Runs the loop on any device (tests use a scripted one). `maxTicks` bounds the loop for
    /// tests; nil runs until `.quit`.
    public func run(_ initial: State, on device: TerminalDevice, maxTicks: Int? = nil) -> State {
        var loop = RunLoopState<State, Message>(state: initial)
        let size = device.size
        loop.pending.append(.event(.resize(width: size.width, height: size.height)))
        var ticks = 0
        while !loop.quitting {
            if let maxTicks, ticks >= maxTicks { break }
            ticks += 1
            if loop.pending.isEmpty && loop.dirty {
                device.draw(frame(loop.state, size: device.size, colorMode: device.colorMode))
                loop.dirty = false
            }
            // Wait for input only when there is nothing to do; then take all queued input so a
            // burst of keys (key repeat) costs one redraw.
            var event = device.pollEvent(wait: loop.pending.isEmpty)
            // Nothing came: a timeout, or a terminal that is gone (then end, restoring it).
            if event == nil && device.inputClosed { break }
            var taken = 0
            while let current = event {
                loop.pending.append(.event(current))
                taken += 1
                event = taken < 64 ? device.pollEvent(wait: false) : nil
            }
            loop.pending += mailbox.drain().map { .message($0) }
            loop.pending += loop.dueTimers(now: ContinuousClock.now).map { .message($0) }
            while !loop.pending.isEmpty && !loop.quitting {
                let m: Message
                switch loop.pending.removeFirst() {
                case .message(let queued): m = queued
                case .event(let e):
                    if case .resize = e { loop.dirty = true }
                    // Mapped now, not when read: after "2" switches screens, the next key of
                    // the same burst is read by the new screen.
                    guard let mapped = message(e, loop.state) else { continue }
                    m = mapped
                }
                var immediate: [Message] = []
                carryOut(update(&loop.state, m), loop: &loop, immediate: &immediate)
                loop.pending.insert(contentsOf: immediate.map { .message($0) }, at: 0)
                loop.dirty = true
            }
        }
        return loop.state
    }

    /// One whole frame: the app, or the too-small message below the minimum size.
    public func frame(_ state: State, size: (width: Int, height: Int), colorMode: ColorMode) -> Buffer {
        var buffer = Buffer(width: size.width, height: size.height, colorMode: colorMode)
        let tooSmall = TooSmallMessage(minimumWidth: minimumSize.width, minimumHeight: minimumSize.height)
        if tooSmall.applies(toWidth: size.width, height: size.height) {
            buffer.render(tooSmall)
        } else {
            render(state, &buffer)
        }
        return buffer
    }

    /// Carries out a command; `.send` messages are collected in `immediate`, in order, to be
    /// handled before anything else that is pending.
    private func carryOut(_ command: Command<Message, Effect>, loop: inout RunLoopState<State, Message>, immediate: inout [Message]) {
        switch command {
        case .none: break
        case .quit: loop.quitting = true
        case .batch(let commands): for c in commands { carryOut(c, loop: &loop, immediate: &immediate) }
        case .send(let m): immediate.append(m)
        case .after(let ms, let m): loop.timers.append((ContinuousClock.now.advanced(by: .milliseconds(ms)), m))
        case .effect(let effect): self.perform(effect)
        }
    }
}

/// The loop's bookkeeping besides the app state.
struct RunLoopState<State, Message> {
    enum Pending {
        case event(Event)
        case message(Message)
    }

    var state: State
    var pending: [Pending] = []
    var timers: [(ContinuousClock.Instant, Message)] = []
    var dirty = true
    var quitting = false

    init(state: State) { self.state = state }

    mutating func dueTimers(now: ContinuousClock.Instant) -> [Message] {
        guard !timers.isEmpty else { return [] }
        let due = timers.filter { $0.0 <= now }.sorted { $0.0 < $1.0 }.map(\.1)
        timers.removeAll { $0.0 <= now }
        return due
    }
}
