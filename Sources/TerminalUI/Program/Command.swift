/// What `update` asks the run loop to do after changing the state (bubbletea's `Cmd`), as data.
///
/// Keeping effects out of `update` keeps it pure and testable: a command says *what* should
/// happen; the loop does the loop's own part (quit, timers, immediate messages) and hands every
/// `.effect` to the program's effect handler, which owns the threads, tasks and handles that
/// carry it out and posts results back to the mailbox.
public enum Command<Message: Sendable, Effect: Sendable>: Sendable {
    /// Nothing.
    case none
    /// Leave the run loop and restore the terminal.
    case quit
    /// Several commands, in order.
    case batch([Command<Message, Effect>])
    /// Deliver `message` after `milliseconds` (animations such as "play", status timeouts).
    case after(milliseconds: Int, Message)
    /// Deliver `message` right after this one is handled.
    case send(Message)
    /// An app-defined effect (start a job, cancel it, read a file…), given to the program's
    /// `perform` handler on the UI thread; the handler must not block.
    case effect(Effect)
}

extension Command: Equatable where Message: Equatable, Effect: Equatable {}

/// For programs without effects of their own.
public enum NoEffect: Sendable, Equatable {}
