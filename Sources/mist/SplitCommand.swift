import ArgumentParser

// Placeholder until its issue lands; replaced by the owner of `mist split`.
struct SplitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "split", abstract: "(not built yet)")
    func run() async throws { throw ValidationError("mist split is not built yet") }
}
