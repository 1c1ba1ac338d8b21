import InterestModel
import TerminalUI

/// Everything that can change the explorer's state: input, and results that background work
/// (training, averaging attention over all users, checkpoint files) posts back to the UI thread.
public enum Message: Sendable {
    case key(Key)
    case mouse(MouseEvent)
    case resized(width: Int, height: Int)
    /// A training run (numbered, so events of an abandoned run are ignored) reported progress.
    case training(TrainingEvent, run: Int)
    /// The job of a run was started (split and examples ready) and is training now.
    case trainingReady(TrainingJob, run: Int)
    /// A training run ended; its session's model holds the best weights.
    case trainingEnded(TransferModel, TrainingSummary, run: Int)
    /// Attention averaged over all users for the model of this generation.
    case populationAttention(AttentionSummary, generation: Int)
    /// What a running evaluation is doing, for the model of this generation.
    case evaluationProgress(String, generation: Int)
    /// Test rows of the model and baselines (InterestModel's `Comparison` rows).
    case evaluated([ComparisonRow], generation: Int)
    case checkpointSaved(path: String)
    case checkpointLoaded(TransferModel, CheckpointInfo, path: String)
    /// A background job failed; the text says what and why.
    case failed(String)
    /// The "play" timer of the transfer screen (ignored unless `id` is the current play).
    case playTick(id: Int)
    /// Clears the status line if it still shows message `id`.
    case clearStatus(id: Int)
}
