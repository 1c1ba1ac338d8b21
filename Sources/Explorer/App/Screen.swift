/// The explorer's screens, in tab order (keys 1–6 select them).
public enum Screen: Int, CaseIterable, Sendable {
    case users, interests, attention, transfer, training, cases

    public var title: String {
        switch self {
        case .users: return "Users"
        case .interests: return "Interests"
        case .attention: return "Attention"
        case .transfer: return "Transfer"
        case .training: return "Training"
        case .cases: return "Cases"
        }
    }

    /// The tab label: "1 Users".
    public var tabTitle: String { "\(rawValue + 1) \(title)" }
}
