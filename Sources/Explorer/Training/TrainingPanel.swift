import InterestModel

/// What the training screen knows about the current or last training run. Filled only from
/// `TrainingEvent` messages: the training thread never touches the state, and the state holds
/// no handle on the training (pause, resume and stop are `Effect`s for run `run`).
public struct TrainingPanel: Sendable, Equatable {
    public enum Phase: Sendable, Equatable {
        case idle, preparing, running, paused, stopping
        case finished(TrainingSummary)
        case failed(String)
    }

    public var form: HyperparameterForm
    public var phase: Phase = .idle
    /// Number of the current run; events of other runs are ignored.
    public var run = 0
    public var examples = 0
    public var stepsPerEpoch = 0
    /// Loss of every step so far, oldest first.
    public var stepLosses: [Float] = []
    public var progress: TrainingProgress?
    public var epochs: [EpochReport] = []

    public init(hyperparameters: Hyperparameters) { form = HyperparameterForm(hyperparameters) }

    public var isActive: Bool {
        switch phase {
        case .preparing, .running, .paused, .stopping: return true
        default: return false
        }
    }

    /// Fraction of the maximum number of epochs done.
    public var fraction: Double {
        guard let p = progress, p.maxEpochs > 0, p.stepsPerEpoch > 0 else { return 0 }
        return (Double(p.epoch - 1) + Double(p.step) / Double(p.stepsPerEpoch)) / Double(p.maxEpochs)
    }

    /// Applies one event of the current run.
    public mutating func apply(_ event: TrainingEvent) {
        switch event {
        case let .started(examples, stepsPerEpoch, _):
            self.examples = examples
            self.stepsPerEpoch = stepsPerEpoch
            phase = .running
        case .step(let p):
            progress = p
            stepLosses.append(p.loss)
        case .epochEnded(let report): epochs.append(report)
        case .paused: if phase != .stopping { phase = .paused }
        case .resumed: if phase != .stopping { phase = .running }
        case .finished(let summary):
            phase = .finished(summary)
        }
    }
}
