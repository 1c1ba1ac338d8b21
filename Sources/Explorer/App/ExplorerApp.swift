import Foundation
import InterestData
import InterestModel
import TerminalUI

/// Runs the explorer in the terminal: builds the `Program` from `update` and `render`, maps
/// terminal events to messages, and returns when the user quits. `update` returns effects as
/// data; the program hands them to an `EffectRunner`, whose workers report back through the
/// program's mailbox. Only this thread touches curses.
public enum ExplorerApp {
    /// The program over `runner`, which must post to `mailbox`.
    public static func program(runner: EffectRunner, mailbox: Mailbox<Message>) -> Program<AppState, Message, Effect> {
        Program(
            minimumSize: minimumWindowSize,
            mailbox: mailbox,
            update: { state, message in
                state.clock = Date().timeIntervalSince1970  // the log's timestamps; update stays pure
                return command(for: Explorer.update(&state, message))
            },
            render: { state, buffer in Explorer.render(state, into: &buffer) },
            message: { event, _ in message(for: event) },
            perform: { runner.execute($0) })
    }

    /// A program and its runner for `data`, wired through a new mailbox.
    public static func program(for data: ExplorerData, runsRoot: String? = nil) -> (program: Program<AppState, Message, Effect>, runner: EffectRunner) {
        let mailbox = Mailbox<Message>()
        let runner = EffectRunner(data: data, runsRoot: runsRoot, send: { mailbox.send($0) })
        return (program(runner: runner, mailbox: mailbox), runner)
    }

    /// The run loop's command for the effects of one update: timers and quit are the loop's own,
    /// everything else goes to the runner, in order.
    public static func command(for effects: [Effect]) -> Command<Message, Effect> {
        .batch(effects.map { effect in
            switch effect {
            case .quit: return .quit
            case let .after(milliseconds, message): return .after(milliseconds: milliseconds, message)
            default: return .effect(effect)
            }
        })
    }

    /// The message for a terminal event.
    public static func message(for event: Event) -> Message? {
        switch event {
        case .key(let key): return .key(key)
        case .mouse(let mouse): return .mouse(mouse)
        case let .resize(width, height): return .resized(width: width, height: height)
        }
    }

    /// Opens the terminal and runs until quit. Quitting asks the runner to stop every job; if the
    /// loop ended another way (the terminal went away), they are stopped here.
    public static func run(_ state: AppState) throws {
        let (program, runner) = program(for: state.data, runsRoot: state.runs.root)
        var state = state
        // Mouse clicks on heatmap cells need the cell width, one column wider without colour.
        state.noColor = ColorMode.detect(colorCount: 256, noColor: Terminal.environment("NO_COLOR")) == .none
        _ = try program.run(state)
        runner.cancelAll()
        // A training stopped this way ends after its current step and records its run (checkpoint
        // and state, resumable); give it a moment, or the run is left as unfinished.
        runner.waitUntilIdle(timeout: .seconds(3))
    }
}
