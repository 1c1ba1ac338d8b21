import Dispatch

/// The innermost GEMM kernels: `C[rows×columns] += Apanel · Bpanel` over `kc` steps, with the
/// whole `6×nr` block of C held in SIMD registers. `Apanel` holds 6 values of A per step,
/// `Bpanel` holds `nr` values of B per step (both packed by `GEMM`).
///
/// Which kernel is fastest depends on the instructions the build targets, and Swift cannot test
/// target features at compile time: a build for baseline x86-64 (SSE) has 16 four-wide
/// registers and no FMA, where `addingProduct` becomes a slow library call; a build with
/// `-target-cpu haswell` (or newer) has 16 eight-wide registers and FMA. So the kernel is picked
/// once per process by timing: the FMA kernel is taken only when it runs at least at the speed
/// of the four-wide one, which happens only when FMA is native (the library call is ~10× slower),
/// so the choice is stable for a given build and machine, and results stay bit-for-bit
/// reproducible run to run.
enum MicroKernel: Sendable {
    /// 6×16, eight-wide vectors, fused multiply-add (for builds targeting AVX2 + FMA).
    case fused6x16
    /// 6×8, four-wide vectors, separate multiply and add (fits the 16 SSE registers).
    case wide6x8

    /// Columns of B per panel.
    var nr: Int { self == .fused6x16 ? 16 : 8 }

    /// The kernel this process uses.
    static let selected: MicroKernel = calibrate()

    @inline(__always)
    func run(_ kc: Int, _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>,
             _ c: UnsafeMutablePointer<Float>, ldc: Int, rows: Int, columns: Int) {
        switch self {
        case .fused6x16: MicroKernel.fused6x16(kc, a, b, c, ldc: ldc, rows: rows, columns: columns)
        case .wide6x8: MicroKernel.wide6x8(kc, a, b, c, ldc: ldc, rows: rows, columns: columns)
        }
    }

    private static func calibrate() -> MicroKernel {
        let kc = 128
        let a = UnsafeMutablePointer<Float>.allocate(capacity: 6 * kc)
        let b = UnsafeMutablePointer<Float>.allocate(capacity: 16 * kc)
        let c = UnsafeMutablePointer<Float>.allocate(capacity: 6 * 16)
        defer { a.deallocate(); b.deallocate(); c.deallocate() }
        a.initialize(repeating: 0.5, count: 6 * kc)
        b.initialize(repeating: 0.25, count: 16 * kc)
        c.initialize(repeating: 0, count: 6 * 16)
        // Best time per flop over a few short trials (about a millisecond in all), so a busy core is less
        // likely to mislead.
        func secondsPerFlop(_ kernel: MicroKernel) -> Double {
            var best = Double.infinity
            for _ in 0..<5 {
                let start = DispatchTime.now().uptimeNanoseconds
                for _ in 0..<8 { kernel.run(kc, a, b, c, ldc: 16, rows: 6, columns: kernel.nr) }
                let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
                best = min(best, seconds / Double(8 * 2 * 6 * kernel.nr * kc))
            }
            return best
        }
        return secondsPerFlop(.fused6x16) <= secondsPerFlop(.wide6x8) ? .fused6x16 : .wide6x8
    }

    @inline(__always)
    private static func fused6x16(
        _ kc: Int, _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>,
        _ c: UnsafeMutablePointer<Float>, ldc: Int, rows: Int, columns: Int
    ) {
        typealias V = SIMD8<Float>
        var c00 = V(), c01 = V(), c10 = V(), c11 = V(), c20 = V(), c21 = V()
        var c30 = V(), c31 = V(), c40 = V(), c41 = V(), c50 = V(), c51 = V()
        var pa = a, pb = UnsafeRawPointer(b)
        for _ in 0..<kc {
            let b0 = pb.loadUnaligned(as: V.self)
            let b1 = pb.loadUnaligned(fromByteOffset: 32, as: V.self)
            var x = V(repeating: pa[0]); c00.addProduct(x, b0); c01.addProduct(x, b1)
            x = V(repeating: pa[1]); c10.addProduct(x, b0); c11.addProduct(x, b1)
            x = V(repeating: pa[2]); c20.addProduct(x, b0); c21.addProduct(x, b1)
            x = V(repeating: pa[3]); c30.addProduct(x, b0); c31.addProduct(x, b1)
            x = V(repeating: pa[4]); c40.addProduct(x, b0); c41.addProduct(x, b1)
            x = V(repeating: pa[5]); c50.addProduct(x, b0); c51.addProduct(x, b1)
            pa += 6
            pb += 64
        }
        var tile = (c00, c01, c10, c11, c20, c21, c30, c31, c40, c41, c50, c51)
        store(&tile, width: 16, c, ldc: ldc, rows: rows, columns: columns)
    }

    @inline(__always)
    private static func wide6x8(
        _ kc: Int, _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>,
        _ c: UnsafeMutablePointer<Float>, ldc: Int, rows: Int, columns: Int
    ) {
        typealias V = SIMD4<Float>
        var c00 = V(), c01 = V(), c10 = V(), c11 = V(), c20 = V(), c21 = V()
        var c30 = V(), c31 = V(), c40 = V(), c41 = V(), c50 = V(), c51 = V()
        var pa = a, pb = UnsafeRawPointer(b)
        for _ in 0..<kc {
            let b0 = pb.loadUnaligned(as: V.self)
            let b1 = pb.loadUnaligned(fromByteOffset: 16, as: V.self)
            var x = V(repeating: pa[0]); c00 += x * b0; c01 += x * b1
            x = V(repeating: pa[1]); c10 += x * b0; c11 += x * b1
            x = V(repeating: pa[2]); c20 += x * b0; c21 += x * b1
            x = V(repeating: pa[3]); c30 += x * b0; c31 += x * b1
            x = V(repeating: pa[4]); c40 += x * b0; c41 += x * b1
            x = V(repeating: pa[5]); c50 += x * b0; c51 += x * b1
            pa += 6
            pb += 32
        }
        var tile = (c00, c01, c10, c11, c20, c21, c30, c31, c40, c41, c50, c51)
        store(&tile, width: 8, c, ldc: ldc, rows: rows, columns: columns)
    }

    /// Adds the register tile (6 rows of `width` floats, laid out row by row) into C, or only
    /// its `rows × columns` corner at the edges of C.
    @inline(__always)
    private static func store<Tile>(
        _ tile: inout Tile, width: Int, _ c: UnsafeMutablePointer<Float>, ldc: Int, rows: Int, columns: Int
    ) {
        withUnsafeBytes(of: &tile) { raw in
            let t = raw.bindMemory(to: Float.self).baseAddress!
            for i in 0..<rows {
                let ci = c + i * ldc, ti = t + i * width
                for j in 0..<columns { ci[j] += ti[j] }
            }
        }
    }
}
