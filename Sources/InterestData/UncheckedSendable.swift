/// Carries a value that is not Sendable (a buffer pointer, a reader over one) into the threads of
/// `DispatchQueue.concurrentPerform`, which all finish before the value's owner goes on. Each use
/// says why no two threads write the same memory.
struct UncheckedSendable<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
