import ArgumentParser

// Placeholder until its issue lands; replaced by the owner of `mist validate`.
struct ValidateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "validate", abstract: "(not built yet)")
    func run() async throws { throw ValidationError("mist validate is not built yet") }
}
