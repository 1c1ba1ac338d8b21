import ArgumentParser

// Placeholder until its issue lands; replaced by the owner of `mist-bench train`.
struct TrainBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "train", abstract: "(not built yet)")
    func run() async throws { throw ValidationError("mist-bench train is not built yet") }
}
