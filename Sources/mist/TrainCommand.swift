import ArgumentParser
import Foundation
import InterestData
import InterestModel

/// The dataset folder alone, for commands that use no split (`recommend`, `inspect`).
struct DatasetFolder: ParsableArguments {
    @Argument(help: "Dataset folder (scenes.csv, items.csv, interactions.csv).")
    var data: String = "sample-data"

    func loadDataset() throws -> Dataset { try DatasetOpening.load(data) }
}

/// The dataset folder and the split every training and evaluation command works on.
struct DataOptions: ParsableArguments {
    @Argument(help: "Dataset folder (scenes.csv, items.csv, interactions.csv).")
    var data: String = "sample-data"

    @Option(help: "Split file written by `mist split` (default: draw the split from --split-seed).")
    var split: String?

    @Option(parsing: .unconditional, help: "Seed of the cold-target draw when no --split file is given (0…2^64−1; default 42, or the model's own).")
    var splitSeed: UInt64?


    func loadDataset() throws -> Dataset { try DatasetOpening.load(data) }

    /// The split from --split, else from --split-seed, else from `modelSeed` (the seed a
    /// checkpoint was trained with), else the default seed.
    func split(for dataset: Dataset, modelSeed: UInt64? = nil) throws -> Split {
        if let split { return try Split.read(from: split, for: dataset) }
        return Split(dataset: dataset, seed: splitSeed ?? modelSeed ?? Split.defaultSeed)
    }

    /// Loads a checkpoint for `dataset` and the split it is judged on: --split or --split-seed
    /// when given, else the seed the model was trained with. A split other than the model's own
    /// is refused (its test data may be the model's training data) unless `allowOtherSplit`,
    /// which only prints a warning.
    func loadModel(_ path: String, dataset: Dataset, allowOtherSplit: Bool) throws -> (TransferModel, CheckpointInfo, Split) {
        let (model, info) = try Checkpoint.load(from: URL(fileURLWithPath: path), dataset: dataset)
        // Without split options, the model's own seed (as a v1 split if that is what it was trained on).
        let split = self.split == nil && splitSeed == nil && info.splitSeed != nil
            ? info.split(seed: info.splitSeed!, in: dataset) : try split(for: dataset, modelSeed: info.splitSeed)
        if let mismatch = info.splitMismatch(with: split, in: dataset) {
            guard allowOtherSplit else { throw SplitMismatchError(model: path, mismatch: mismatch, seed: info.splitSeed) }
            FileHandle.standardError.write(Data("warning: \(path): \(mismatch); its test numbers may include its training data\n".utf8))
        } else if info.trainingSplitFingerprint(in: dataset) == nil {
            FileHandle.standardError.write(Data("warning: \(path) does not record its training split; evaluating on \(split.identity)\n".utf8))
        }
        return (model, info, split)
    }
}

/// A model asked to be evaluated on a split other than the one it was trained on.
struct SplitMismatchError: Error, CustomStringConvertible {
    var model: String
    var mismatch: String
    var seed: UInt64?

    var description: String {
        let own = seed.map { "--split-seed \($0) (or no split option)" } ?? "--split with the file it was trained on"
        return "\(model): \(mismatch). Evaluate it on its own split with \(own), or pass --allow-other-split to evaluate anyway."
    }
}

