import Dispatch
import Foundation

/// General matrix multiply on row-major `Float` buffers:
/// `C (m×n) = op(A) · op(B)` (or `+=` when accumulating), where `op(A)` is `m×k` and `op(B)` is
/// `k×n`. With `transposeA` the buffer `a` holds `Aᵀ` stored as `k×m`; with `transposeB` the
/// buffer `b` holds `Bᵀ` stored as `n×k`. Leading dimensions are the natural ones (contiguous).
///
/// How it is fast (the BLIS / GotoBLAS scheme, in plain Swift): `op(B)` is packed, `kc` rows at a
/// time, into column panels `nr` wide, and `op(A)` into row panels `mr` tall, so the innermost
/// kernel streams two contiguous buffers whatever the transposes; that kernel keeps an `mr×nr`
/// block of C in SIMD registers for a whole `kc` run (see `MicroKernel`).
/// Block sizes keep an `mc×kc` block of A in L2 and one `kc×nr` panel of B in L1. Products big
/// enough to pay for it split their rows across threads (`DispatchQueue.concurrentPerform`),
/// sharing one packed B.
public enum GEMM {
    static let mr = 6
    static let kc = 256, mc = 144, nc = 3072

    /// Below this many multiply-adds a product runs on the calling thread only.
    public static let parallelThreshold = 96 * 96 * 96
    /// Below this many multiply-adds packing costs more than it saves; a plain loop runs.
    static let packingThreshold = 24 * 24 * 24

    /// The micro-kernel this process uses (`"fused6x16"` or `"wide6x8"`), for reports. It is
    /// chosen from `cpuFeatures` alone (`MicroKernel.choice(for:)`), so it is the same in every
    /// process on this machine, and with it the bits of every product.
    public static var kernelName: String { MicroKernel.selected.rawValue }

    /// The processor features the kernel was chosen from, for reports
    /// (e.g. `"x86_64 avx2=true fma=true"`).
    public static var cpuFeatures: String { CPUFeatures.current.description }

    /// Every micro-kernel this build has, by name, `kernelName` among them.
    public static var kernelNames: [String] { MicroKernel.allCases.map(\.rawValue) }

    /// The number of threads products use by default: the machine's active cores.
    public static var defaultThreadCount: Int { ProcessInfo.processInfo.activeProcessorCount }

    /// `c = op(a)·op(b)`, or `c += op(a)·op(b)` when `accumulate` is true, using up to `threads`
    /// threads when the product is large. Pass `threads: 1` from code that already runs in
    /// parallel (e.g. one of two trainer threads): oversubscribed cores slow everything down.
    public static func multiply(
        m: Int, n: Int, k: Int,
        _ a: UnsafePointer<Float>, transposeA: Bool,
        _ b: UnsafePointer<Float>, transposeB: Bool,
        into c: UnsafeMutablePointer<Float>, accumulate: Bool,
        threads: Int = GEMM.defaultThreadCount
    ) {
        multiply(m: m, n: n, k: k, a, transposeA: transposeA, b, transposeB: transposeB,
                 into: c, accumulate: accumulate, threads: threads, kernel: MicroKernel.selected)
    }

    /// `multiply` with the micro-kernel named (one of `kernelNames`) instead of the chosen one:
    /// for `mist-bench gemm --kernel`, which times each kernel on the machine at hand. Products
    /// with another kernel differ from the chosen one's in the last bits; nothing that trains or
    /// evaluates calls this.
    public static func multiply(
        m: Int, n: Int, k: Int,
        _ a: UnsafePointer<Float>, transposeA: Bool,
        _ b: UnsafePointer<Float>, transposeB: Bool,
        into c: UnsafeMutablePointer<Float>, accumulate: Bool,
        threads: Int, kernelNamed name: String
    ) {
        guard let kernel = MicroKernel(rawValue: name) else {
            preconditionFailure("GEMM: no micro-kernel named \(name) (have \(kernelNames))")
        }
        multiply(m: m, n: n, k: k, a, transposeA: transposeA, b, transposeB: transposeB,
                 into: c, accumulate: accumulate, threads: threads, kernel: kernel)
    }

    /// `multiply` with the micro-kernel given (tests run every kernel, whatever the build).
    static func multiply(
        m: Int, n: Int, k: Int,
        _ a: UnsafePointer<Float>, transposeA: Bool,
        _ b: UnsafePointer<Float>, transposeB: Bool,
        into c: UnsafeMutablePointer<Float>, accumulate: Bool,
        threads: Int, kernel: MicroKernel
    ) {
        if !accumulate { c.update(repeating: 0, count: m * n) }
        guard m > 0, n > 0, k > 0 else { return }
        if m * n * k < packingThreshold || m < 2 || n < 4 {
            naive(m: m, n: n, k: k, a, transposeA: transposeA, b, transposeB: transposeB, into: c)
        } else {
            let workers = m * n * k >= parallelThreshold ? max(1, min(threads, (m + mr - 1) / mr)) : 1
            blocked(m: m, n: n, k: k, a, transposeA, b, transposeB, c, workers: workers, kernel: kernel)
        }
    }

