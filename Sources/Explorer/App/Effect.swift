import InterestData
import InterestModel

/// What `update` asks the world to do, as data (bubbletea's commands without closures): `update`
/// returns a list of these and never starts, stops or touches a job itself. `EffectRunner`
/// carries out the jobs (it owns every thread, session and cancel flag) and posts what happens back
/// as `Message`s; the run loop handles `.after` and `.quit` itself. Being `Equatable`, a test can
/// assert the exact effects a message causes, without a terminal or threads.
public enum Effect: Sendable, Equatable {
    /// Train a fresh model with `hyperparameters` on the split of `splitSeed`; progress comes back
    /// as `.training(_, run:)` and the end as `.trainingEnded(_, _, run:)`.
    case startTraining(run: Int, hyperparameters: Hyperparameters, splitSeed: UInt64)
    case pauseTraining(run: Int)
    case resumeTraining(run: Int)
    /// Stop after the current step, keeping the best epoch (the run still ends with `.trainingEnded`).
    case cancelTraining(run: Int)
    /// Evaluate a model on its test cases (`e`), or beside every tuned baseline (`b`); progress as
    /// `.evaluationProgress`, rows (empty when cancelled or refused) as `.evaluated`.
    case evaluate(EvaluationRequest)
    /// Stop evaluation `id` between two steps; it then reports `.evaluated([], …)`.
    case cancelEvaluation(id: Int)
    /// Average attention over all users for the model of `generation` (`.populationProgress`,
    /// then `.populationAttention`).
    case computePopulationAttention(generation: Int, model: TransferModel)
    /// Abandon that average; nothing more is reported for it.
    case cancelPopulationAttention(generation: Int)
    /// Rank the cold-target test cases for the Cases screen (`.coldCaseProgress`, then
    /// `.coldCases`; nothing once cancelled).
    case rankColdCases(ColdCaseRequest)
    /// Stop ranking job `id` between two chunks of cases; nothing more is reported for it.
    case cancelColdCases(id: Int)
    /// A cohort's average attention, or two cohorts compared (`.cohortProgress`, then
    /// `.cohortAttentionComputed`); `.cancelCohortAttention` abandons it silently.
    case computeCohortAttention(CohortJob)
    case cancelCohortAttention(id: Int)
    /// Add one named cohort to the file at `path` as it is on disk (`.namedCohortsSaved` or `.failed`).
    case saveNamedCohort(name: String, expression: String, path: String)
    /// Write `model` to `path`, recording the split it was trained on (`.checkpointSaved` or `.failed`).
    case saveCheckpoint(path: String, model: TransferModel, splitSeed: UInt64, splitFingerprint: String?, summary: TrainingSummary?)
    /// Read a checkpoint for the loaded data (`.checkpointLoaded` or `.failed`).
    case loadCheckpoint(path: String)
    /// Find a file name like `name` that does not exist yet in the current directory
    /// (`.exportPathProposed`).
    case proposeExportPath(name: String, id: Int)
    /// Write an export atomically; never over a dataset file, and over an existing file only when
    /// `job.overwrite` (otherwise `.exportNeedsConfirmation`); then `.exported` or `.failed`.
    case writeExport(ExportJob)
    /// Send `text` to the terminal's clipboard with OSC 52 (`.copiedToClipboard` or `.failed`).
    case copyToClipboard(text: String, what: String)
    /// Turn the terminal's mouse reporting on or off.
    case setMouseCapture(Bool)
    /// Read the runs recorded under `root` (`.runsListed`).
    case listRuns(root: String)
    /// Record test rows in the run in `folder` (then `.runsListed` for `root`).
    case recordRunTest(folder: String, rows: [ComparisonRow], root: String)
    /// Check the path `w` is about to write: does it exist, may it be written (`.savePathChecked`).
    case checkSavePath(path: String)
    /// Deliver `message` after `milliseconds` (the run loop's timer).
    case after(milliseconds: Int, Message)
    /// Leave the run loop.
    case quit
}

/// One evaluation job: which model, on which split, with or without the tuned baselines.
public struct EvaluationRequest: Sendable, Equatable {
    /// Number of the job: messages of other (older, cancelled) jobs are ignored.
    public var id: Int
    /// The model context it belongs to.
    public var generation: Int
    public var model: TransferModel
    /// The split the model was trained on (evaluation uses the same test cases).
    public var splitSeed: UInt64
    /// The roles fingerprint a checkpoint recorded, when it did (a model trained on another split
    /// is refused).
    public var splitFingerprint: String?
    public var withBaselines: Bool

    public init(id: Int, generation: Int, model: TransferModel, splitSeed: UInt64, splitFingerprint: String?, withBaselines: Bool) {
        self.id = id
        self.generation = generation
        self.model = model
        self.splitSeed = splitSeed
        self.splitFingerprint = splitFingerprint
        self.withBaselines = withBaselines
    }
}