/// `mist train DATA [--out MODEL]`: trains the interest-transfer model, recording it as a run
/// (`runs/<id>/`: settings, losses, validation, the checkpoint); --out writes one more copy.
struct TrainCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train", abstract: "Train the interest-transfer model, recorded as a run (see `mist runs`), and save it as safetensors.")

    @OptionGroup var data: DataOptions

    @Option(help: "Also write the checkpoint here (.safetensors); the run's folder always holds one.")
    var out: String?

    @OptionGroup var location: RunsLocation

    @Option(help: ArgumentHelp("Continue a run stopped with Ctrl-C, to the same weights as a run that never stopped: its run id (or a unique start of it), its run folder, or a checkpoint it saved.",
                               discussion: "The run keeps its own settings (other hyperparameter options are ignored) and must use the split it was trained on. A run is continued in its own folder; a checkpoint outside a run starts a new run.",
                               valueName: "run-or-checkpoint"))
    var resume: String?

    @OptionGroup(title: "Hyperparameters") var settings: HyperparameterOptions

    func run() async throws {
        let dataset = try data.loadDataset()
        let root = location.root(for: data.data)
        let trainer: Trainer, start: TrainingState?, split: Split
        var resumedRun: StoredRun?
        if let resume {
            // A checkpoint file, else a run (id, start of an id, or folder) whose checkpoint is continued.
            var checkpoint = resume
            let isFile = (try? FileManager.default.attributesOfItem(atPath: resume))?[.type] as? FileAttributeType == .typeRegular
            if !isFile {
                let run = try RunStore.find(resume, root: root)
                guard run.record.hasModel else {
                    throw ValidationError("run \(run.id) is \(run.record.effectiveStatus.rawValue) and saved no checkpoint to resume from")
                }
                resumedRun = run
                checkpoint = run.modelPath
            } else if PathParts.split(resume).name == RunStore.modelFile, let run = RunStore.run(holding: resume) {
                resumedRun = run  // a run's own checkpoint: continue that run
            }
            // The split the run was trained on: its recorded seed unless --split/--split-seed say otherwise
            // (a different split is refused by the fingerprint check).
            let (_, info) = try Checkpoint.load(from: URL(fileURLWithPath: checkpoint), dataset: dataset)
            split = data.split == nil && data.splitSeed == nil && info.splitSeed != nil
                ? info.split(seed: info.splitSeed!, in: dataset) : try data.split(for: dataset, modelSeed: info.splitSeed)
            let (loaded, state, _) = try Checkpoint.loadResumable(from: URL(fileURLWithPath: checkpoint), dataset: dataset, split: split)
            (trainer, start) = (loaded, state)
            FileHandle.standardError.write(Data("resuming \(resumedRun.map { "run \($0.id)" } ?? resume) at epoch \(state.epoch), step \(state.step + 1), with its own settings\n".utf8))
        } else {
            split = try data.split(for: dataset)
            (trainer, start) = (Trainer(dataset: dataset, split: split, hyperparameters: try settings.hyperparameters()), nil)
        }
        let h = trainer.hyperparameters
        try TrainingPreflight.check(out: out, data: data, hyperparameters: h, dataset: dataset)
        let recorder: RunRecorder
        if let resumedRun {
            recorder = try RunRecorder.resume(resumedRun)
        } else {
            recorder = try RunRecorder.start(root: root, source: "mist train", datasetPath: data.data, dataset: dataset, split: split,
                                             hyperparameters: h, resuming: start, resumedFrom: resume)
        }
        FileHandle.standardError.write(Data("run \(recorder.id) in \(recorder.folder)\n".utf8))
        let job = trainer.start(from: start, observer: { recorder.observe($0) })
        // Ctrl-C stops after the current step and saves a checkpoint that --resume continues;
        // a second Ctrl-C quits at once without saving (the run is then listed as unfinished).
        let interrupt = InterruptHandler { job.cancel() }
        defer { interrupt.remove() }
        let output = ProgressOutput()
        for await event in job.events { output.handle(event) }
        let outcome = await job.outcome
        let summary = outcome.summary
        // The run records how it ended and its checkpoint (none when it diverged).
        try recorder.finish(outcome, dataset: dataset, split: split)
        // A diverged run writes nothing to --out: an existing checkpoint there stays as it was.
        if case .diverged(let message) = summary.reason { throw TrainingDiverged(message: message, out: out) }
        print("saved \(PathParts.join(recorder.folder, RunStore.modelFile)) (run \(recorder.id))")
        if let out {
            let info = CheckpointInfo(hyperparameters: h, split: split,
                                      validationNDCG10: summary.bestValidationNDCG10, bestEpoch: summary.bestEpoch)
            try Checkpoint.save(outcome.model, info: info, dataset: dataset, to: URL(fileURLWithPath: out),
                                training: outcome.isResumable ? outcome.state : nil)
            print("saved \(out)")
        }
        if outcome.isResumable {
            let runs = location.runs.map { " --runs \($0)" } ?? ""
            FileHandle.standardError.write(Data("stopped before the end; continue with: mist train \(data.data)\(runs) --resume \(recorder.id)\n".utf8))
        }
    }
}
