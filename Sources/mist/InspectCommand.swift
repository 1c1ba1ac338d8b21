import ArgumentParser

// Placeholder until its issue lands; replaced by the owner of `mist inspect`.
struct InspectCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "inspect", abstract: "(not built yet)")
    func run() async throws { throw ValidationError("mist inspect is not built yet") }
}
