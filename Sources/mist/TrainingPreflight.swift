import Foundation
import InterestData
import InterestModel

/// What `mist train` checks before its first step, so that nothing is discovered only after
/// minutes of training: --out is writable and not one of the inputs, and the model fits in memory.
enum TrainingPreflight {
    struct Refusal: Error, CustomStringConvertible {
        let description: String
    }

    static func check(out: String?, data: DataOptions, hyperparameters h: Hyperparameters, dataset: Dataset) throws {
        if let out {
            do {
                try checkOutput(out, dataset: data.data, otherInputs: data.split.map { [($0, "--split")] } ?? [])
            } catch {
                throw Refusal(description: "--out \(error)")
            }
        }
        if let problem = ModelMemory.problem(h, items: dataset.itemCount, topics: dataset.topicCount,
                                             scenes: dataset.sceneCount, training: true) {
            throw Refusal(description: problem)
        }
    }

    /// Throws when a checkpoint could not be written to `out` or would replace an input.
    static func checkOutput(_ out: String, dataset: String, otherInputs: [(path: String, role: String)]) throws(DataError) {
        try OutputPathGuard.check(output: out, dataset: dataset, otherInputs: otherInputs)
        _ = try AtomicFile.destination(of: out)
    }
}

/// Training stopped on a NaN or infinite loss. A runtime error, not a usage error: no usage text.
struct TrainingDiverged: Error, CustomStringConvertible {
    let message: String
    let out: String?
    var description: String {
        "training diverged: \(message). No checkpoint was written" + (out.map { "; \($0) is unchanged." } ?? ".")
    }
}
