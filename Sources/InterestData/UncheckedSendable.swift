/// Carries a value that is not Sendable into the threads of `DispatchQueue.concurrentPerform`.
///
/// One use is left (`DatasetLoader.loadInteractions`): a `CSVTableReader`, which is not Sendable
/// because it reads the file through an `UnsafeBufferPointer<UInt8>`. It is sound because
/// - the bytes are only read, by every thread, and nothing writes them while the file is loaded;
/// - they outlive the threads: `concurrentPerform` returns only when every iteration has, and the
///   bytes belong to the caller's `withTable` scope, which is still running;
/// - each thread reads rows through its own copy of the reader (`part(from:to:line:)` copies the
///   struct; its arrays are copy-on-write, so the shared ones are only read), never the shared one.
/// Making the reader Sendable would mean a Sendable view of the mapped file, which the standard
/// library does not have (`Span` cannot cross threads), so the claim stays here, checked by review.
/// Results come back through a `Mutex`, not through this type.
struct UncheckedSendable<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
