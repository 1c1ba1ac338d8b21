/// General matrix multiply on row-major `Float` buffers:
/// `C (m×n) = op(A) · op(B)` (or `+=` when accumulating), where `op(A)` is `m×k` and `op(B)` is
/// `k×n`. With `transposeA` the buffer `a` holds `Aᵀ` stored as `k×m`; with `transposeB` the
/// buffer `b` holds `Bᵀ` stored as `n×k`. Leading dimensions are the natural ones (contiguous).
public enum GEMM {
    /// `c = op(a)·op(b)`, or `c += op(a)·op(b)` when `accumulate` is true.
    public static func multiply(
        m: Int, n: Int, k: Int,
        _ a: UnsafePointer<Float>, transposeA: Bool,
        _ b: UnsafePointer<Float>, transposeB: Bool,
        into c: UnsafeMutablePointer<Float>, accumulate: Bool
    ) {
        if !accumulate { c.update(repeating: 0, count: m * n) }
        guard m > 0, n > 0, k > 0 else { return }
        naive(m: m, n: n, k: k, a, transposeA: transposeA, b, transposeB: transposeB, into: c)
    }

    /// Array convenience for `multiply`: returns `op(a)·op(b)` as `m×n` scalars.
    public static func multiply(
        m: Int, n: Int, k: Int,
        _ a: [Float], transposeA: Bool = false,
        _ b: [Float], transposeB: Bool = false
    ) -> [Float] {
        precondition(a.count == m * k && b.count == k * n, "GEMM: operands do not match \(m)×\(k)·\(k)×\(n)")
        return [Float](unsafeUninitializedCapacity: m * n) { out, count in
            a.withUnsafeBufferPointer { a in
                b.withUnsafeBufferPointer { b in
                    multiply(m: m, n: n, k: k, a.baseAddress!, transposeA: transposeA,
                             b.baseAddress!, transposeB: transposeB,
                             into: out.baseAddress!, accumulate: false)
                }
            }
            count = m * n
        }
    }

    /// `c += op(a)·op(b)` with the loop order chosen for unit-stride inner loops.
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
                    for p in 0..<k { s += (transposeA ? a[p * m + i] : a[i * k + p]) * bj[p] }
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
}
