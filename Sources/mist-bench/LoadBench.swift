import ArgumentParser

// Placeholder until its issue lands; replaced by the owner of `mist-bench load`.
struct LoadBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "load", abstract: "(not built yet)")
    func run() async throws { throw ValidationError("mist-bench load is not built yet") }
}
