import InterestData
import InterestModel

/// The model the screens explain, with the explanations of the selected user cached (computed in
/// `update`, never in `render`).
public struct ModelContext: Sendable {
    public let model: TransferModel
    /// Bumped whenever the model changes, so late background results for an old model are dropped.
    public let generation: Int
    /// Where the model came from: a checkpoint path or "trained here".
    public var origin: String
    public var explanation: UserExplanation?
    public var trace: TransferTrace?
    /// Attention averaged over all users (computed in the background on first use).
    public var population: AttentionSummary?
    public var populationRequested = false

    public init(model: TransferModel, generation: Int, origin: String) {
        self.model = model
        self.generation = generation
        self.origin = origin
    }
}

/// Items shown per step on the transfer screen.
let recommendationCount = 10
