import InterestData
import InterestModel
import TerminalUI

/// What-if mode for one user: the edits made so far (oldest first; `U` drops the last) and the
/// picker when one is open. The edits live only here: they are never written into the dataset,
/// and every screen computes from the user's own history with them applied (`refreshExplanations`).
public struct WhatIfSession: Sendable, Equatable {
    /// The user whose history is edited; selecting another user ends the session.
    public let user: Int
    public var edits: [WhatIfEdit] = []
    public var picker: WhatIfPicker?

    public init(user: Int) { self.user = user }

    /// "what-if · 2 edits", for the tab bar and the screens' titles.
    public var title: String { "what-if · \(edits.count) edit\(edits.count == 1 ? "" : "s")" }

    /// Whether scene `scene` is hidden by one of the edits.
    func hides(scene: Int) -> Bool { edits.contains(.hide(scene: scene)) }
}

/// The user's history with the edits applied: what every screen shows in what-if mode.
extension TransferModel {
    /// `user`'s events (every interaction, as every screen uses) with `edits` applied, or why
    /// the edits cannot apply.
    func editedEvents(of user: Int, _ edits: [WhatIfEdit], in dataset: Dataset) -> Result<[HistoryEvent], WhatIfError> {
        let original = events(of: profile(ofUser: user, in: dataset, split: nil), in: dataset)
        do throws(WhatIfError) {
            return .success(try WhatIfEdit.apply(edits, to: original, in: dataset))
        } catch {
            return .failure(error)
        }
    }
}

/// The selected user's model output from their own history, kept while what-if shows the edited one.
public struct WhatIfBefore: Sendable, Equatable {
    public var explanation: UserExplanation
    public var trace: TransferTrace
}
