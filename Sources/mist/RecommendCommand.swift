import ArgumentParser

// Placeholder until its issue lands; replaced by the owner of `mist recommend`.
struct RecommendCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "recommend", abstract: "(not built yet)")
    func run() async throws { throw ValidationError("mist recommend is not built yet") }
}
