import Dispatch
import Synchronization

/// Why a matrix could not be factorised.
public enum CholeskyError: Error, Equatable, CustomStringConvertible {
    /// The pivot of `column` came out ≤ 0 or not finite: the matrix is not (numerically) positive definite.
    case notPositiveDefinite(column: Int, pivot: Double)
    /// The storage does not hold `order × order` values.
    case wrongSize(order: Int, count: Int)

    public var description: String {
        switch self {
        case .notPositiveDefinite(let column, let pivot):
            return "the matrix is not positive definite: the Cholesky pivot of column \(column) is \(pivot)"
        case .wrongSize(let order, let count):
            return "a \(order)×\(order) matrix needs \(order * order) values, got \(count)"
        }
    }
}

/// Dense symmetric positive definite matrices in Float64, row-major: the Cholesky factor
/// `A = L·Lᵀ` and the inverse `A⁻¹ = L⁻ᵀ·L⁻¹`. Only the lower triangle of the input is read.
///
/// All three steps are blocked by `blockSize` rows so that almost all of the ≈ n³ flops
/// (n³/3 each for the factor, `L⁻¹` and `L⁻ᵀL⁻¹`) run in `DoubleProduct`'s packed kernel; what is
/// left (diagonal blocks, the panel solve) is O(n²·blockSize). Everything happens in place, plus
/// O(n·blockSize) scratch: EASE at V = 6000 needs one 288 MB matrix, not three.
public enum Cholesky {
    static let defaultBlockSize = 96

    /// Replaces the lower triangle of `matrix` (n×n, row-major) by its Cholesky factor `L` and
    /// zeros the strict upper triangle. Throws instead of producing NaNs when a pivot is not positive.
    public static func factor(_ matrix: inout [Double], order n: Int, threads: Int = 2) throws(CholeskyError) {
        try factor(&matrix, order: n, threads: threads, blockSize: defaultBlockSize)
    }

    /// Replaces the symmetric positive definite `matrix` (n×n, row-major; lower triangle read) by
    /// its inverse, both triangles filled.
    public static func invert(_ matrix: inout [Double], order n: Int, threads: Int = 2) throws(CholeskyError) {
        try invert(&matrix, order: n, threads: threads, blockSize: defaultBlockSize)
    }

    /// The inverse of a symmetric positive definite matrix (n×n, row-major; lower triangle read).
    public static func inverse(of matrix: [Double], order n: Int, threads: Int = 2) throws(CholeskyError) -> [Double] {
        var copy = matrix
        try invert(&copy, order: n, threads: threads)
        return copy
    }

    // The block size is a parameter so that the tests can cross block edges with small matrices.
    static func factor(_ matrix: inout [Double], order n: Int, threads: Int, blockSize: Int) throws(CholeskyError) {
        guard matrix.count == n * n else { throw .wrongSize(order: n, count: matrix.count) }
        guard n > 0 else { return }
        let failure = matrix.withUnsafeMutableBufferPointer { buffer -> CholeskyError? in
            do throws(CholeskyError) { try factorLower(buffer.baseAddress!, n, blockSize, threads) } catch { return error }
            return nil
        }
        if let failure { throw failure }
    }

    static func invert(_ matrix: inout [Double], order n: Int, threads: Int, blockSize: Int) throws(CholeskyError) {
        try factor(&matrix, order: n, threads: threads, blockSize: blockSize)
        guard n > 0 else { return }
        matrix.withUnsafeMutableBufferPointer { buffer in
            let a = buffer.baseAddress!
            invertLower(a, n, blockSize, threads)
            multiplyTransposeByItself(a, n, blockSize, threads)
            mirrorLowerToUpper(a, n)
        }
    }

