import ArgumentParser

// Placeholder until its issue lands; replaced by the owner of `mist generate`.
struct GenerateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "generate", abstract: "(not built yet)")
    func run() async throws { throw ValidationError("mist generate is not built yet") }
}
