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

    /// Every micro-kernel, whichever one this build would pick, on shapes with ragged edges.
    @Test(arguments: [MicroKernel.fused6x16, .wide6x8], transposes)
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
}
