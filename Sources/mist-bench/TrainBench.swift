import ArgumentParser
import Foundation
import InterestData
import InterestModel

/// `mist-bench train`: training speed of the model on the sample data, v1 and v2 side by side in
/// one run (v2 must stay within 20% of v1). Reports examples per second on one thread (the
/// reference) and on two (the trainer's default: each batch split across two tapes), then the
/// time to train with the default hyperparameters until early stop. Wall and CPU seconds are
/// both given: on a busy machine the CPU time is the fairer figure.
struct TrainBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train", abstract: "Training examples/s (1 vs 2 threads) and time to early stop on the sample data.")

    @Option(help: "Dataset folder.")
    var data = "sample-data"

    @Option(help: "Epochs timed for the examples/s figures.")
    var speedEpochs = 2

    func run() async throws {
        let dataset = try Dataset.load(from: data)
        let split = Split(dataset: dataset, seed: Split.defaultSeed)
        let examples = TrainingExamples(dataset: dataset, isTrain: split.roles.map { $0 == .train })
        for version in ModelVersion.allCases {
            for threads in [1, 2] {
                var h = Hyperparameters()
                h.version = version
                h.threads = threads
                h.maxEpochs = speedEpochs
                h.patience = speedEpochs + 1
                let trainer = Trainer(dataset: dataset, split: split, hyperparameters: h, examples: examples)
                var trainSeconds = 0.0, trained = 0
                let cpu = CPUClock()
                trainer.train(observer: { event in
                    if case .epochEnded(let r) = event {
                        trainSeconds += Double(examples.count) / max(r.examplesPerSecond, 1e-9)
                        trained += examples.count
                    }
                })
                Self.emit(["bench": "train", "version": version.rawValue, "measure": "examples_per_second", "threads": threads,
                           "epochs": speedEpochs, "examples_per_second": Double(trained) / trainSeconds, "cpu_seconds": cpu.seconds])
            }
        }
        for version in ModelVersion.allCases {
            var h = Hyperparameters()
            h.version = version
            let trainer = Trainer(dataset: dataset, split: split, hyperparameters: h, examples: examples)
            let cpu = CPUClock()
            let start = Date()
            let summary = trainer.train().summary
            Self.emit(["bench": "train", "version": version.rawValue, "measure": "time_to_early_stop", "threads": h.threads,
                       "seconds": Date().timeIntervalSince(start), "cpu_seconds": cpu.seconds, "epochs": summary.epochs.count,
                       "best_epoch": summary.bestEpoch, "validation_ndcg10": summary.bestValidationNDCG10,
                       "examples_per_second": summary.examplesPerSecond, "stopped": summary.reason.description])
        }
    }

    static func emit(_ object: [String: Any]) {
        let data = try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        FileHandle.standardOutput.write(data + Data("\n".utf8))
    }
}

/// Process CPU time (all threads) since creation.
struct CPUClock {
    private let start = CPUClock.now()
    var seconds: Double { CPUClock.now() - start }
    static func now() -> Double {
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        return Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
            + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
    }
}
