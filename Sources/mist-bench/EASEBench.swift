import ArgumentParser
import Foundation
import InterestData
import InterestModel
import Randomness

/// `mist-bench ease`: EASE's training cost at V = 1000, 3000, 6000 on seeded synthetic sparse data:
/// the Gram matrix `XᵀX + λI` from per-user item lists, the Cholesky inverse (≈ V³ flops in
/// Float64) and `B`. Issue 8 asks that it stay well under one model training, so one training epoch
/// of the default model on the sample data is timed beside it (`--no-epoch` skips it).
/// Prints one JSON object per line; wall and CPU seconds both, since the machine is shared.
struct EASEBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ease", abstract: "Time EASE's Gram build and Cholesky solve at several V, beside one training epoch.")

    @Option(help: "Comma-separated item counts V.")
    var sizes = "1000,3000,6000"

    @Option(help: "Threads for the solve.")
    var threads = 2

    @Option(help: "Users per item in the synthetic data.")
    var usersPerItem = 4

    @Option(help: "Mean items per user in the synthetic data.")
    var itemsPerUser = 30

    @Option(help: "Dataset folder for the one-epoch reference.")
    var data = "sample-data"

    @Flag(help: "Skip the one-epoch reference.")
    var noEpoch = false

    func run() async throws {
        let vs = sizes.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard !vs.isEmpty, vs.allSatisfy({ $0 > 0 }) else { throw ValidationError("--sizes needs positive integers, got \(sizes)") }
        for v in vs {
            let training = Self.synthetic(items: v, users: usersPerItem * v, meanItems: itemsPerUser, seed: UInt64(v))
            let pairs = training.itemsByUser.reduce(0) { $0 + $1.count * $1.count }
            let cpu = CPUClock()
            let start = Date()
            var matrix = EASEBaseline.gram(training, lambda: 100)
            let gramSeconds = Date().timeIntervalSince(start)
            try Cholesky.invert(&matrix, order: v, threads: threads)
            let solveSeconds = Date().timeIntervalSince(start) - gramSeconds
            let weights = EASEBaseline.weights(inverse: matrix, itemCount: v)
            let seconds = Date().timeIntervalSince(start)
            precondition(weights.values.allSatisfy(\.isFinite))
            TrainBench.emit(["bench": "ease", "v": v, "users": training.itemsByUser.count, "gram_pairs": pairs,
                             "gram_seconds": gramSeconds, "solve_seconds": solveSeconds, "weights_seconds": seconds - gramSeconds - solveSeconds,
                             "seconds": seconds, "cpu_seconds": cpu.seconds, "threads": threads,
                             "solve_gflops": pow(Double(v), 3) / solveSeconds / 1e9])
        }
        if !noEpoch { try epochReference() }
    }

    /// One epoch of the default model (`mist train`'s settings) on `data`, training and its
    /// validation pass; EASE trains once per λ, so this is the figure to compare with.
    private func epochReference() throws {
        let dataset = try Dataset.load(from: data)
        let split = Split(dataset: dataset, seed: Split.defaultSeed)
        var h = Hyperparameters()
        h.maxEpochs = 1
        let trainer = Trainer(dataset: dataset, split: split, hyperparameters: h)
        var trainSeconds = 0.0
        let cpu = CPUClock()
        let start = Date()
        trainer.train(observer: { event in
            if case .epochEnded(let r) = event { trainSeconds = Double(trainer.examples.count) / max(r.examplesPerSecond, 1e-9) }
        })
        TrainBench.emit(["bench": "ease", "reference": "one_training_epoch", "data": data, "items": dataset.itemCount,
                         "threads": h.threads, "seconds": Date().timeIntervalSince(start), "train_seconds": trainSeconds,
                         "cpu_seconds": cpu.seconds])
    }

    /// Users with about `meanItems` distinct items each (uniform between 1 and 2·mean − 1), drawn
    /// with a long-tailed popularity: item ⌊V·u²⌋ for uniform u, so low indices are the popular ones.
    static func synthetic(items: Int, users: Int, meanItems: Int, seed: UInt64) -> TrainingItems {
        var random = SeededRandom(seed: seed)
        let lists = (0..<users).map { _ in
            (0..<(1 + random.int(below: max(1, 2 * meanItems - 1)))).map { _ -> Int32 in
                let u = random.nextDouble()
                return Int32(min(items - 1, Int(Double(items) * u * u)))
            }
        }
        return TrainingItems(itemCount: items, itemsByUser: lists)
    }
}
