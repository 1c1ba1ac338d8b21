import Foundation
import InterestData
import InterestModel
import TerminalUI

/// Runs the explorer in the terminal: builds the `Program` from `update` and `render`, maps
/// terminal events to messages, and returns when the user quits. Training and other slow work run
/// on background threads (`Command.task`) and report back through the program's mailbox; only
/// this thread touches curses.
public enum ExplorerApp {
    public static func program() -> Program<AppState, Message> {
        Program(
            minimumSize: minimumWindowSize,
            update: { state, message in Explorer.update(&state, message) },
            render: { state, buffer in Explorer.render(state, into: &buffer) },
            message: { event, _ in message(for: event) })
    }

    /// The message for a terminal event.
    public static func message(for event: Event) -> Message? {
        switch event {
        case .key(let key): return .key(key)
        case .mouse(let mouse): return .mouse(mouse)
        case let .resize(width, height): return .resized(width: width, height: height)
        }
    }

    /// Opens the terminal and runs until quit; stops a running training before returning.
    public static func run(_ state: AppState) throws {
        let final = try program().run(state)
        final.training.session?.cancel()
    }
}