    /// Array convenience for `multiply`: returns `op(a)·op(b)` as `m×n` scalars.
    public static func multiply(
        m: Int, n: Int, k: Int,
        _ a: [Float], transposeA: Bool = false,
        _ b: [Float], transposeB: Bool = false,
        threads: Int = GEMM.defaultThreadCount
    ) -> [Float] {
        precondition(a.count == m * k && b.count == k * n, "GEMM: operands do not match \(m)×\(k)·\(k)×\(n)")
        return [Float](unsafeUninitializedCapacity: m * n) { out, count in
            count = m * n
            guard count > 0 else { return }
            guard k > 0 else { out.initialize(repeating: 0); return }
            a.withUnsafeBufferPointer { a in
                b.withUnsafeBufferPointer { b in
                    multiply(m: m, n: n, k: k, a.baseAddress!, transposeA: transposeA,
                             b.baseAddress!, transposeB: transposeB,
                             into: out.baseAddress!, accumulate: false, threads: threads)
                }
            }
        }
    }

    /// `c += op(a)·op(b)` with the loop order chosen for unit-stride inner loops (small products).
    static func naive(
        m: Int, n: Int, k: Int,
        _ a: UnsafePointer<Float>, transposeA: Bool,
        _ b: UnsafePointer<Float>, transposeB: Bool,
        into c: UnsafeMutablePointer<Float>
    ) {
        for i in 0..<m {
            let ci = c + i * n
            if transposeB {
                for j in 0..<n {
                    var s: Float = 0
                    let bj = b + j * k
                    if transposeA {
                        for p in 0..<k { s += a[p * m + i] * bj[p] }
                    } else {
                        let ai = a + i * k
                        for p in 0..<k { s += ai[p] * bj[p] }
                    }
                    ci[j] += s
                }
            } else {
                for p in 0..<k {
                    let aip = transposeA ? a[p * m + i] : a[i * k + p]
                    let bp = b + p * n
                    for j in 0..<n { ci[j] += aip * bp[j] }
                }
            }
        }
    }

    /// The raw pointers the workers of one `concurrentPerform` share. `@unchecked` because raw
    /// pointers are not `Sendable` and no checked type can state the rule that makes this sound:
    /// - lifetime: `concurrentPerform` returns only when every worker has returned, and `blocked`
    ///   frees `packedA`/`packedB` after that (`defer`); `a`, `b`, `c` belong to the caller for
    ///   the whole call;
    /// - `a` and `b` are only read; `packedB` is written by the calling thread (`packB`) before
    ///   the workers start and only read while they run;
    /// - worker `w` writes only its slice `packedA[w·packedACount ..< (w+1)·packedACount]` and
    ///   the rows `w·rowsPerWorker ..< (w+1)·rowsPerWorker` of `c`, so no two workers write the
    ///   same float, and no worker reads what another writes (rows are split in whole `mr` panels).
    /// A checked alternative (a lock around each buffer, or a copy of C per worker) would put a
    /// lock or a copy in the innermost loop, which is what this type exists to avoid.
    private struct Shared: @unchecked Sendable {
        let a: UnsafePointer<Float>, b: UnsafePointer<Float>, c: UnsafeMutablePointer<Float>
        let packedB: UnsafeMutablePointer<Float>, packedA: UnsafeMutablePointer<Float>
    }

    private static func blocked(
        m: Int, n: Int, k: Int,
        _ a: UnsafePointer<Float>, _ ta: Bool,
        _ b: UnsafePointer<Float>, _ tb: Bool,
        _ c: UnsafeMutablePointer<Float>, workers: Int, kernel: MicroKernel
    ) {
        let nr = kernel.nr
        let ncMax = min(nc, n), kcMax = min(kc, k)
        let packedBCount = kcMax * ((ncMax + nr - 1) / nr) * nr
        let packedACount = kcMax * ((min(mc, m) + mr - 1) / mr) * mr
        let packedB = UnsafeMutablePointer<Float>.allocate(capacity: packedBCount)
        let packedA = UnsafeMutablePointer<Float>.allocate(capacity: packedACount * workers)
        defer { packedB.deallocate(); packedA.deallocate() }
        let shared = Shared(a: a, b: b, c: c, packedB: packedB, packedA: packedA)
        // Rows per worker, a multiple of mr so panels never straddle two workers.
        let panels = (m + mr - 1) / mr
        let rowsPerWorker = ((panels + workers - 1) / workers) * mr

        for jc in stride(from: 0, to: n, by: nc) {
            let ncur = min(nc, n - jc)
            for pc in stride(from: 0, to: k, by: kc) {
                let kcur = min(kc, k - pc)
                packB(b, tb, k: k, n: n, nr: nr, rows: pc, kcur, columns: jc, ncur, into: packedB)
                let work: @Sendable (Int) -> Void = { w in
                    let first = w * rowsPerWorker, last = min(m, first + rowsPerWorker)
                    guard first < last else { return }
                    let myA = shared.packedA + w * packedACount
                    for ic in stride(from: first, to: last, by: mc) {
                        let mcur = min(mc, last - ic)
                        packA(shared.a, ta, m: m, k: k, rows: ic, mcur, columns: pc, kcur, into: myA)
                        for jr in stride(from: 0, to: ncur, by: nr) {
                            let cols = min(nr, ncur - jr)
                            let bPanel = UnsafePointer(shared.packedB + jr * kcur)
                            for ir in stride(from: 0, to: mcur, by: mr) {
                                kernel.run(kcur, UnsafePointer(myA + ir * kcur), bPanel,
                                            shared.c + (ic + ir) * n + jc + jr, ldc: n,
                                            rows: min(mr, mcur - ir), columns: cols)
                            }
                        }
                    }
                }
                if workers == 1 { work(0) } else { DispatchQueue.concurrentPerform(iterations: workers, execute: work) }
            }
        }
    }

