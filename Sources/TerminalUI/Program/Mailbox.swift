import Synchronization

/// A thread-safe queue of messages into the UI loop.
///
/// Workers (threads or tasks) call `send`; the UI thread drains it once per tick. Only the UI
/// thread touches curses and the app state, so workers never block on the UI and vice versa.
/// Sendable as checked by the compiler: the queue lives in a `Mutex`.
public final class Mailbox<Message: Sendable>: Sendable {
    private let queue = Mutex<[Message]>([])

    public init() {}

    /// Posts a message from any thread or task.
    public func send(_ message: Message) {
        queue.withLock { $0.append(message) }
    }

    /// Takes every pending message, oldest first.
    public func drain() -> [Message] {
        queue.withLock { queue in
            let messages = queue
            queue.removeAll(keepingCapacity: true)
            return messages
        }
    }

    public var isEmpty: Bool { queue.withLock { $0.isEmpty } }
}
