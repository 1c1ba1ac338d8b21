import Dispatch
import Foundation
import Synchronization

/// Turns the first Ctrl-C (SIGINT) into a call of `onInterrupt` (e.g. cancel a training so it
/// can save a resumable checkpoint); a second Ctrl-C ends the process at once with status 130,
/// as an uncaught SIGINT would. `remove()` puts the default behaviour back.
final class InterruptHandler {
    private let source: any DispatchSourceSignal

    init(onInterrupt: @escaping @Sendable () -> Void) {
        signal(SIGINT, SIG_IGN)  // the dispatch source sees the signal only if it is not handled
        let source = DispatchSource.makeSignalSource(signal: SIGINT, queue: DispatchQueue(label: "mist.interrupt"))
        let count = Mutex(0)
        source.setEventHandler {
            let n = count.withLock { $0 += 1; return $0 }
            if n == 1 {
                FileHandle.standardError.write(Data("\nstopping after this step and saving (Ctrl-C again quits without saving)…\n".utf8))
                onInterrupt()
            } else {
                exit(130)
            }
        }
        source.resume()
        self.source = source
    }

    func remove() {
        source.cancel()
        signal(SIGINT, SIG_DFL)
    }
}
