import InterestModel

/// Refuses to print scores that are not finite numbers (a damaged or hand-made checkpoint whose
/// weights overflow float32): a NaN ranking is not an answer.
enum FiniteScores {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    static func check(_ items: [ScoredItem], model: String) throws {
        if let bad = items.first(where: { !$0.score.isFinite || !$0.bias.isFinite || $0.shares.contains { !$0.isFinite } }) {
            throw Failure(description: "\(model): the model gives item #\(bad.item + 1) the score \(bad.score), not a finite number; its weights are damaged or out of range")
        }
    }
}
