/// The innermost GEMM kernels: `C[rows×columns] += Apanel · Bpanel` over `kc` steps, with the
/// whole `6×nr` block of C held in SIMD registers. `Apanel` holds 6 values of A per step,
/// `Bpanel` holds `nr` values of B per step (both packed by `GEMM`).
///
/// The two kernels do not give the same bits. `fused6x16` rounds once per step
/// (`addProduct` is IEEE fused multiply-add, in hardware or, in a build that does not target FMA,
/// in the C library, with the same result), `wide6x8` rounds the product and then the sum. Each
/// element of C is still summed in the same order by both (step by step along k, one `kc` block
/// at a time), and `nr` only decides which columns share a register tile, so that is the only
/// difference; the errors of both are checked against a Double reference in GEMMTests. So weights
/// trained with one kernel differ in the last bits from weights trained with the other, and which
/// one a process uses must not depend on anything but the machine: see `choice(for:)`.
enum MicroKernel: String, CaseIterable, Sendable {
    /// 6×16, eight-wide vectors, fused multiply-add (for builds targeting AVX2 + FMA).
    case fused6x16
    /// 6×8, four-wide vectors, separate multiply and add (fits the 16 SSE registers).
    case wide6x8

    /// Columns of B per panel.
    var nr: Int { self == .fused6x16 ? 16 : 8 }

    /// The kernel this process uses: `choice(for: .current)`, fixed for the life of the process.
    static let selected: MicroKernel = choice(for: .current)

    /// The kernel for a machine, a pure function of its architecture and features (no timing,
    /// no environment variable):
    ///
    /// | machine                      | kernel      | why                                                   |
    /// |------------------------------|-------------|-------------------------------------------------------|
    /// | x86-64 with AVX2 and FMA     | `fused6x16` | 16 eight-wide registers and one-instruction FMA       |
    /// | x86-64 without either        | `wide6x8`   | SSE: 16 four-wide registers, FMA would be a libm call |
    /// | arm64                        | `fused6x16` | NEON always has FMA and 32 registers (24 accumulators fit) |
    /// | any other architecture       | `wide6x8`   | needs nothing but four-wide multiply and add          |
    ///
    /// Until issue 12 the kernel was picked by timing both for about a millisecond at start-up.
    /// That was fast, but a seed then reproduced weights only on the same machine *and load*: a
    /// busy core during the trial could flip the choice, and with it the last bits of every
    /// product. The features say the same thing every time. A release build on x86-64 targets the
    /// building CPU (`-target-cpu native` in Package.swift), so there the features it reads are
    /// the ones the compiler used, and the choice is the one timing made on an idle machine
    /// (docs/PERFORMANCE.md, "Reproducibility"). A debug build, which targets baseline x86-64,
    /// makes the same choice on the same machine (the kernel is no longer a reason for debug and
    /// release products to differ), at the cost of `fused6x16` calling the C library's `fmaf`
    /// for each lane, which costs little next to the rest of an unoptimised build.
    /// Swift cannot test target features in `#if`, and a compile-time choice would have made debug
    /// and release builds of one machine disagree, which is why the features are read at run time.
    static func choice(for features: CPUFeatures) -> MicroKernel {
        switch features.architecture {
        case .x86_64: features.avx2 && features.fma ? .fused6x16 : .wide6x8
        case .arm64: .fused6x16
        case .other: .wide6x8
        }
    }

    @inline(__always)
    func run(_ kc: Int, _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>,
             _ c: UnsafeMutablePointer<Float>, ldc: Int, rows: Int, columns: Int) {
        switch self {
        case .fused6x16: MicroKernel.fused6x16(kc, a, b, c, ldc: ldc, rows: rows, columns: columns)
        case .wide6x8: MicroKernel.wide6x8(kc, a, b, c, ldc: ldc, rows: rows, columns: columns)
        }
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
