import Testing
@testable import Autograd

@Suite struct GEMMTests {
    /// The slow, obvious definition, in Double.
    static func reference(_ a: [Float], _ b: [Float], m: Int, k: Int, n: Int, transposeA: Bool, transposeB: Bool) -> [Float] {
        var c = [Float](repeating: 0, count: m * n)
        for i in 0..<m {
            for j in 0..<n {
                var s = 0.0
                for p in 0..<k {
                    let x = transposeA ? a[p * m + i] : a[i * k + p]
                    let y = transposeB ? b[j * k + p] : b[p * n + j]
                    s += Double(x) * Double(y)
                }
                c[i * n + j] = Float(s)
            }
        }
        return c
    }

    static let shapes = [(1, 1, 1), (7, 13, 5), (65, 129, 33), (3, 1, 4), (17, 64, 1), (1, 40, 70)]
    static let transposes = [(false, false), (false, true), (true, false), (true, true)]

    @Test(arguments: shapes, transposes)
    func matchesNaiveTripleLoop(_ dims: (Int, Int, Int), _ transposes: (Bool, Bool)) {
        let (m, k, n) = dims
        let (ta, tb) = transposes
        let a = random([m * k], seed: UInt64(m * 1000 + k)).scalars
        let b = random([k * n], seed: UInt64(n * 1000 + k)).scalars
        let c = GEMM.multiply(m: m, n: n, k: k, a, transposeA: ta, b, transposeB: tb)
        let expected = Self.reference(a, b, m: m, k: k, n: n, transposeA: ta, transposeB: tb)
        let worst = zip(c, expected).map { abs($0 - $1) }.max() ?? 0
        #expect(worst <= 1e-4 * Float(k).squareRoot(), "\(m)×\(k)·\(k)×\(n) ta=\(ta) tb=\(tb): error \(worst)")
    }

    /// Every micro-kernel, whichever one this machine would pick, on shapes with ragged edges.
    @Test(arguments: MicroKernel.allCases, transposes)
    func everyKernelMatchesNaiveTripleLoop(_ kernel: MicroKernel, _ transposes: (Bool, Bool)) {
        let (ta, tb) = transposes
        for (m, k, n) in [(65, 129, 33), (13, 300, 41), (12, 100, 17)] {
            let a = random([m * k], seed: 60).scalars, b = random([k * n], seed: 61).scalars
            var c = [Float](repeating: 0, count: m * n)
            a.withUnsafeBufferPointer { a in
                b.withUnsafeBufferPointer { b in
                    c.withUnsafeMutableBufferPointer { c in
                        GEMM.multiply(m: m, n: n, k: k, a.baseAddress!, transposeA: ta, b.baseAddress!, transposeB: tb,
                                      into: c.baseAddress!, accumulate: false, threads: 2, kernel: kernel)
                    }
                }
            }
            let expected = Self.reference(a, b, m: m, k: k, n: n, transposeA: ta, transposeB: tb)
            let worst = zip(c, expected).map { abs($0 - $1) }.max() ?? 0
            #expect(worst <= 1e-4 * Float(k).squareRoot(), "\(kernel) \(m)×\(k)·\(k)×\(n): error \(worst)")
        }
    }

