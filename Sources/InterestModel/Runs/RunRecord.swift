import Foundation

/// Where a run is in its life. `running` is what a run's own process writes while it trains; a
/// run whose file still says `running` after its process has gone (killed, crashed, power cut) is
/// read back as `unfinished` (`RunRecord.effectiveStatus`).
public enum RunStatus: String, Sendable, Codable, Equatable, CaseIterable {
    case running
    /// Ended on its own: early stopping or the epoch limit.
    case finished
    /// Stopped on request (Ctrl-C, `x`): its checkpoint keeps the training state, `--resume` goes on.
    case stopped
    /// The loss became NaN or infinite.
    case diverged
    /// Its process ended without saying how the run ended.
    case unfinished
}

/// The best epoch of a run so far.
public struct RunBest: Sendable, Codable, Equatable {
    public var epoch: Int
    public var validationNDCG10: Double
    public var coldValidationNDCG10: Double?

    public init(epoch: Int, validationNDCG10: Double, coldValidationNDCG10: Double? = nil) {
        self.epoch = epoch
        self.validationNDCG10 = validationNDCG10
        self.coldValidationNDCG10 = coldValidationNDCG10
    }
}

/// `run.json`: everything about a run but its per-step losses (`losses.csv`) and its weights
/// (`model.safetensors`). See docs/EXPLORER.md, "Runs", for the folder layout.
public struct RunRecord: Sendable, Codable, Equatable {
    public static let format = "mist-run/1"

    public var format = RunRecord.format
    /// The folder's name: `20261201-001503-3fa9` (UTC start time and four random hex digits).
    public var id: String
    /// UTC start time, ISO 8601 ("2026-12-01T00:15:03.250Z").
    public var started: String
    /// UTC time of the last write.
    public var updated: String
    public var status: RunStatus
    /// How the run ended, in words (`TrainingStopReason`), once it has.
    public var stopReason: String?
    /// What started it: "mist train" or "explorer".
    public var source: String
    /// The dataset folder as it was given.
    public var dataset: String
    /// `Dataset.fingerprint` as 16 hex digits.
    public var datasetFingerprint: String
    /// The split's seed (nil for a split file) and roles fingerprint (`Split.fingerprint`).
    public var splitSeed: UInt64?
    public var splitFingerprint: String
    public var hyperparameters: Hyperparameters
    /// The checkpoint or run this one continues, when it was resumed.
    public var resumedFrom: String?
    /// The process writing the run while it is `running`, to tell a live run from a dead one.
    public var pid: Int32
    public var host: String
    /// Training examples and steps per epoch (0 until training has started).
    public var examples = 0
    public var stepsPerEpoch = 0
    /// Steps taken (the rows of `losses.csv`).
    public var steps = 0
    /// Every finished epoch, oldest first: mean loss, warm validation at K = 5, 10, 20 and NDCG@10,
    /// cold validation when the split has it.
    public var epochs: [EpochReport] = []
    public var best: RunBest?
    /// Test rows (`Comparison` rows: the model and the baselines evaluated beside it), when evaluated.
    public var test: [ComparisonRow]?
    /// Seconds trained (pauses excluded).
    public var seconds: Double = 0
    /// Whether `model.safetensors` is present, and whether it holds the training state (resumable).
    public var hasModel = false
    public var isResumable = false

    public init(id: String, started: String, source: String, dataset: String, datasetFingerprint: String, splitSeed: UInt64?,
                splitFingerprint: String, hyperparameters: Hyperparameters, resumedFrom: String? = nil,
                pid: Int32 = ProcessInfo.processInfo.processIdentifier, host: String = ProcessInfo.processInfo.hostName) {
        self.id = id
        self.started = started
        updated = started
        status = .running
        self.source = source
        self.dataset = dataset
        self.datasetFingerprint = datasetFingerprint
        self.splitSeed = splitSeed
        self.splitFingerprint = splitFingerprint
        self.hyperparameters = hyperparameters
        self.resumedFrom = resumedFrom
        self.pid = pid
        self.host = host
    }

    /// The status to show: `running` only while the writing process is alive on this host;
    /// `unfinished` when it is gone without having said how the run ended.
    public var effectiveStatus: RunStatus {
        guard status == .running else { return status }
        guard host == ProcessInfo.processInfo.hostName else { return .running }  // cannot tell: trust the file
        if pid == ProcessInfo.processInfo.processIdentifier { return .running }
        return kill(pid, 0) == 0 || errno == EPERM ? .running : .unfinished
    }

    /// The best warm validation NDCG@10 of any epoch (what `mist runs` lists), nil before one ended.
    public var bestValidationNDCG10: Double? { best?.validationNDCG10 ?? epochs.map(\.validationNDCG10).max() }

    /// The test row of the run's own model at K = 10 over all scenes, for `cases` "warm" or "cold".
    public func testRow(_ cases: String) -> ComparisonRow? {
        let name = Comparison.name(of: hyperparameters)
        return test?.first { $0.model == name && $0.cases == cases && $0.scene == "all" && $0.k == 10 }
    }
}

/// One step's loss, as `losses.csv` keeps it (`step,epoch,loss`; steps count from 1 over the run).
public struct RunLoss: Sendable, Equatable {
    public var step: Int
    public var epoch: Int
    public var loss: Float

    public init(step: Int, epoch: Int, loss: Float) {
        self.step = step
        self.epoch = epoch
        self.loss = loss
    }
}

/// A run read from its folder.
public struct StoredRun: Sendable, Equatable {
    /// The run's folder.
    public var folder: String
    public var record: RunRecord
    public var id: String { record.id }
    public var modelPath: String { PathJoin.join(folder, RunStore.modelFile) }
}

/// `PathParts.join` without importing it everywhere.
enum PathJoin {
    static func join(_ folder: String, _ name: String) -> String {
        folder.hasSuffix("/") ? folder + name : folder + "/" + name
    }
}
