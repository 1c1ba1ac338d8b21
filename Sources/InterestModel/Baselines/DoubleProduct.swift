import Dispatch
import Synchronization

/// The Float64 matrix product behind the Cholesky factorisation and inverse:
/// `C[r, c] += alpha · Σ_k a(k, r) · b(k, c)`, with both operands read through strides so the
/// callers never transpose anything themselves. Autograd's GEMM is Float32 only, and EASE's Gram
/// matrix needs Float64 (the spec asks for Float64 accumulation; at λ = 10 and V in the thousands
/// Float32 loses most digits of `G⁻¹`).
///
/// The shape is the usual one for a fast product: operands are packed into small contiguous
/// panels (6 rows or 8 columns wide, `depthBlock` deep), a column block of B stays in L2 while
/// every row panel of A streams past it, and a 6×8 tile of C lives in twelve 4-wide registers.
/// With `-target-cpu native` on an AVX2/FMA machine each step of the micro-kernel is twelve fused
/// multiply-adds on independent accumulators, which is what makes V = 6000 a matter of seconds.
///
/// Every element of C is summed in the same order whatever the thread count, so results are
/// bit-for-bit reproducible.
enum DoubleProduct {
    static let rowPanel = 6
    static let columnPanel = 8
    /// Depth of one packed panel: 256 × 8 doubles = 16 KB per B micro-panel (fits L1 with A's).
    static let depthBlock = 256
    /// Columns per job: 128 × 256 × 8 B = 256 KB of packed B, half of this machine's L2.
    static let columnBlock = 128

    /// The raw pointers the workers of one `multiplyAdd` share. `@unchecked` because raw pointers
    /// (and `Operand`, which holds one) are not `Sendable`, and no checked type can state the rule
    /// that makes this sound:
    /// - lifetime: `concurrentPerform` returns only when every worker has, `packedA` is freed
    ///   after the last one (`defer`), and `b`'s memory and `c` belong to the caller for the call;
    /// - `packedA` is written by the calling thread (`pack`) between two `concurrentPerform`s,
    ///   never while workers run, and only read by them; `b` is only read;
    /// - each job index comes out of the shared `Atomic` counter exactly once, and job `j` writes
    ///   only columns `j·columnBlock ..< (j+1)·columnBlock` of `c` (every row), so no two threads
    ///   write the same element; each worker's tile and packed B are its own allocations.
    /// A checked alternative (a lock per tile, or a copy of C per worker) would put a lock or a
    /// copy in the loop that makes EASE's Gram inverse take seconds.
    struct Shared: @unchecked Sendable {
        let packedA: UnsafeMutablePointer<Double>
        let b: Operand
        let c: UnsafeMutablePointer<Double>
    }

    /// A strided operand: element `(k, i)` (depth k, row or column i) is `base[k·depthStride + i·indexStride]`.
    struct Operand {
        var base: UnsafePointer<Double>
        var depthStride: Int
        var indexStride: Int
        @inline(__always) func at(_ k: Int, _ i: Int) -> Double { base[k * depthStride + i * indexStride] }
    }

    /// Tiles whose contribution is known to be zero or unwanted, in absolute coordinates
    /// (row `r` is `rowOrigin + r`, and so on), so that the triangular products skip them.
    /// Skipping is per tile and depth block; partly triangular tiles are computed in full, so the
    /// zero parts of a triangular operand must really hold zeros.
    struct Structure {
        var rowOrigin = 0, columnOrigin = 0, depthOrigin = 0
        /// Only `C[r, c]` with column ≤ row is wanted (other entries of crossing tiles get junk).
        var lowerResult = false
        /// `b(k, c) = 0` when column > depth.
        var bLowerTriangular = false

        static let full = Structure()

        func skips(rows: Range<Int>, columns: Range<Int>, depth: Range<Int>) -> Bool {
            let lastRow = rowOrigin + rows.upperBound - 1
            let firstColumn = columnOrigin + columns.lowerBound
            let lastDepth = depthOrigin + depth.upperBound - 1
            return (lowerResult && firstColumn > lastRow) || (bLowerTriangular && firstColumn > lastDepth)
        }
    }

