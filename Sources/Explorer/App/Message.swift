import InterestData
import InterestModel
import TerminalUI

/// Everything that can change the explorer's state: input, and results that background work
/// (training, evaluation, averaging attention over all users, checkpoint files) posts back to the
/// UI thread through `EffectRunner`. Values only: messages can be compared and replayed.
public enum Message: Sendable, Equatable {
    case key(Key)
    case mouse(MouseEvent)
    case resized(width: Int, height: Int)
    /// A training run (numbered, so events of an abandoned run are ignored) reported progress.
    case training(TrainingEvent, run: Int)
    /// A training run ended; the model holds its best weights.
    case trainingEnded(TransferModel, TrainingSummary, run: Int)
    /// How far averaging attention over all users has come, for the model of this generation.
    case populationProgress(done: Int, total: Int, generation: Int)
    /// Attention averaged over all users for the model of this generation.
    case populationAttention(AttentionSummary, generation: Int)
    /// How far cohort job `job` has come, and what it found (for the model of `generation`).
    case cohortProgress(CohortProgress, job: Int)
    case cohortAttentionComputed(CohortJobResult, job: Int, generation: Int)
    /// The named cohorts file was written; `cohorts` is what it holds now.
    case namedCohortsSaved(NamedCohorts, path: String, name: String)
    /// What evaluation job `evaluation` is doing.
    case evaluationProgress(String, evaluation: Int)
    /// Test rows of the model and baselines (InterestModel's `Comparison` rows) of evaluation job
    /// `evaluation`; empty when it was cancelled or refused.
    case evaluated([ComparisonRow], evaluation: Int)
    /// Which model cold-case ranking job `job` is ranking with, and how far it is.
    case coldCaseProgress(ColdCaseProgress, job: Int)
    /// The cold-case report of job `job`; nil when it failed (a `.failed` message says why).
    case coldCases(ColdCaseReport?, job: Int)
    case checkpointSaved(path: String)
    case checkpointLoaded(TransferModel, CheckpointInfo, path: String)
    /// Training `run` is recorded as a run in `folder` (docs/EXPLORER.md, "Runs").
    case runStarted(folder: String, run: Int)
    /// The runs recorded for the data, oldest first (at start, and after every training).
    case runsListed([RunEntry])
    /// Whether the path `w` is about to write exists; `refusal` says why it must not be written.
    case savePathChecked(path: String, exists: Bool, refusal: String?)
    /// A background job failed; the text says what and why.
    case failed(String)
    /// The "play" timer of the transfer screen (ignored unless `id` is the current play).
    case playTick(id: Int)
    /// Clears the status line if it still shows message `id`.
    case clearStatus(id: Int)
    /// A free file name in the current directory for export `id`'s prompt.
    case exportPathProposed(path: String, id: Int)
    /// The export would replace these existing files: ask first.
    case exportNeedsConfirmation(ExportJob, existing: [String])
    /// The export was written (absolute paths).
    case exported(paths: [String], what: String)
    /// The text was sent to the terminal's clipboard (OSC 52).
    case copiedToClipboard(what: String)
}
