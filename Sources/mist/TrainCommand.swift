import ArgumentParser

// Placeholder until its issue lands; replaced by the owner of `mist train`.
struct TrainCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "train", abstract: "(not built yet)")
    func run() async throws { throw ValidationError("mist train is not built yet") }
}
