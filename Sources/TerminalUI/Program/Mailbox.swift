import Foundation

/// A thread-safe queue of messages into the UI loop.
///
/// Worker threads (the trainer) call `send`; the UI thread drains it once per tick. Only the UI
/// thread touches curses and the app state, so workers never block on the UI and vice versa.
public final class Mailbox<Message: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var queue: [Message] = []

    public init() {}

    /// Posts a message from any thread.
    public func send(_ message: Message) {
        lock.lock()
        queue.append(message)
        lock.unlock()
    }

    /// Takes every pending message, oldest first.
    public func drain() -> [Message] {
        lock.lock()
        defer { lock.unlock() }
        let messages = queue
        queue.removeAll(keepingCapacity: true)
        return messages
    }

    public var isEmpty: Bool {
        lock.lock()
        defer { lock.unlock() }
        return queue.isEmpty
    }
}