    /// `C[r·ldc + c] += alpha · Σ_{k < depth} a(k, r) · b(k, c)` for `r < rows`, `c < columns`.
    static func multiplyAdd(rows: Int, columns: Int, depth: Int, a: Operand, b: Operand, alpha: Double,
                            into c: UnsafeMutablePointer<Double>, ldc: Int, structure: Structure = .full, threads: Int) {
        guard rows > 0, columns > 0, depth > 0 else { return }
        let rowGroups = (rows + rowPanel - 1) / rowPanel
        let blockDepth = min(depthBlock, depth)
        let packedA = UnsafeMutablePointer<Double>.allocate(capacity: rowGroups * rowPanel * blockDepth)
        defer { packedA.deallocate() }
        let columnBlocks = (columns + columnBlock - 1) / columnBlock
        // Workers read A's packed panels and the B operand; each packs the B columns of its own
        // column blocks into its own buffer and writes only those columns of C.
        let shared = Shared(packedA: packedA, b: b, c: c)

        for k0 in stride(from: 0, to: depth, by: blockDepth) {
            let kc = min(blockDepth, depth - k0)
            pack(a, from: k0, depth: kc, first: 0, count: rows, width: rowPanel, into: packedA)
            // One job per column block, which packs its own B panel (only it reads that panel:
            // packing in the job spreads the packing over the threads, and the panel is still in
            // L2 when used). With a lower-triangular result the first blocks have the most rows,
            // and taking jobs in order from a shared counter balances the threads.
            let next = Atomic<Int>(0)
            DispatchQueue.concurrentPerform(iterations: max(1, min(threads, columnBlocks))) { _ in
                let packedA = shared.packedA, b = shared.b, c = shared.c
                let tile = UnsafeMutablePointer<Double>.allocate(capacity: rowPanel * columnPanel)
                let packedB = UnsafeMutablePointer<Double>.allocate(capacity: columnBlock * kc)
                defer { tile.deallocate(); packedB.deallocate() }
                while true {
                    let job = next.add(1, ordering: .relaxed).oldValue
                    guard job < columnBlocks else { return }
                    let c0 = job * columnBlock, c1 = min(c0 + columnBlock, columns)
                    if structure.skips(rows: 0..<rows, columns: c0..<c1, depth: k0..<(k0 + kc)) { continue }
                    pack(b, from: k0, depth: kc, first: c0, count: c1 - c0, width: columnPanel, into: packedB)
                    for rowGroup in 0..<rowGroups {
                        let r0 = rowGroup * rowPanel, r1 = min(r0 + rowPanel, rows)
                        for local in 0..<((c1 - c0 + columnPanel - 1) / columnPanel) {
                            let g0 = c0 + local * columnPanel, g1 = min(g0 + columnPanel, c1)
                            if structure.skips(rows: r0..<r1, columns: g0..<g1, depth: k0..<(k0 + kc)) { continue }
                            kernel(kc, packedA + rowGroup * rowPanel * kc, packedB + local * columnPanel * kc, tile)
                            let origin = c + r0 * ldc + g0
                            for i in 0..<(r1 - r0) {
                                let row = origin + i * ldc, part = tile + i * columnPanel
                                for j in 0..<(g1 - g0) { row[j] += alpha * part[j] }
                            }
                        }
                    }
                }
            }
        }
    }

    /// Packs `operand(k0 + k, first + i)` for `k < depth`, `i < count` into groups of `width`
    /// indices, group by group, each group `depth × width` contiguous; the last group is padded with zeros.
    private static func pack(_ operand: Operand, from k0: Int, depth: Int, first: Int, count: Int, width: Int,
                             into packed: UnsafeMutablePointer<Double>) {
        let groups = (count + width - 1) / width
        for group in 0..<groups {
            let i0 = first + group * width, live = min(width, first + count - i0)
            var out = packed + group * width * depth
            for k in 0..<depth {
                for i in 0..<live { out[i] = operand.at(k0 + k, i0 + i) }
                for i in live..<width { out[i] = 0 }
                out += width
            }
        }
    }

    /// The 6×8 tile `Σ_k a[k, 0..<6] ⊗ b[k, 0..<8]` of two packed panels, written (not added) to `tile`.
    @inline(__always)
    private static func kernel(_ depth: Int, _ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>,
                               _ tile: UnsafeMutablePointer<Double>) {
        typealias V = SIMD4<Double>
        var c00 = V(), c01 = V(), c10 = V(), c11 = V(), c20 = V(), c21 = V()
        var c30 = V(), c31 = V(), c40 = V(), c41 = V(), c50 = V(), c51 = V()
        var pa = a, pb = UnsafeRawPointer(b)
        for _ in 0..<depth {
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
        let t = UnsafeMutableRawPointer(tile)
        t.storeBytes(of: c00, toByteOffset: 0, as: V.self); t.storeBytes(of: c01, toByteOffset: 32, as: V.self)
        t.storeBytes(of: c10, toByteOffset: 64, as: V.self); t.storeBytes(of: c11, toByteOffset: 96, as: V.self)
        t.storeBytes(of: c20, toByteOffset: 128, as: V.self); t.storeBytes(of: c21, toByteOffset: 160, as: V.self)
        t.storeBytes(of: c30, toByteOffset: 192, as: V.self); t.storeBytes(of: c31, toByteOffset: 224, as: V.self)
        t.storeBytes(of: c40, toByteOffset: 256, as: V.self); t.storeBytes(of: c41, toByteOffset: 288, as: V.self)
        t.storeBytes(of: c50, toByteOffset: 320, as: V.self); t.storeBytes(of: c51, toByteOffset: 352, as: V.self)
    }
}
