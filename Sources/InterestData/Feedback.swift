/// Feedback on an interaction: y ∈ {−1, 0, +1} (MODEL-SPEC, Data).
public enum Feedback {
    /// A 1–5 rating as feedback: ≤2 → −1, 3 → 0, ≥4 → +1. Nil outside 1–5.
    public static func fromRating(_ rating: Int) -> Int8? {
        switch rating {
        case 1, 2: return -1
        case 3: return 0
        case 4, 5: return 1
        default: return nil
        }
    }

    /// Index of a feedback value in a 3-row table (E_sent): −1 → 0, 0 → 1, +1 → 2.
    @inlinable public static func index(_ y: Int8) -> Int { Int(y) + 1 }
}