    /// Packs `op(B)[rows p0..<p0+kcur, columns j0..<j0+ncur]` as consecutive `kcur × nr` panels,
    /// zero-padding the last panel's missing columns.
    @inline(__always)
    private static func packB(
        _ b: UnsafePointer<Float>, _ tb: Bool, k: Int, n: Int, nr: Int,
        rows p0: Int, _ kcur: Int, columns j0: Int, _ ncur: Int,
        into out: UnsafeMutablePointer<Float>
    ) {
        for jr in stride(from: 0, to: ncur, by: nr) {
            let cols = min(nr, ncur - jr)
            let panel = out + jr * kcur
            for p in 0..<kcur {
                let dst = panel + p * nr
                if tb {
                    for j in 0..<cols { dst[j] = b[(j0 + jr + j) * k + p0 + p] }
                } else {
                    let src = b + (p0 + p) * n + j0 + jr
                    if cols == nr {  // a whole panel row (nr is 8 or 16): eight lanes at a time
                        for j in stride(from: 0, to: nr, by: 8) { Lanes.store(Lanes.load(src + j), dst + j) }
                        continue
                    }
                    for j in 0..<cols { dst[j] = src[j] }
                }
                for j in cols..<nr { dst[j] = 0 }
            }
        }
    }

    /// Packs `op(A)[rows i0..<i0+mcur, columns p0..<p0+kcur]` as consecutive `kcur × mr` panels
    /// (each step of k holds mr row values), zero-padding the last panel's missing rows.
    @inline(__always)
    private static func packA(
        _ a: UnsafePointer<Float>, _ ta: Bool, m: Int, k: Int,
        rows i0: Int, _ mcur: Int, columns p0: Int, _ kcur: Int,
        into out: UnsafeMutablePointer<Float>
    ) {
        for ir in stride(from: 0, to: mcur, by: mr) {
            let rows = min(mr, mcur - ir)
            let panel = out + ir * kcur
            if ta, rows == 6, mr == 6 {
                // Six floats per step, written out: the general loop spent more on its vector
                // prologue and tail than on the copy.
                for p in 0..<kcur {
                    let src = a + (p0 + p) * m + i0 + ir
                    let dst = panel + p * mr
                    dst[0] = src[0]; dst[1] = src[1]; dst[2] = src[2]; dst[3] = src[3]; dst[4] = src[4]; dst[5] = src[5]
                }
            } else if ta {
                for p in 0..<kcur {
                    let src = a + (p0 + p) * m + i0 + ir
                    let dst = panel + p * mr
                    for i in 0..<rows { dst[i] = src[i] }
                    for i in rows..<mr { dst[i] = 0 }
                }
            } else if rows == 6, mr == 6 {
                // Step by step through k, the six rows side by side: contiguous stores. (Row by
                // row, every store is mr floats from the last, which the compiler turned into
                // AVX-512 scatters: a sixth of the GEMM's time on the GRU's small products.)
                let r0 = a + (i0 + ir) * k + p0, r1 = r0 + k, r2 = r1 + k, r3 = r2 + k, r4 = r3 + k, r5 = r4 + k
                for p in 0..<kcur {
                    let dst = panel + p * mr
                    dst[0] = r0[p]; dst[1] = r1[p]; dst[2] = r2[p]; dst[3] = r3[p]; dst[4] = r4[p]; dst[5] = r5[p]
                }
            } else {
                for p in 0..<kcur {
                    let dst = panel + p * mr
                    for i in 0..<rows { dst[i] = a[(i0 + ir + i) * k + p0 + p] }
                    for i in rows..<mr { dst[i] = 0 }
                }
            }
        }
    }
}
