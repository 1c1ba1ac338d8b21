/// What `update` asks the run loop to do after changing the state (bubbletea's `Cmd`).
/// Keeping effects out of `update` keeps it pure and testable.
public enum Command<Message: Sendable>: Sendable {
    /// Nothing.
    case none
    /// Leave the run loop and restore the terminal.
    case quit
    /// Several commands, in order.
    case batch([Command<Message>])
    /// Run `work` on a new background thread; it reports progress and results with `send`
    /// (which may be called any number of times, from that thread).
    case task(@Sendable (_ send: @escaping @Sendable (Message) -> Void) -> Void)
    /// Deliver `message` after `milliseconds` (animations such as "play", status timeouts).
    case after(milliseconds: Int, Message)
    /// Deliver `message` right after this one is handled.
    case send(Message)
}