    @Test func accumulateAddsIntoExistingValues() {
        let (m, k, n) = (9, 11, 6)
        let a = random([m * k], seed: 50).scalars, b = random([k * n], seed: 51).scalars
        var c = random([m * n], seed: 52).scalars
        let before = c
        a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in
                c.withUnsafeMutableBufferPointer { c in
                    GEMM.multiply(m: m, n: n, k: k, a.baseAddress!, transposeA: false,
                                  b.baseAddress!, transposeB: false, into: c.baseAddress!, accumulate: true)
                }
            }
        }
        let product = Self.reference(a, b, m: m, k: k, n: n, transposeA: false, transposeB: false)
        for i in 0..<c.count { #expect(abs(c[i] - (before[i] + product[i])) < 1e-4) }
    }

    /// `op(a)·op(b)` with the kernel given.
    static func product(_ a: [Float], _ b: [Float], m: Int, k: Int, n: Int, transposeA: Bool = false,
                        transposeB: Bool = false, threads: Int, kernel: MicroKernel) -> [Float] {
        var c = [Float](repeating: 0, count: m * n)
        a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in
                c.withUnsafeMutableBufferPointer { c in
                    GEMM.multiply(m: m, n: n, k: k, a.baseAddress!, transposeA: transposeA, b.baseAddress!,
                                  transposeB: transposeB, into: c.baseAddress!, accumulate: false,
                                  threads: threads, kernel: kernel)
                }
            }
        }
        return c
    }

    /// Large enough to take the threaded path; the result must not depend on the thread split.
    @Test func largeProductIsCorrectAndDeterministic() {
        let (m, k, n) = (130, 70, 150)
        let a = random([m * k], seed: 53).scalars, b = random([k * n], seed: 54).scalars
        let first = GEMM.multiply(m: m, n: n, k: k, a, b, threads: 2)
        let again = GEMM.multiply(m: m, n: n, k: k, a, b, threads: 2)
        #expect(first == again)
        // Threads split rows, never a sum, so the bits do not depend on the thread count.
        #expect(first == GEMM.multiply(m: m, n: n, k: k, a, b, threads: 1))
        #expect(first == GEMM.multiply(m: m, n: n, k: k, a, b, threads: 3))
        let expected = Self.reference(a, b, m: m, k: k, n: n, transposeA: false, transposeB: false)
        #expect(zip(first, expected).allSatisfy { abs($0 - $1) < 1e-3 })
    }

    /// docs/PERFORMANCE.md, "Reproducibility": the row split across threads does not change a
    /// bit, for every kernel and transpose, on a product that is split (m·n·k above
    /// `parallelThreshold`) with more than one k block (k > kc: C is added to between blocks)
    /// and more than one row block per worker (m > mc, rows not a multiple of mr).
    @Test(arguments: MicroKernel.allCases, transposes)
    func threadCountDoesNotChangeBits(_ kernel: MicroKernel, _ transposes: (Bool, Bool)) {
        let (ta, tb) = transposes
        let (m, k, n) = (301, 300, 37)
        #expect(m * n * k >= GEMM.parallelThreshold && k > GEMM.kc && m / 2 > GEMM.mc)
        let a = random([m * k], seed: 70).scalars, b = random([k * n], seed: 71).scalars
        let one = Self.product(a, b, m: m, k: k, n: n, transposeA: ta, transposeB: tb, threads: 1, kernel: kernel)
        let two = Self.product(a, b, m: m, k: k, n: n, transposeA: ta, transposeB: tb, threads: 2, kernel: kernel)
        let five = Self.product(a, b, m: m, k: k, n: n, transposeA: ta, transposeB: tb, threads: 5, kernel: kernel)
        #expect(one.map(\.bitPattern) == two.map(\.bitPattern))
        #expect(one.map(\.bitPattern) == five.map(\.bitPattern))
    }

    /// What MicroKernels.swift and docs/PERFORMANCE.md state: the kernels round differently (fused
    /// multiply-add against multiply then add), so the choice of kernel is visible in the bits,
    /// though both are within the same bound of the exact product.
    @Test func kernelsDifferInTheLastBitsOnly() {
        let (m, k, n) = (48, 200, 48)
        let a = random([m * k], seed: 72).scalars, b = random([k * n], seed: 73).scalars
        let fused = Self.product(a, b, m: m, k: k, n: n, threads: 1, kernel: .fused6x16)
        let wide = Self.product(a, b, m: m, k: k, n: n, threads: 1, kernel: .wide6x8)
        #expect(fused != wide)
        #expect(zip(fused, wide).allSatisfy { abs($0 - $1) <= 1e-4 * Float(k).squareRoot() })
    }
}

/// The micro-kernel is a function of the machine's features, never of timing (issue 12).
@Suite struct MicroKernelChoiceTests {
    static let table: [(CPUFeatures, MicroKernel)] = [
        (CPUFeatures(architecture: .x86_64, avx2: true, fma: true), .fused6x16),
        (CPUFeatures(architecture: .x86_64, avx2: true, fma: false), .wide6x8),
        (CPUFeatures(architecture: .x86_64, avx2: false, fma: true), .wide6x8),
        (CPUFeatures(architecture: .x86_64, avx2: false, fma: false), .wide6x8),
        (CPUFeatures(architecture: .arm64), .fused6x16),
        (CPUFeatures(architecture: .other), .wide6x8),
    ]

    @Test(arguments: table)
    func featuresMapToTheDocumentedKernel(_ features: CPUFeatures, _ kernel: MicroKernel) {
        #expect(MicroKernel.choice(for: features) == kernel)
    }

    @Test func selectionIsStableAcrossCalls() {
        let selected = MicroKernel.selected
        #expect(selected == MicroKernel.choice(for: .current))
        #expect(GEMM.kernelName == selected.rawValue)
        for _ in 0..<20 {
            // Reads /proc/cpuinfo (or the sysctls) again each time.
            let features = CPUFeatures.detect()
            #expect(features == .current)
            #expect(MicroKernel.choice(for: features) == selected)
        }
    }

    @Test func detectsThisArchitecture() {
        #if arch(x86_64)
        #expect(CPUFeatures.current.architecture == .x86_64)
        #elseif arch(arm64)
        #expect(CPUFeatures.current == CPUFeatures(architecture: .arm64))
        #endif
    }

    @Test func readsFlagsFromACpuinfoLine() {
        let line: Substring = "flags\t\t: fpu vme sse2 avx fma cx16 avx2 bmi2 avx512f\n"
        let flags = CPUFeatures.parseFlags(line)
        #expect(flags.contains("avx2") && flags.contains("fma") && flags.contains("fpu") && flags.contains("avx512f"))
        #expect(!flags.contains("flags") && !flags.contains(":"))
        #expect(CPUFeatures.parseFlags("flags : sse2 avx\n").isDisjoint(with: ["avx2", "fma"]))
        #expect(CPUFeatures.parseFlags("no colon here").isEmpty)
    }
}