    /// Right-looking blocked Cholesky. For each block column K: factor the diagonal block, solve the
    /// panel below it, subtract the panel's outer product from the trailing lower triangle.
    private static func factorLower(_ a: UnsafeMutablePointer<Double>, _ n: Int, _ nb: Int, _ threads: Int) throws(CholeskyError) {
        // The panel is solved transposed (w × m, one row per column of the block): each step of
        // the substitution is then a contiguous axpy, which the compiler vectorises (a row-wise dot
        // product would not be: Swift does not reassociate floating-point sums), and the
        // transposed panel is already in the layout the trailing update reads.
        let panel = UnsafeMutablePointer<Double>.allocate(capacity: nb * n)
        defer { panel.deallocate() }
        for k0 in stride(from: 0, to: n, by: nb) {
            let k1 = min(k0 + nb, n), w = k1 - k0, m = n - k1
            for i in k0..<k1 {
                let rowI = a + i * n
                for j in k0...i {
                    let rowJ = a + j * n
                    var s = rowI[j]
                    for p in k0..<j { s -= rowI[p] * rowJ[p] }
                    if i == j {
                        guard s > 0, s.isFinite else { throw .notPositiveDefinite(column: i, pivot: s) }
                        rowI[i] = s.squareRoot()
                    } else {
                        rowI[j] = s / rowJ[j]
                    }
                }
            }
            guard m > 0 else { break }
            for r in 0..<m {
                let row = a + (k1 + r) * n + k0
                for q in 0..<w { panel[q * m + r] = row[q] }
            }
            // Forward substitution `X·L_KKᵀ = A_panel`, in column chunks that stay in L2, in parallel.
            let chunk = 512, chunks = (m + chunk - 1) / chunk
            let next = Atomic<Int>(0)
            // Workers read the diagonal block and write disjoint column ranges of the panel.
            let shared = PanelSolve(a: a, panel: panel)
            DispatchQueue.concurrentPerform(iterations: max(1, min(threads, chunks))) { _ in
                let a = shared.a, panel = shared.panel
                while true {
                    let index = next.add(1, ordering: .relaxed).oldValue
                    guard index < chunks else { return }
                    let c0 = index * chunk, c1 = min(c0 + chunk, m)
                    for q in 0..<w {
                        let rowQ = panel + q * m, pivot = a[(k0 + q) * n + k0 + q]
                        for r in c0..<c1 { rowQ[r] /= pivot }
                        for p in (q + 1)..<w {
                            let l = a[(k0 + p) * n + k0 + q], rowP = panel + p * m
                            for r in c0..<c1 { rowP[r] -= l * rowQ[r] }
                        }
                    }
                }
            }
            for r in 0..<m {
                let row = a + (k1 + r) * n + k0
                for q in 0..<w { row[q] = panel[q * m + r] }
            }
            let transposed = DoubleProduct.Operand(base: panel, depthStride: m, indexStride: 1)
            var lower = DoubleProduct.Structure()
            lower.lowerResult = true
            DoubleProduct.multiplyAdd(rows: m, columns: m, depth: w, a: transposed, b: transposed, alpha: -1,
                                      into: a + k1 * n + k1, ldc: n, structure: lower, threads: threads)
        }
        // The trailing updates also wrote some entries above the diagonal; the later steps treat
        // the strict upper triangle as the zeros of L, so make it so.
        for i in 0..<n { (a + i * n + i + 1).update(repeating: 0, count: n - i - 1) }
    }

    /// The two pointers the workers of `factorLower`'s panel solve share. `@unchecked` because raw
    /// pointers are not `Sendable`; sound because `concurrentPerform` returns only when every
    /// worker has (both buffers outlive them); of `a` the workers only read the factored diagonal
    /// block (rows and columns `k0..<k1`), which nothing writes while they run; each chunk index
    /// comes out of the shared `Atomic` counter exactly once, and chunk `c0..<c1` writes only
    /// `panel[q·m + r]` for `r` in `c0..<c1`, so no two workers write (or read) the same element.
    private struct PanelSolve: @unchecked Sendable {
        let a: UnsafeMutablePointer<Double>
        let panel: UnsafeMutablePointer<Double>
    }

