import InterestData
import InterestModel

/// One ranking of the cold-target test cases for the Cases screen: which model, on the split it
/// was trained on (as evaluation uses: its seed, checked against the fingerprint a checkpoint
/// recorded), to which depth.
public struct ColdCaseRequest: Sendable, Equatable {
    /// Number of the job: results of other (older, cancelled) jobs are dropped.
    public var id: Int
    /// The model context it belongs to.
    public var generation: Int
    public var model: TransferModel
    public var splitSeed: UInt64
    public var splitFingerprint: String?
    /// Ranks searched per case; a target further down shows as "—".
    public var depth: Int

    public init(id: Int, generation: Int, model: TransferModel, splitSeed: UInt64, splitFingerprint: String?, depth: Int) {
        self.id = id
        self.generation = generation
        self.model = model
        self.splitSeed = splitSeed
        self.splitFingerprint = splitFingerprint
        self.depth = depth
    }
}

extension EffectRunner {
    /// Ranks the cases on the worker with `ColdCaseReport.make` (the same report `mist cases`
    /// prints). Progress is posted per model and per 256 cases; once `cancelled` says yes nothing
    /// more is posted (the state has already forgotten the job).
    func rankColdCases(_ request: ColdCaseRequest, cancelled: @escaping @Sendable () -> Bool) {
        let send = self.send, id = request.id, model = request.model
        let (split, refusal) = modelSplit(of: model, seed: request.splitSeed, fingerprint: request.splitFingerprint, command: "cases")
        if let refusal {
            send(.coldCases(nil, job: id))
            send(.failed(refusal))
            return
        }
        do {
            let report = try ColdCaseReport.make(model: model, name: Comparison.name(of: model.hyperparameters), split: split,
                                                 dataset: data.dataset, depth: request.depth, threads: model.hyperparameters.threads,
                                                 progress: { if !cancelled() { send(.coldCaseProgress($0, job: id)) } },
                                                 cancelled: cancelled)
            if !cancelled() { send(.coldCases(report, job: id)) }
        } catch ComparisonError.cancelled {
            return
        } catch {
            send(.coldCases(nil, job: id))
            send(.failed("could not rank the cold cases: \(error)"))
        }
    }
}
