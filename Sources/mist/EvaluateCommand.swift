import ArgumentParser

// Placeholder until its issue lands; replaced by the owner of `mist evaluate`.
struct EvaluateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "evaluate", abstract: "(not built yet)")
    func run() async throws { throw ValidationError("mist evaluate is not built yet") }
}
