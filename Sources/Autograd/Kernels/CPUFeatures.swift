#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The processor facts the GEMM micro-kernel is chosen from (see `MicroKernel.choice(for:)`):
/// the architecture this process is built for and, on x86-64, whether the processor *and* the
/// operating system support AVX2 and FMA. Nothing here depends on timing or load, so a machine
/// always reports the same features.
struct CPUFeatures: Hashable, Sendable, CustomStringConvertible {
    enum Architecture: String, Sendable { case x86_64, arm64, other }

    var architecture: Architecture
    /// 256-bit integer and float vectors (x86-64 only; false elsewhere).
    var avx2 = false
    /// Fused multiply-add instructions (x86-64 only; false elsewhere).
    var fma = false

    var description: String {
        architecture == .x86_64 ? "x86_64 avx2=\(avx2) fma=\(fma)" : architecture.rawValue
    }

    /// This machine's features, read once per process.
    static let current = detect()

    /// Reads the features as the operating system reports them: the `flags` line of
    /// `/proc/cpuinfo` on Linux (the kernel drops `avx2` and `fma` there when it does not save the
    /// 256-bit registers, so a flag present means usable), the `hw.optional` sysctls on macOS.
    /// A feature that cannot be read counts as absent (the choice falls back to the kernel that
    /// needs nothing, never to a guess).
    static func detect() -> CPUFeatures {
        #if arch(x86_64)
        #if os(Linux)
        let flags = firstFlagsLine(ofFile: "/proc/cpuinfo").map(parseFlags) ?? []
        return CPUFeatures(architecture: .x86_64, avx2: flags.contains("avx2"), fma: flags.contains("fma"))
        #elseif canImport(Darwin)
        return CPUFeatures(architecture: .x86_64, avx2: sysctlFlag("hw.optional.avx2_0"), fma: sysctlFlag("hw.optional.fma"))
        #else
        return CPUFeatures(architecture: .x86_64)
        #endif
        #elseif arch(arm64)
        return CPUFeatures(architecture: .arm64)
        #else
        return CPUFeatures(architecture: .other)
        #endif
    }

    /// The words after the colon of a `/proc/cpuinfo` `flags` line (`"flags\t\t: fpu vme … avx2 …"`).
    static func parseFlags(_ line: Substring) -> Set<Substring> {
        guard let colon = line.firstIndex(of: ":") else { return [] }
        return Set(line[line.index(after: colon)...].split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }))
    }

    /// The first line of `path` that starts with `flags` (every processor lists the same flags).
    private static func firstFlagsLine(ofFile path: String) -> Substring? {
        #if canImport(Glibc) || canImport(Darwin)
        guard let file = fopen(path, "r") else { return nil }
        defer { fclose(file) }
        var buffer: UnsafeMutablePointer<CChar>? = nil
        var capacity = 0
        defer { free(buffer) }
        while getline(&buffer, &capacity, file) > 0, let buffer {
            let line = String(cString: buffer)
            if line.hasPrefix("flags") { return Substring(line) }
        }
        #endif
        return nil
    }

    #if canImport(Darwin)
    private static func sysctlFlag(_ name: String) -> Bool {
        var value: Int32 = 0
        var size = MemoryLayout<Int32>.size
        return sysctlbyname(name, &value, &size, nil, 0) == 0 && value != 0
    }
    #endif
}
