import Foundation
import Synchronization

/// Pauses, resumes and stops a running training from any thread or task.
///
/// Not an actor, on purpose: the training loop runs on its own thread (a CPU-bound loop that
/// lasts minutes must not occupy a thread of Swift's cooperative pool, which has one thread per
/// core: on a one- or two-core machine the explorer's tasks would starve), and a thread cannot
/// `await` an actor between two steps. Two atomic flags are the smallest thing the compiler
/// checks as `Sendable`.
public final class TrainingControl: Sendable {
    private let paused = Atomic<Bool>(false)
    private let stopped = Atomic<Bool>(false)

    public init() {}

    public func pause() { paused.store(true, ordering: .sequentiallyConsistent) }
    public func resume() { paused.store(false, ordering: .sequentiallyConsistent) }
    /// Asks the run to stop before its next step (what `TrainingJob.cancel()` does).
    public func stop() { stopped.store(true, ordering: .sequentiallyConsistent) }

    public var isPaused: Bool { paused.load(ordering: .sequentiallyConsistent) }
    public var isStopRequested: Bool { stopped.load(ordering: .sequentiallyConsistent) }

    /// Called by the loop before each step: blocks while paused (reporting `paused` and
    /// `resumed`, with the clock stopped) and returns whether to stop.
    func shouldStop(clock: inout TrainingClock, observer: (TrainingEvent) -> Void) -> Bool {
        if isPaused && !isStopRequested {
            clock.pause()
            observer(.paused)
            // Polled: a pause is a person's action, and 20 ms is below what they notice.
            while isPaused && !isStopRequested { Thread.sleep(forTimeInterval: 0.02) }
            clock.resume()
            if !isStopRequested { observer(.resumed) }
        }
        return isStopRequested
    }
}