    /// Replaces the lower-triangular `L` (strict upper triangle zero) by `W = L⁻¹`, block row by
    /// block row: `W_II = L_II⁻¹`, `W_I,<I = −W_II · (L_I,<I · W_<I,<I)`. Rows above I are already W.
    private static func invertLower(_ a: UnsafeMutablePointer<Double>, _ n: Int, _ nb: Int, _ threads: Int) {
        let diagonal = UnsafeMutablePointer<Double>.allocate(capacity: nb * nb)
        let product = UnsafeMutablePointer<Double>.allocate(capacity: nb * n)
        defer { diagonal.deallocate(); product.deallocate() }
        for i0 in stride(from: 0, to: n, by: nb) {
            let i1 = min(i0 + nb, n), w = i1 - i0
            // L_II·W_II = I row by row: L_rr·W_r = e_r − Σ_{p<r} L_rp·W_p (axpys of earlier rows).
            for r in 0..<w {
                let rowR = diagonal + r * w
                rowR.update(repeating: 0, count: w)
                rowR[r] = 1
                for p in 0..<r {
                    let l = a[(i0 + r) * n + i0 + p], rowP = diagonal + p * w
                    for c in 0...p { rowR[c] -= l * rowP[c] }
                }
                let pivot = a[(i0 + r) * n + i0 + r]
                for c in 0...r { rowR[c] /= pivot }
            }
            if i0 > 0 {
                product.update(repeating: 0, count: w * i0)
                var triangularB = DoubleProduct.Structure()
                triangularB.bLowerTriangular = true
                DoubleProduct.multiplyAdd(rows: w, columns: i0, depth: i0,
                                          a: .init(base: a + i0 * n, depthStride: 1, indexStride: n),
                                          b: .init(base: a, depthStride: n, indexStride: 1), alpha: 1,
                                          into: product, ldc: i0, structure: triangularB, threads: threads)
                for r in 0..<w { (a + (i0 + r) * n).update(repeating: 0, count: i0) }
                DoubleProduct.multiplyAdd(rows: w, columns: i0, depth: w,
                                          a: .init(base: diagonal, depthStride: 1, indexStride: w),
                                          b: .init(base: product, depthStride: i0, indexStride: 1), alpha: -1,
                                          into: a + i0 * n, ldc: n, threads: threads)
            }
            for r in 0..<w { (a + (i0 + r) * n + i0).update(from: diagonal + r * w, count: w) }
        }
    }

    /// Replaces the lower-triangular `W` by the lower triangle of `Wᵀ·W`, block row by block row
    /// top-down: `P_IC = Σ_{k ≥ i0} W_kI·W_kC` reads only rows ≥ i0 of W, so rows I may be
    /// overwritten as soon as their block is done.
    private static func multiplyTransposeByItself(_ a: UnsafeMutablePointer<Double>, _ n: Int, _ nb: Int, _ threads: Int) {
        let block = UnsafeMutablePointer<Double>.allocate(capacity: nb * n)
        defer { block.deallocate() }
        for i0 in stride(from: 0, to: n, by: nb) {
            let i1 = min(i0 + nb, n), w = i1 - i0
            block.update(repeating: 0, count: w * i1)
            var lower = DoubleProduct.Structure()
            lower.rowOrigin = i0
            lower.lowerResult = true
            DoubleProduct.multiplyAdd(rows: w, columns: i1, depth: n - i0,
                                      a: .init(base: a + i0 * n + i0, depthStride: n, indexStride: 1),
                                      b: .init(base: a + i0 * n, depthStride: n, indexStride: 1), alpha: 1,
                                      into: block, ldc: i1, structure: lower, threads: threads)
            for r in 0..<w { (a + (i0 + r) * n).update(from: block + r * i1, count: i0 + r + 1) }
        }
    }

    /// Copies the lower triangle onto the upper one, in square tiles so both sides stay in cache.
    private static func mirrorLowerToUpper(_ a: UnsafeMutablePointer<Double>, _ n: Int) {
        let tile = 64
        for r0 in stride(from: 0, to: n, by: tile) {
            for c0 in stride(from: r0, to: n, by: tile) {
                for r in r0..<min(r0 + tile, n) {
                    for c in max(c0, r + 1)..<max(max(c0, r + 1), min(c0 + tile, n)) { a[r * n + c] = a[c * n + r] }
                }
            }
        }
    }
}
