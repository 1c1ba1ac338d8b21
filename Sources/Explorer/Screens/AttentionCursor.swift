import InterestModel
/// Which attention matrix the attention screen shows and where its cursor is.
public struct AttentionCursor: Sendable, Equatable {
    /// The three views of the same matrix (MODEL-SPEC, "What the explanations must make visible").
    public enum View: Int, CaseIterable, Sendable {
        case plain, offDiagonal, hiddenTarget

        public var title: String {
            switch self {
            case .plain: return "plain"
            case .offDiagonal: return "off-diagonal"
            case .hiddenTarget: return "hidden-target"
            }
        }

        /// One sentence on how to read the view.
        public var explanation: String {
            switch self {
            case .plain: return "What the transfer uses: row t is how target t's attention splits over the source scenes (each row sums to 1)."
            case .offDiagonal: return "Each row renormalised without its diagonal: which other scenes the target listens to."
            case .hiddenTarget: return "Row t recomputed as if the user had no history in t: what t gets from the other scenes alone."
            }
        }
    }

    /// Row: the target scene.
    public var row = 0
    /// Column: the source scene.
    public var column = 0
    /// nil: the mean over heads (what the transfer uses); otherwise one head.
    public var head: Int?
    public var view = View.plain
    /// Average over all users instead of the selected user.
    public var allUsers = false
    /// Beside the learned map: learned − planted instead of the planted matrix (`d`).
    public var showsDifference = false

    public init() {}
}

/// The off-diagonal view of `matrix` (the model's one definition, `AttentionView.offDiagonal`).
func offDiagonalView(of matrix: [Float], sceneCount s: Int) -> [Float] { AttentionView.offDiagonal(of: matrix, sceneCount: s) }
