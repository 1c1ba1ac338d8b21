import InterestModel

// TEMPORARY (issue 12): `TransferModel` is still an immutable `final class` (Sendable); the lead is
// turning it into an `Equatable` struct (weights as values). Until that lands, the explorer's
// state, messages and effects compare models by identity, which is exact for an immutable object:
// two contexts hold "the same model" when they hold the same instance. Delete this file when
// `TransferModel` conforms to `Equatable` itself.
extension TransferModel: Equatable {
    public static func == (a: TransferModel, b: TransferModel) -> Bool { a === b }
}
