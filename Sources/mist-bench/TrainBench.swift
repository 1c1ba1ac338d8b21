import ArgumentParser
import Foundation
import InterestData
import InterestModel

/// `mist-bench train`: training speed of the model on the sample data, every model version
/// (v1, v2, v3) side by side in one run. Reports examples per second on one thread and on two
/// (the trainer's default: each batch split across two tapes), then the time to train with the
/// default hyperparameters until early stop. Wall and CPU seconds are both given: on a busy
/// machine the CPU time is the fairer figure. With `--against OLD` it runs this build and the
/// build OLD alternately for `--rounds` rounds and reports this / OLD per round
/// (`TrainComparison`): how issue 8's bound against round 1 is measured.
struct TrainBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train", abstract: "Training examples/s (1 vs 2 threads) and time to early stop on the sample data.")

    @Option(help: "Dataset folder.")
    var data = "sample-data"

    @Option(help: "Epochs timed for the examples/s figures.")
    var speedEpochs = 2

    @Option(parsing: .upToNextOption, help: "Model versions to train, each in turn (default: all). One version alone is measured in a fresh process, with no earlier training's heap behind it.")
    var versions: [ModelVersion] = ModelVersion.allCases

    @Option(help: "Another build's mist-bench: run it and this one alternately and report this / it per round.")
    var against: String?

    @Option(help: "Rounds of the comparison with --against.")
    var rounds = 5

    func run() async throws {
        if let against {
            try compare(against: against)
            return
        }
        let dataset = try Dataset.load(from: data)
        let split = Split(dataset: dataset, seed: Split.defaultSeed)
        let examples = TrainingExamples(dataset: dataset, isTrain: split.roles.map { $0 == .train })
        for version in versions {
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
        for version in versions {
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

    /// Both builds in turn (the order swapping every round, so neither always runs on a warmer
    /// or cooler machine); every line of every run is printed, then the ratios.
    func compare(against reference: String) throws {
        guard rounds >= 1 else { throw ValidationError("--rounds must be at least 1 (got \(rounds))") }
        // The reference may predate --versions (round 1 trains its one model): only this build gets it.
        let arguments = ["train", "--data", data, "--speed-epochs", String(speedEpochs)]
        let this = (binary: URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path,
                    arguments: arguments + ["--versions"] + versions.map(\.rawValue), name: "this")
        let old = (binary: reference, arguments: arguments, name: "reference")
        func lines(of build: (binary: String, arguments: [String], name: String), round: Int) throws -> [TrainComparison.Line] {
            let result = try Subprocess.run(build.binary, build.arguments)
            guard result.status == 0 else { throw ValidationError("\(build.binary) train exited with status \(result.status)") }
            var found = [TrainComparison.Line]()
            for text in result.output.split(separator: "\n") {
                guard var object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else { continue }
                if let line = TrainComparison.Line(json: object) { found.append(line) }
                object["build"] = build.name
                object["round"] = round
                Self.emit(object)
            }
            return found
        }
        var comparison = TrainComparison()
        for round in 1...rounds {
            // Odd rounds run the reference first, even rounds this build.
            if round % 2 == 1 {
                let reference = try lines(of: old, round: round)
                comparison.rounds.append((reference, try lines(of: this, round: round)))
            } else {
                let current = try lines(of: this, round: round)
                comparison.rounds.append((try lines(of: old, round: round), current))
            }
        }
        for ratio in comparison.ratios {
            var object: [String: Any] = ["bench": "train-against", "measure": ratio.measure, "threads": ratio.threads,
                                         "rounds": rounds, "ratios": ratio.ratios, "mean": ratio.mean, "median": ratio.median]
            if let version = ratio.version { object["version"] = version }
            Self.emit(object)
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
