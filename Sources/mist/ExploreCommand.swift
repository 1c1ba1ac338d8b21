import ArgumentParser

// Placeholder until its issue lands; replaced by the owner of `mist explore`.
struct ExploreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "explore", abstract: "(not built yet)")
    func run() async throws { throw ValidationError("mist explore is not built yet") }
}
