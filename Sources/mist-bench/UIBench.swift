import ArgumentParser

// Placeholder until its issue lands; replaced by the owner of `mist-bench ui`.
struct UIBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "ui", abstract: "(not built yet)")
    func run() async throws { throw ValidationError("mist-bench ui is not built yet") }
}
