import ArgumentParser

// Placeholder until its issue lands; replaced by the owner of `mist-bench gemm`.
struct GemmBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "gemm", abstract: "(not built yet)")
    func run() async throws { throw ValidationError("mist-bench gemm is not built yet") }
}
