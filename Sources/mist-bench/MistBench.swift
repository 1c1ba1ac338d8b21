import ArgumentParser

/// Release-mode benchmarks. Each prints one JSON object per line, mist's figure beside its
/// reference measured in the same run. Never run two benchmarks at once on this 2-core machine.
@main
struct MistBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mist-bench",
        abstract: "Benchmarks: run with `swift run -c release mist-bench <name>`.",
        subcommands: [CohortBench.self, DumpBatchBench.self, EASEBench.self, GemmBench.self, LoadBench.self, TrainBench.self, UIBench.self, FuzzBench.self])
}
